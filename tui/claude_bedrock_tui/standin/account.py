"""Account state the stand-in serves without spending tokens: model availability, the Anthropic use-case form,
Service Quotas, CloudWatch metrics and IAM policy simulation (docs/bedrock.md, "Account state")."""

from __future__ import annotations

import hashlib
import json
import re
import time
import uuid
from xml.sax.saxutils import escape

from claude_bedrock_tui.standin.catalogue import model_display_name
from claude_bedrock_tui.standin.errors import error_message

IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/"

# Access states a scenario can give a model (Scenario.access): the GetFoundationModelAvailability fields.
ACCESS_STATES: dict[str, dict[str, object]] = {
    "available": {},
    "not_authorized": {"authorizationStatus": "NOT_AUTHORIZED"},
    "not_entitled": {"entitlementAvailability": "NOT_AVAILABLE"},
    "agreement_pending": {"agreementAvailability": {"status": "PENDING"}},
    "agreement_error": {
        "agreementAvailability": {"status": "ERROR", "errorMessage": "The Marketplace subscription failed."}
    },
    "region_unavailable": {"regionAvailability": "NOT_AVAILABLE"},
}

# (way of calling, quota name prefix) as the Bedrock quotas are named (docs/bedrock.md, "Quotas").
_WAYS = (
    ("global", "Global cross-Region InvokeModel"),
    ("cross-region", "Cross-Region InvokeModel"),
    ("on-demand", "On-demand InvokeModel"),
)
DEFAULT_TOKENS_PER_MINUTE = 400_000
DEFAULT_REQUESTS_PER_MINUTE = 200
DEFAULT_TOKENS_PER_DAY = 144_000_000


def _quota(name: str, value: float, unit: str, region: str, adjustable: bool = True) -> dict:
    code = "L-" + hashlib.sha1(name.encode()).hexdigest()[:8].upper()
    return {
        "ServiceCode": "bedrock",
        "ServiceName": "Amazon Bedrock",
        "QuotaArn": f"arn:aws:servicequotas:{region}::bedrock/{code}",
        "QuotaCode": code,
        "QuotaName": name,
        "Value": float(value),
        "Unit": unit,
        "Adjustable": adjustable,
        "GlobalQuota": False,
        "QuotaAppliedAtLevel": "ACCOUNT",
    }


def bedrock_quotas(
    bare_ids: list[str], region: str, tokens_per_minute: int | None, requests_per_minute: int | None
) -> list[dict]:
    """Per-model quotas for every way of calling, plus a few unrelated Bedrock quotas (as a real listing has)."""
    quotas = [_quota("Concurrent model import jobs", 1, "None", region, adjustable=False)]
    for bare_id in bare_ids:
        name = model_display_name(bare_id)
        tpm = tokens_per_minute or DEFAULT_TOKENS_PER_MINUTE
        rpm = requests_per_minute or DEFAULT_REQUESTS_PER_MINUTE
        for way, prefix in _WAYS:
            factor = 2 if way == "global" else 1
            quotas.append(_quota(f"{prefix} tokens per minute for {name}", tpm * factor, "None", region))
            quotas.append(_quota(f"{prefix} requests per minute for {name}", rpm * factor, "None", region))
        quotas.append(_quota(f"Model invocation max tokens per day for {name}", DEFAULT_TOKENS_PER_DAY, "None", region))
    return quotas


def list_service_quotas(body: dict, quotas: list[dict]) -> tuple[int, dict]:
    """ListServiceQuotas: pages of at most MaxResults (default 100), NextToken an offset."""
    if body.get("ServiceCode") != "bedrock":
        return 400, {"__type": "NoSuchResourceException", "message": f"Service {body.get('ServiceCode')} not found"}
    size = int(body.get("MaxResults") or 100)
    offset = int(body.get("NextToken") or 0)
    page: dict = {"Quotas": quotas[offset : offset + size]}
    if offset + size < len(quotas):
        page["NextToken"] = str(offset + size)
    return 200, page


def metric_values(
    metric: str, model_id: str, throttles: int, start: float, period: int
) -> tuple[list[float], list[float]]:
    """A quiet day: a few hours of use, and `throttles` InvocationThrottles spread over them."""
    hours = [start + h * 3600 for h in (2, 3, 9, 15)]
    stamps = [h - (h % period) for h in hours]
    per_hour = {"InputTokenCount": 180_000.0, "OutputTokenCount": 9_000.0, "Invocations": 40.0}
    if metric == "InvocationThrottles":
        if not throttles:
            return [], []
        share = [throttles // len(stamps)] * len(stamps)
        share[0] += throttles - sum(share)
        return stamps, [float(v) for v in share]
    value = per_hour.get(metric)
    return (stamps, [value] * len(stamps)) if value is not None else ([], [])


def get_metric_data(body: dict, throttles: int) -> dict:
    start = float(body.get("StartTime") or time.time() - 86400)
    results = []
    for query in body.get("MetricDataQueries") or []:
        stat = query.get("MetricStat") or {}
        metric = stat.get("Metric") or {}
        dimensions = {d.get("Name"): d.get("Value") for d in metric.get("Dimensions") or []}
        stamps: list[float] = []
        values: list[float] = []
        if metric.get("Namespace") == "AWS/Bedrock" and "ModelId" in dimensions:
            stamps, values = metric_values(
                str(metric.get("MetricName")),
                str(dimensions["ModelId"]),
                throttles,
                start,
                int(stat.get("Period") or 60),
            )
        results.append(
            {"Id": query.get("Id"), "Label": metric.get("MetricName"), "Timestamps": stamps, "Values": values,
             "StatusCode": "Complete"}
        )  # fmt: skip
    return {"MetricDataResults": results, "Messages": []}


def availability(model_id: str, state: str) -> tuple[int, dict]:
    """GetFoundationModelAvailability for a base model ID in one of ACCESS_STATES."""
    if not re.match(r"^[a-z0-9-]+\.[a-z0-9.:-]+$", model_id):
        return 400, {
            "message": f"1 validation error detected: Value '{model_id}' at 'modelId' failed to satisfy constraint"
        }
    answer: dict = {
        "modelId": model_id,
        "agreementAvailability": {"status": "AVAILABLE"},
        "authorizationStatus": "AUTHORIZED",
        "entitlementAvailability": "AVAILABLE",
        "regionAvailability": "AVAILABLE",
    }
    answer.update(ACCESS_STATES[state])
    return 200, answer


USE_CASE_FORM = json.dumps(
    {"companyName": "Example Corp", "companyWebsite": "https://example.com", "intendedUsers": "0",
     "industryOption": "Technology", "useCases": "Coding assistant (Claude Code)"}
).encode()  # fmt: skip


def simulate_xml(form: dict[str, str], denied: set[str]) -> str:
    """SimulatePrincipalPolicy: every action asked about, on every resource, allowed unless denied."""
    actions = [v for k, v in sorted(form.items(), key=_member_order) if k.startswith("ActionNames.member.")]
    resources = [v for k, v in sorted(form.items(), key=_member_order) if k.startswith("ResourceArns.member.")]
    members = []
    for action in actions:
        for resource in resources or ["*"]:
            decision = "implicitDeny" if action in denied else "allowed"
            members.append(
                "      <member>\n"
                f"        <EvalActionName>{escape(action)}</EvalActionName>\n"
                f"        <EvalResourceName>{escape(resource)}</EvalResourceName>\n"
                f"        <EvalDecision>{decision}</EvalDecision>\n"
                "        <MatchedStatements/>\n        <MissingContextValues/>\n"
                "      </member>\n"
            )
    return (
        f'<SimulatePrincipalPolicyResponse xmlns="{IAM_NAMESPACE}">\n  <SimulatePrincipalPolicyResult>\n'
        "    <IsTruncated>false</IsTruncated>\n    <EvaluationResults>\n"
        + "".join(members)
        + "    </EvaluationResults>\n  </SimulatePrincipalPolicyResult>\n"
        f"  <ResponseMetadata>\n    <RequestId>{uuid.uuid4()}</RequestId>\n  </ResponseMetadata>\n"
        "</SimulatePrincipalPolicyResponse>\n"
    )


def _member_order(item: tuple[str, str]) -> tuple[str, int]:
    name, _, number = item[0].rpartition(".")
    return name, int(number) if number.isdigit() else 0


def iam_error_xml(code: str, message: str) -> str:
    return (
        f'<ErrorResponse xmlns="{IAM_NAMESPACE}">\n'
        f"  <Error>\n    <Type>Sender</Type>\n    <Code>{escape(code)}</Code>\n"
        f"    <Message>{escape(message)}</Message>\n  </Error>\n"
        f"  <RequestId>{uuid.uuid4()}</RequestId>\n</ErrorResponse>\n"
    )


def denied_message(caller_arn: str, action: str, resource: str) -> str:
    """The AccessDenied text AWS sends for an action no policy allows (the stand-in's iam_denied)."""
    return error_message("iam_denied", caller_arn=caller_arn, action=action, resource=resource)
