"""What an incoming request is: which service and operation, which model, and who signed it."""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote

_CREDENTIAL_RE = re.compile(r"Credential=(?P<key>[^/,\s]+)/\d{8}/(?P<region>[^/]+)/(?P<service>[^/]+)/aws4_request")
_INVOKE_SUFFIXES = (
    ("/invoke-with-response-stream", "InvokeModelWithResponseStream"),
    ("/invoke", "InvokeModel"),
)

# JSON-protocol services on "/", told apart by their X-Amz-Target prefix; IAM by its query action.
_JSON_TARGETS = (("ServiceQuotasV20190624", "servicequotas"), ("GraniteServiceVersion20100801", "cloudwatch"))
IAM_ACTIONS = frozenset({"SimulatePrincipalPolicy"})


# Bedrock Mantle, Bedrock's Anthropic Messages endpoint: POST {base}/v1/messages, the model in the body
# (docs/claude-code-behaviour.md, "Mantle").
MANTLE_MESSAGES_PATH = "/v1/messages"

# Headers that carry credentials: never kept in a recording.
_CREDENTIAL_HEADERS = frozenset({"authorization", "x-amz-security-token", "x-api-key", "proxy-authorization"})


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the stand-in saw it (recorded before any latency, hang or error applies)."""

    service: str
    """"bedrock", "bedrock-runtime", "bedrock-mantle", "sts", "servicequotas", "cloudwatch", "iam" or "unknown"."""
    operation: str
    """ListInferenceProfiles, GetInferenceProfile, GetGuardrail, InvokeModel, InvokeModelWithResponseStream,
    CreateMessage (Mantle), GetCallerIdentity (or the STS action sent), or "Unknown"."""
    path: str
    """The path as sent, still URL-encoded, without the query string."""
    auth: str
    """"sigv4", "bearer" or "none"."""
    access_key_id: str | None
    region: str | None
    """From the SigV4 credential scope, or a short-term API key; None when the request names none."""
    model_id: str | None
    """The decoded model ID of an invoke, or the profile identifier of GetInferenceProfile."""
    body: dict | None
    """The JSON body of an invoke, or the form fields of an STS call."""
    method: str = "GET"
    query: dict[str, str] = field(default_factory=dict)
    api_key: str | None = None
    """The bearer token, when one was sent."""
    headers: dict[str, str] = field(default_factory=dict)
    """The headers sent (lower-cased names), without the ones that carry credentials."""


def _route(method: str, path: str, headers: dict[str, str], form: dict[str, str]) -> tuple[str, str, str | None]:
    """(service, operation, model ID or profile identifier) for a request line."""
    if path == "/inference-profiles" and method == "GET":
        return "bedrock", "ListInferenceProfiles", None
    if path.startswith("/foundation-model-availability/") and method == "GET":
        return (
            "bedrock",
            "GetFoundationModelAvailability",
            unquote(path.removeprefix("/foundation-model-availability/")),
        )
    if path == "/use-case-for-model-access" and method == "GET":
        return "bedrock", "GetUseCaseForModelAccess", None
    if path.startswith("/guardrails/") and method == "GET":
        return "bedrock", "GetGuardrail", unquote(path.removeprefix("/guardrails/"))
    if path.endswith(MANTLE_MESSAGES_PATH) and method == "POST":
        return "bedrock-mantle", "CreateMessage", None  # the model is in the body (Call.parse)
    if path.startswith("/inference-profiles/") and method == "GET":
        return "bedrock", "GetInferenceProfile", unquote(path.removeprefix("/inference-profiles/"))
    if path.startswith("/model/") and method == "POST":
        rest = path.removeprefix("/model/")
        for suffix, operation in _INVOKE_SUFFIXES:
            if rest.endswith(suffix):
                return "bedrock-runtime", operation, unquote(rest.removesuffix(suffix))
    if path == "/":
        target = headers.get("x-amz-target", "")
        for prefix, service in _JSON_TARGETS:
            if target.startswith(prefix + "."):
                return service, target.removeprefix(prefix + "."), None
        if form.get("Action") in IAM_ACTIONS:
            return "iam", form["Action"], None
        action = target.rsplit(".", 1)[-1] if target else form.get("Action", "")
        return "sts", action or "Unknown", None
    return "unknown", "Unknown", None


def _api_key_region(token: str) -> str | None:
    """The region a short-term API key (base64 of a presigned URL) was made for."""
    if not token.startswith("bedrock-api-key-"):
        return None
    encoded = token.removeprefix("bedrock-api-key-")
    try:
        url = unquote(base64.b64decode(encoded + "=" * (-len(encoded) % 4)).decode("utf-8", "replace"))
    except (binascii.Error, ValueError):
        return None
    match = _CREDENTIAL_RE.search(url.replace("X-Amz-Credential=", "Credential="))
    return match["region"] if match else None


def parse_auth(headers: dict[str, str], query: dict[str, str]) -> tuple[str, str | None, str | None, str | None]:
    """(auth kind, access key id, region, bearer token) from the Authorization header or a presigned query."""
    authorization = headers.get("authorization", "")
    if authorization.startswith("AWS4-HMAC-SHA256"):
        match = _CREDENTIAL_RE.search(authorization)
        return "sigv4", match["key"] if match else None, match["region"] if match else None, None
    if authorization[:7].lower() == "bearer ":
        token = authorization[7:].strip()
        return "bearer", None, _api_key_region(token), token
    if "X-Amz-Credential" in query:
        match = _CREDENTIAL_RE.search("Credential=" + query["X-Amz-Credential"])
        return "sigv4", match["key"] if match else None, match["region"] if match else None, None
    return "none", None, None, None


@dataclass(frozen=True)
class Call:
    """A parsed request: everything the operations need, nothing of the HTTP plumbing."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    """Lower-cased names."""
    raw_body: bytes
    service: str
    operation: str
    model_id: str | None
    auth: str
    access_key_id: str | None
    region: str | None
    api_key: str | None
    form: dict[str, str]

    @classmethod
    def parse(cls, method: str, target: str, headers: dict[str, str], raw_body: bytes) -> Call:
        path, _, query_string = target.partition("?")
        query = dict(parse_qsl(query_string, keep_blank_values=True))
        lowered = {k.lower(): v for k, v in headers.items()}
        form: dict[str, str] = {}
        if "x-www-form-urlencoded" in lowered.get("content-type", ""):
            form = dict(parse_qsl(raw_body.decode("utf-8", "replace"), keep_blank_values=True))
        elif path == "/" and "Action" in query:
            form = {k: v for k, v in query.items() if not k.startswith("X-Amz-")}
        service, operation, model_id = _route(method, path, lowered, form)
        if operation == "CreateMessage":
            try:
                sent = json.loads(raw_body or b"null")
            except ValueError:
                sent = None
            model_id = sent.get("model") if isinstance(sent, dict) and isinstance(sent.get("model"), str) else None
        auth, key, region, token = parse_auth(lowered, query)
        return cls(method, path, query, lowered, raw_body, service, operation, model_id, auth, key, region, token, form)

    def json_body(self) -> dict | None:
        """The body as a JSON object, or None when it is not one."""
        try:
            value = json.loads(self.raw_body or b"null")
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def record(self) -> RecordedRequest:
        body = (self.form or None) if self.service in ("sts", "iam") else self.json_body()
        return RecordedRequest(
            service=self.service,
            operation=self.operation,
            path=self.path,
            auth=self.auth,
            access_key_id=self.access_key_id,
            region=self.region,
            model_id=self.model_id,
            body=body,
            method=self.method,
            query=dict(self.query),
            api_key=self.api_key,
            headers={k: v for k, v in self.headers.items() if k not in _CREDENTIAL_HEADERS},
        )
