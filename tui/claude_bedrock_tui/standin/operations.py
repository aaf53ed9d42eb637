"""What the stand-in answers to a parsed call under a scenario: pure logic, no sockets."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import time
import uuid
from dataclasses import dataclass, field

from claude_bedrock_tui.standin import account, wire
from claude_bedrock_tui.standin.calls import Call
from claude_bedrock_tui.standin.catalogue import (
    anthropic_model_name,
    base_models,
    default_catalogue,
    find_profile,
    mantle_model_ids,
    resolve_invoke,
    visible_profiles,
)
from claude_bedrock_tui.standin.errors import AUTH_ERRORS, ERRORS, STS_ERRORS, error_message
from claude_bedrock_tui.standin.scenario import Scenario

_PROFILE_TYPES = ("SYSTEM_DEFINED", "APPLICATION")
_REQUIRED_INVOKE_KEYS = ("anthropic_version", "max_tokens", "messages")
_REFORMAT = "please reformat your input and try again."


@dataclass
class Reply:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Caller:
    arn: str
    account: str
    region: str


def _json_reply(status: int, payload: dict, **headers: str) -> Reply:
    return Reply(status, json.dumps(payload).encode(), {"Content-Type": "application/json", **headers})


def _rest_error(code: str, status: int, message: str) -> Reply:
    if code.isdigit():
        # Bedrock's API-key rejection carries no error type: boto3 falls back to the status.
        return _json_reply(status, {"Message": message})
    return _json_reply(status, {"message": message}, **{"x-amzn-ErrorType": code})


def _named_error(name: str, **context: str) -> Reply:
    code, status, _ = ERRORS[name]
    return _rest_error(code, status, error_message(name, **context))


def _validation(message: str) -> Reply:
    return _rest_error("ValidationException", 400, message)


def auth_problem(call: Call, scenario: Scenario) -> str | None:
    """The ERRORS name (or "missing_auth") that the caller's credentials earn, if any."""
    if call.auth == "none":
        return None if scenario.allow_anonymous else "missing_auth"
    if call.auth == "bearer":
        if call.service == "sts":
            return "missing_auth"
        rejected = scenario.api_keys is not None and call.api_key not in scenario.api_keys
        return "bad_api_key" if rejected or scenario.error == "bad_api_key" else None
    if call.access_key_id in scenario.expired_keys or scenario.error == "expired_token":
        return "expired_token"
    unknown = scenario.accounts is not None and call.access_key_id not in scenario.accounts
    return "bad_token" if unknown or scenario.error == "bad_token" else None


def _caller(call: Call, scenario: Scenario) -> _Caller:
    if call.auth == "sigv4" and scenario.accounts and call.access_key_id in scenario.accounts:
        arn = scenario.accounts[call.access_key_id]
    elif call.auth == "bearer":
        arn = f"arn:aws:iam::{scenario.account_id}:user/BedrockAPIKey-standin"
    else:
        arn = f"arn:aws:iam::{scenario.account_id}:user/standin"
    parts = arn.split(":")
    account = parts[4] if len(parts) > 5 and parts[4].isdigit() else scenario.account_id
    return _Caller(arn, account, call.region or scenario.default_region)


def answer(call: Call, scenario: Scenario) -> Reply:
    """The reply to `call`, following the scenario."""
    if call.service == "sts":
        return _sts(call, scenario)
    if scenario.error == "server_error":
        return _named_error("server_error")
    problem = auth_problem(call, scenario)
    if problem == "missing_auth":
        return _rest_error("MissingAuthenticationTokenException", 403, "Missing Authentication Token")
    if problem:
        return _named_error(problem)
    if call.service == "unknown":
        return _rest_error("UnknownOperationException", 404, "Unknown operation")
    caller = _caller(call, scenario)
    catalogue = scenario.profiles if scenario.profiles is not None else default_catalogue(scenario.account_id)
    visible = visible_profiles(catalogue, caller.region, caller.account)
    action = f"{call.service}:{call.operation}"
    if call.service != "bedrock-runtime" and action in scenario.denied_actions:
        return _denied(call, caller, action)
    if call.service in ("servicequotas", "cloudwatch", "iam") or call.operation in _ACCOUNT_OPERATIONS:
        return _account(call, scenario, caller, catalogue)
    if call.service == "bedrock-mantle":
        return _mantle_message(call, scenario, visible)
    if call.service == "bedrock" and call.operation == "GetGuardrail":
        return _guardrail(call, scenario, caller)
    if call.service == "bedrock":
        if scenario.control_error:
            resource = f"arn:aws:bedrock:{caller.region}:{caller.account}:inference-profile/*"
            return _named_error(
                scenario.control_error,
                model_id=call.model_id or "",
                caller_arn=caller.arn,
                action=f"bedrock:{call.operation}",
                resource=resource,
            )
        if call.operation == "ListInferenceProfiles":
            return _list_profiles(call, scenario, visible)
        profile = find_profile(visible, call.model_id or "")
        if profile is None:
            message = f"Inference profile {call.model_id} not found."
            return _rest_error("ResourceNotFoundException", 404, message)
        return _json_reply(200, profile)
    return _invoke(call, scenario, visible, caller)


def _page_token(profile_type: str, offset: int) -> str:
    return base64.urlsafe_b64encode(f"{profile_type}:{offset}".encode()).decode()


def _list_profiles(call: Call, scenario: Scenario, visible: list[dict]) -> Reply:
    profile_type = call.query.get("type") or call.query.get("typeEquals") or "SYSTEM_DEFINED"
    if profile_type not in _PROFILE_TYPES:
        return _validation(
            f"1 validation error detected: Value '{profile_type}' at 'typeEquals' failed to satisfy "
            "constraint: Member must satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]"
        )
    try:
        asked = int(call.query.get("maxResults", "1000"))
    except ValueError:
        asked = 0
    if not 1 <= asked <= 1000:
        return _validation(
            f"1 validation error detected: Value '{call.query.get('maxResults')}' at 'maxResults' "
            "failed to satisfy constraint: Member must have value between 1 and 1000"
        )
    offset = 0
    if "nextToken" in call.query:
        try:
            kind, _, number = base64.urlsafe_b64decode(call.query["nextToken"]).decode().partition(":")
            offset = int(number)
        except (binascii.Error, ValueError, UnicodeDecodeError):
            kind = ""
        if kind != profile_type or offset < 0:
            return _validation("The pagination token is invalid.")
    matching = [p for p in visible if p.get("type") == profile_type]
    limit = min(asked, max(1, scenario.page_size))
    payload: dict = {"inferenceProfileSummaries": matching[offset : offset + limit]}
    if offset + limit < len(matching):
        payload["nextToken"] = _page_token(profile_type, offset + limit)
    return _json_reply(200, payload)


def _invoke(call: Call, scenario: Scenario, visible: list[dict], caller: _Caller) -> Reply:
    model_id = call.model_id or ""
    profile, problem = resolve_invoke(visible, model_id)
    if profile:
        resource = profile["inferenceProfileArn"]
    elif model_id.startswith("arn:"):
        resource = model_id
    else:
        resource = f"arn:aws:bedrock:{caller.region}:{caller.account}:inference-profile/{model_id}"
    context = {
        "model_id": model_id,
        "caller_arn": caller.arn,
        "action": f"bedrock:{call.operation}",
        "resource": resource,
    }
    if context["action"] in scenario.denied_actions:
        return _named_error("iam_denied", **context)
    names = {model_id} | ({profile["inferenceProfileId"], resource} if profile else set())
    # An explicit per-model error wins over everything but auth, so any ID can be made to fail any way.
    explicit = next((scenario.model_errors[n] for n in names if n in scenario.model_errors), None)
    if explicit:
        return _named_error(explicit, **context)
    if problem:
        return _named_error(problem, **context)
    body = call.json_body()
    if body is None:
        return _validation(f"Malformed input request, {_REFORMAT}")
    for key in _REQUIRED_INVOKE_KEYS:
        if key not in body:
            return _validation(f"Malformed input request: #: required key [{key}] not found, {_REFORMAT}")
    max_tokens = body["max_tokens"]
    if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 1:
        return _validation(f"Malformed input request: #/max_tokens: expected minimum: 1, {_REFORMAT}")
    if scenario.error and scenario.error not in AUTH_ERRORS:
        return _named_error(scenario.error, **context)
    started = time.monotonic()
    model = anthropic_model_name(profile, model_id)
    message = wire.anthropic_message(model, wire.count_tokens(body), max_tokens)
    latency = str(scenario.latency_ms + int((time.monotonic() - started) * 1000))
    usage = message["usage"]
    metrics = {
        "X-Amzn-Bedrock-Input-Token-Count": str(usage["input_tokens"]),
        "X-Amzn-Bedrock-Output-Token-Count": str(usage["output_tokens"]),
        "X-Amzn-Bedrock-Invocation-Latency": latency,
    }
    if call.operation == "InvokeModel":
        return _json_reply(200, message, **metrics)
    stream = wire.chunk_stream(wire.stream_events(message, int(latency)))
    headers = {
        "Content-Type": "application/vnd.amazon.eventstream",
        "X-Amzn-Bedrock-Content-Type": "application/json",
    }
    return Reply(200, stream, headers)


def _anthropic_error(status: int, kind: str, message: str) -> Reply:
    """An error as the Anthropic Messages API (and so Bedrock Mantle) shapes it."""
    return _json_reply(status, {"type": "error", "error": {"type": kind, "message": message}})


def _mantle_message(call: Call, scenario: Scenario, visible: list[dict]) -> Reply:
    """Bedrock Mantle's Messages endpoint: a one-token answer, streamed as server-sent events when asked."""
    body = call.json_body()
    if body is None or not isinstance(body.get("max_tokens"), int) or not body.get("messages"):
        return _anthropic_error(400, "invalid_request_error", "max_tokens and messages are required.")
    model_id = call.model_id or ""
    if model_id not in mantle_model_ids(visible):
        return _anthropic_error(404, "not_found_error", f"model: {model_id}")
    failure = scenario.model_errors.get(model_id) or (scenario.error if scenario.error not in AUTH_ERRORS else None)
    if failure:
        _, status, _ = ERRORS[failure]
        return _anthropic_error(status, "api_error", error_message(failure, model_id=model_id))
    message = wire.anthropic_message(model_id, wire.count_tokens(body), body["max_tokens"])
    if not body.get("stream"):
        return _json_reply(200, message)
    events = wire.stream_events(message, scenario.latency_ms)
    return Reply(200, wire.server_sent_events(events), {"Content-Type": "text/event-stream"})


def _guardrail(call: Call, scenario: Scenario, caller: _Caller) -> Reply:
    """GetGuardrail: the guardrail named by ID or ARN, at `guardrailVersion` (default DRAFT)."""
    identifier = call.model_id or ""
    guardrail_id = identifier.rsplit("/", 1)[-1]
    version = call.query.get("guardrailVersion", "DRAFT")
    versions = scenario.guardrails.get(guardrail_id)
    if versions is None:
        return _rest_error("ResourceNotFoundException", 404, f"Guardrail {identifier} was not found.")
    if version not in versions:
        return _rest_error("ResourceNotFoundException", 404, f"Guardrail {guardrail_id} has no version {version}.")
    arn = f"arn:aws:bedrock:{caller.region}:{caller.account}:guardrail/{guardrail_id}"
    return _json_reply(
        200,
        {
            "guardrailId": guardrail_id,
            "guardrailArn": arn,
            "version": version,
            "name": guardrail_id,
            "status": "READY",
            "createdAt": "2026-01-01T00:00:00Z",
            "updatedAt": "2026-01-01T00:00:00Z",
            "blockedInputMessaging": "Blocked by the stand-in guardrail.",
            "blockedOutputsMessaging": "Blocked by the stand-in guardrail.",
        },
    )


_ACCOUNT_OPERATIONS = frozenset({"GetFoundationModelAvailability", "GetUseCaseForModelAccess"})


def _json_error(code: str, status: int, message: str, query_code: str | None = None) -> Reply:
    """An awsJson error; a query-compatible service (CloudWatch) also names its query-style code in a header."""
    headers = {"x-amzn-query-error": f"{query_code};Sender"} if query_code else {}
    return _json_reply(status, {"__type": code, "message": message}, **headers)


def _denied(call: Call, caller: _Caller, action: str) -> Reply:
    """AccessDenied for an action no policy allows, in the service's own wire format."""
    if call.service == "bedrock" and call.operation == "GetFoundationModelAvailability":
        resource = f"arn:aws:bedrock:{caller.region}::foundation-model/{call.model_id}"
    elif call.service == "bedrock":
        resource = f"arn:aws:bedrock:{caller.region}:{caller.account}:*"
    else:
        resource = "*"
    message = account.denied_message(caller.arn, action, resource)
    if call.service == "iam":
        return Reply(403, account.iam_error_xml("AccessDenied", message).encode(), {"Content-Type": "text/xml"})
    if call.service == "cloudwatch":
        return _json_error("AccessDeniedException", 403, message, query_code="AccessDenied")
    if call.service == "servicequotas":
        return _json_error("AccessDeniedException", 400, message)
    return _rest_error("AccessDeniedException", 403, message)


def _account(call: Call, scenario: Scenario, caller: _Caller, catalogue: list[dict]) -> Reply:
    """Availability, the use-case form, Service Quotas, CloudWatch metrics and policy simulation."""
    if call.operation == "GetFoundationModelAvailability":
        model_id = call.model_id or ""
        state = scenario.access.get(model_id) or scenario.access.get("*") or "available"
        if model_id not in base_models(catalogue):
            return _rest_error("ResourceNotFoundException", 404, f"Model {model_id} not found.")
        status, payload = account.availability(model_id, state)
        return _json_reply(status, payload) if status == 200 else _validation(payload["message"])
    if call.operation == "GetUseCaseForModelAccess":
        if not scenario.use_case_submitted:
            return _named_error("use_case_missing")
        return _json_reply(200, {"formData": base64.b64encode(account.USE_CASE_FORM).decode()})
    body = call.json_body() or {}
    if call.operation == "ListServiceQuotas":
        quotas = account.bedrock_quotas(
            base_models(catalogue), caller.region, scenario.tokens_per_minute, scenario.requests_per_minute
        )
        status, payload = account.list_service_quotas(body, quotas)
        return (
            _json_reply(status, payload)
            if status == 200
            else _json_error(payload["__type"], status, payload["message"])
        )
    if call.operation == "GetMetricData":
        return _json_reply(200, account.get_metric_data(body, scenario.throttles_24h))
    if call.operation == "SimulatePrincipalPolicy":
        xml = account.simulate_xml(call.form, scenario.denied_actions)
        return Reply(200, xml.encode(), {"Content-Type": "text/xml"})
    message = f"Unknown operation {call.operation}"
    if call.service == "iam":
        return Reply(400, account.iam_error_xml("InvalidAction", message).encode(), {"Content-Type": "text/xml"})
    return _json_error("UnknownOperationException", 400, message)


def _user_id(arn: str) -> str:
    digest = hashlib.sha1(arn.encode()).hexdigest().upper()[:17]
    if ":assumed-role/" in arn:
        return f"AROA{digest}:{arn.rsplit('/', 1)[-1]}"
    return f"AIDA{digest}"


def _sts(call: Call, scenario: Scenario) -> Reply:
    request_id = str(uuid.uuid4())
    json_protocol = "x-amz-target" in call.headers
    name = "server_error" if scenario.error == "server_error" else None
    if name is None:
        problem = auth_problem(call, scenario)
        name = problem if problem in STS_ERRORS else ("missing_auth" if problem else None)
    if name is None and call.operation != "GetCallerIdentity":
        message = f"Could not find operation {call.operation} for version 2011-06-15"
        return _sts_error("InvalidAction", 400, message, request_id, json_protocol)
    if name:
        code, status, message = STS_ERRORS[name]
        return _sts_error(code, status, message, request_id, json_protocol)
    caller = _caller(call, scenario)
    user_id = _user_id(caller.arn)
    if json_protocol:
        return _json_reply(200, {"Arn": caller.arn, "UserId": user_id, "Account": caller.account})
    xml = wire.sts_identity_xml(caller.arn, user_id, caller.account, request_id)
    return Reply(200, xml.encode(), {"Content-Type": "text/xml"})


def _sts_error(code: str, status: int, message: str, request_id: str, json_protocol: bool) -> Reply:
    if json_protocol:
        # awsJson with query compatibility: the query-style code travels in a header.
        headers = {"x-amzn-query-error": f"{code};{'Sender' if status < 500 else 'Receiver'}"}
        return _json_reply(status, {"__type": code, "message": message}, **headers)
    xml = wire.sts_error_xml(code, message, request_id, sender=status < 500)
    return Reply(status, xml.encode(), {"Content-Type": "text/xml"})
