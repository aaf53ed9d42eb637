"""The least-privilege IAM policy for exactly one configuration: the actions Claude Code needs on Bedrock, on
the resources of the models it will call (docs/bedrock.md, "IAM, generated").

Built from the candidate's model prediction (core/claude_code/models.py), never re-derived; where the live
profile listing is known it names the exact foundation-model ARNs a profile routes to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from claude_bedrock_tui.core import model_ids
from claude_bedrock_tui.core.candidate import Candidate
from claude_bedrock_tui.core.value_checks import guardrail_of
from claude_bedrock_tui.validation.report import InferenceProfile, checked_slots
from claude_bedrock_tui.validation.suggestions import bare_part

INVOKE_ACTIONS = ("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream")
LIST_ACTION = "bedrock:ListInferenceProfiles"
GET_PROFILE_ACTION = "bedrock:GetInferenceProfile"
GUARDRAIL_ACTION = "bedrock:ApplyGuardrail"  # an invoke that names a guardrail (docs/bedrock.md, "IAM")
# Enabling an Anthropic model the first time subscribes to its Marketplace offer through Bedrock
# (the setup doc's policy, docs/bedrock.md "IAM, generated").
MARKETPLACE_ACTIONS = ("aws-marketplace:ViewSubscriptions", "aws-marketplace:Subscribe")


@dataclass
class Target:
    """One model ID Claude Code sends, in one region, and the ARNs an invoke of it is authorised against."""

    model_id: str
    region: str
    slots: list[str] = field(default_factory=list)
    profile_arns: list[str] = field(default_factory=list)
    model_arns: list[str] = field(default_factory=list)
    application: bool = False


def _foundation_arns(bare: str, way: str, region: str, routes_to: Sequence[str]) -> list[str]:
    """The foundation-model ARNs a profile routes to: the listing's when known, else every Region
    (a cross-Region profile can route to any Region of its geography; a global one to any Region)."""
    if routes_to:
        return sorted(set(routes_to))
    if way == "global":
        return [f"arn:aws:bedrock:*::foundation-model/{bare}", f"arn:aws:bedrock:::foundation-model/{bare}"]
    if way == "cross-region":
        return [f"arn:aws:bedrock:*::foundation-model/{bare}"]
    return [f"arn:aws:bedrock:{region}::foundation-model/{bare}"]


def routes_from(profiles: Iterable[InferenceProfile]) -> dict[str, list[str]]:
    """Profile ID and ARN -> the foundation-model ARNs it routes to, from a profile listing."""
    found: dict[str, list[str]] = {}
    for profile in profiles:
        found[profile.id] = found[profile.arn] = list(profile.models)
    return found


def called_ids(
    candidate: Candidate, resolved: Mapping[str, Mapping[str, Any]] | None = None
) -> list[tuple[str, str, str]]:
    """(slot, model ID, region) for every ID Claude Code will send. Offline, a tier Claude Code resolves itself
    may end on any of its candidates (it probes them in order at start-up), so each is named; `resolved`
    (slot -> SlotPrediction.to_json(), re-resolved against what Bedrock lists) names exactly one per slot."""
    found = []
    for slot in checked_slots(candidate):
        data = (resolved or candidate.models)[slot]
        region = str(data.get("region") or candidate.region)
        ids = [str(data.get("resolved") or "")]
        if resolved is None:
            ids += [str(c) for c in data.get("candidates") or [] if c not in ids]
        found += [(slot, model_ids.strip_one_m(i)[0], region) for i in ids if i]
    return found


def targets(
    candidate: Candidate,
    account: str = "*",
    routes: Mapping[str, Sequence[str]] | None = None,
    resolved: Mapping[str, Mapping[str, Any]] | None = None,
) -> list[Target]:
    """Every distinct (model ID, region) Claude Code will call, with its resource ARNs.

    `routes`: profile ID or ARN -> foundation-model ARNs, from a live listing (optional).
    """
    routes = routes or {}
    found: dict[tuple[str, str], Target] = {}
    for slot, model_id, region in called_ids(candidate, resolved):
        target = found.setdefault((model_id, region), Target(model_id, region))
        target.slots.append(slot)
        if len(target.slots) > 1:
            continue
        routes_to = list(routes.get(model_id, ()))
        arn = model_ids.ARN_RE.match(model_id)
        if model_ids.PROFILE_ID_RE.match(model_id):
            target.profile_arns = [f"arn:aws:bedrock:{region}:{account}:inference-profile/{model_id}"]
            way = "global" if model_id.startswith("global.") else "cross-region"
            target.model_arns = _foundation_arns(bare_part(model_id) or "*", way, region, routes_to)
        elif arn and arn["kind"] == "application-inference-profile":
            target.application = True
            target.profile_arns = [model_id]
            target.model_arns = sorted(set(routes_to)) or ["arn:aws:bedrock:*::foundation-model/*"]
        elif arn and arn["kind"] == "inference-profile":
            target.profile_arns = [model_id]
            way = "global" if "/global." in model_id else "cross-region"
            target.model_arns = _foundation_arns(bare_part(arn["id"]) or "*", way, arn["region"], routes_to)
        elif arn:
            target.model_arns = [model_id]  # a foundation-model, provisioned or custom model ARN, as sent
        else:
            target.model_arns = _foundation_arns(bare_part(model_id) or model_id, "on-demand", region, ())
    return list(found.values())


def required_actions(candidate: Candidate) -> list[str]:
    """The Bedrock actions Claude Code needs for this configuration."""
    actions = [*INVOKE_ACTIONS, LIST_ACTION]
    if any(t.application for t in targets(candidate)):
        actions.append(GET_PROFILE_ACTION)
    if guardrail_of(candidate.env.get("ANTHROPIC_CUSTOM_HEADERS"))[0]:
        actions.append(GUARDRAIL_ACTION)
    return actions


def _guardrail_arn(candidate: Candidate, account: str) -> str | None:
    """The ARN of the guardrail ANTHROPIC_CUSTOM_HEADERS names (it may be given as an ARN already)."""
    guardrail = guardrail_of(candidate.env.get("ANTHROPIC_CUSTOM_HEADERS"))[0]
    if guardrail is None or guardrail.startswith("arn:"):
        return guardrail
    return f"arn:aws:bedrock:{candidate.region}:{account}:guardrail/{guardrail}"


def policy_for(
    candidate: Candidate,
    account: str = "*",
    routes: Mapping[str, Sequence[str]] | None = None,
    resolved: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """The IAM policy document (a dict ready for json.dumps)."""
    found = targets(candidate, account, routes, resolved)
    profiles = sorted({arn for t in found for arn in t.profile_arns})
    models = sorted({arn for t in found for arn in t.model_arns if t.profile_arns})
    direct = sorted({arn for t in found for arn in t.model_arns if not t.profile_arns})
    statements: list[dict[str, Any]] = [
        {"Sid": "ListInferenceProfiles", "Effect": "Allow", "Action": [LIST_ACTION], "Resource": "*"}
    ]
    if profiles:
        statements.append(
            {"Sid": "InvokeThroughInferenceProfiles", "Effect": "Allow", "Action": list(INVOKE_ACTIONS),
             "Resource": profiles}
        )  # fmt: skip
    if models:
        # A profile's request reaches the foundation model in the Region it routes to: allowed only through
        # the profiles above (the bedrock:InferenceProfileArn condition).
        statements.append(
            {"Sid": "InvokeFoundationModelsThroughTheProfiles", "Effect": "Allow", "Action": list(INVOKE_ACTIONS),
             "Resource": models, "Condition": {"StringLike": {"bedrock:InferenceProfileArn": profiles}}}
        )  # fmt: skip
    if direct:
        statements.append(
            {"Sid": "InvokeModelsDirectly", "Effect": "Allow", "Action": list(INVOKE_ACTIONS), "Resource": direct}
        )
    applications = sorted({arn for t in found if t.application for arn in t.profile_arns})
    if applications:
        statements.append(
            {"Sid": "ReadApplicationProfiles", "Effect": "Allow", "Action": [GET_PROFILE_ACTION],
             "Resource": applications}
        )  # fmt: skip
    if guardrail := _guardrail_arn(candidate, account):
        statements.append(
            {"Sid": "ApplyTheGuardrail", "Effect": "Allow", "Action": [GUARDRAIL_ACTION], "Resource": guardrail}
        )
    if any("anthropic." in arn for arn in models + direct):
        statements.append(
            {"Sid": "EnableModelsThroughMarketplace", "Effect": "Allow", "Action": list(MARKETPLACE_ACTIONS),
             "Resource": "*", "Condition": {"StringEquals": {"aws:CalledViaLast": "bedrock.amazonaws.com"}}}
        )  # fmt: skip
    return {"Version": "2012-10-17", "Statement": statements}
