"""Account state, read without spending tokens: model access (`access:<slot>`), quotas and throttling
(`quota:<slot>`) and IAM (`iam`), for the models the behaviour model says Claude Code will call.

Each reading needs an IAM action of its own; when the caller lacks it the check says which, and model access
falls back to the 1-token invoke the model check already makes (docs/bedrock.md, "Account state").
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Future
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from claude_bedrock_tui.core import model_ids
from claude_bedrock_tui.core.claude_code.models import SlotPrediction
from claude_bedrock_tui.core.records import CheckResult
from claude_bedrock_tui.core.wording import counted
from claude_bedrock_tui.validation import iam_policy, quotas
from claude_bedrock_tui.validation.advice import USE_CASE_STEP, advise, error_info, find_rule
from claude_bedrock_tui.validation.report import merge_records, record
from claude_bedrock_tui.validation.suggestions import bare_part

if TYPE_CHECKING:
    from claude_bedrock_tui.validation.live import LiveRun
    from claude_bedrock_tui.validation.model_check import ModelChecker

NO_CREDENTIALS = "Not checked: no working credentials (see credentials)."
AVAILABILITY_ACTION = "bedrock:GetFoundationModelAvailability"
USE_CASE_ACTION = "bedrock:GetUseCaseForModelAccess"
QUOTAS_ACTION = "servicequotas:ListServiceQuotas"
METRICS_ACTION = "cloudwatch:GetMetricData"
SIMULATE_ACTION = "iam:SimulatePrincipalPolicy"
# Service -> the variable that redirects it (botocore's AWS_ENDPOINT_URL_<SERVICE>).
ENDPOINT_VARIABLES = {
    "service-quotas": "AWS_ENDPOINT_URL_SERVICE_QUOTAS",
    "cloudwatch": "AWS_ENDPOINT_URL_CLOUDWATCH",
    "iam": "AWS_ENDPOINT_URL_IAM",
}
METRICS = ("InvocationThrottles", "InputTokenCount", "OutputTokenCount")
# GetFoundationModelAvailability, one row per field state that blocks Claude Code (docs/bedrock.md, "Account
# state"): (field, states, status, message, advice), formatted with the model, region and console path.
AVAILABILITY_STATES: tuple[tuple[str, tuple[str, ...], str, str, str], ...] = (
    ("authorizationStatus", ("NOT_AUTHORIZED",), "fail", "Model access to {where} is not granted.",
     "Request access to the model: {console} (needs the Marketplace actions in `iam-policy`)."),
    ("entitlementAvailability", ("NOT_AVAILABLE",), "fail",
     "This account is not entitled to {where} (no Marketplace subscription).",
     "Enable the model once from the {console}, as an identity allowed aws-marketplace:Subscribe and "
     "aws-marketplace:ViewSubscriptions (see `iam-policy`)."),
    ("agreement", ("PENDING",), "warn",
     "The model agreement for {where} is pending: Bedrock refuses calls until it completes.",
     "Wait a few minutes and check again; it usually completes by itself."),
    ("agreement", ("NOT_AVAILABLE", "ERROR"), "fail", "The model agreement for {where} is {state}{detail}",
     "Accept the model's offer: {console} (needs aws-marketplace:Subscribe)."),
    ("regionAvailability", ("NOT_AVAILABLE",), "fail", "{model} is not available in {region}.",
     "Use a cross-Region or global inference profile, or a region that offers the model."),
)  # fmt: skip
T = TypeVar("T")
Reading = tuple[Any, tuple[str, str] | None]  # (answer, or (error code, message))


def _denied(error: tuple[str, str] | None) -> bool:
    return error is not None and find_rule(*error).name == "iam_denied"


def _count(value: float) -> str:
    return f"{value:,.0f}"


class AccountChecks:
    """The access, quota and IAM checks of one validation run; every AWS reading is made once."""

    def __init__(self, run: LiveRun, checker: ModelChecker) -> None:
        self.run = run
        self.checker = checker
        self._lock = threading.Lock()
        self._memo: dict[tuple[Any, ...], Future[Any]] = {}

    def _once(self, key: tuple[Any, ...], work: Callable[[], T]) -> T:
        """`work()` once, in the thread that asks first (never a new pool task: the pool may be full of
        checks waiting for it); the others wait for its answer."""
        with self._lock:
            future = self._memo.get(key)
            first = future is None
            if future is None:
                future = self._memo[key] = Future()
        if first:
            try:
                future.set_result(work())
            except BaseException as exc:
                future.set_exception(exc)
        result: T = future.result()
        return result

    def soon(self, reading: Callable[..., Any], *args: Any) -> None:
        """Start a memoised reading in its own thread, so that it overlaps the ones a check makes before it
        needs this one (each reading costs a round trip; docs/bedrock.md, "Account state")."""
        threading.Thread(target=reading, args=args, daemon=True, name="account-reading").start()

    def _read(self, service: str, region: str, call: Callable[[Any], Any]) -> Reading:
        assert self.run.clients is not None
        try:
            return call(self.run.clients.get(service, region)), None
        except Exception as exc:  # every failure is classified by the caller
            return None, error_info(exc)

    def not_readable(self) -> str | None:
        """Why nothing can be read: no credentials, or credentials that only reach Bedrock."""
        if self.run.clients is None:
            return NO_CREDENTIALS
        if self.run.plan.source == "skip-auth":
            return "Not checked: CLAUDE_CODE_SKIP_BEDROCK_AUTH=1 sends unsigned requests."
        return None

    def elsewhere(self, service: str) -> str | None:
        """Why `service` is not asked: Bedrock is redirected (a stand-in, a gateway) and it is not, so its answer
        would come from a different place than Bedrock's."""
        env = os.environ
        if self.run.plan.source == "api-key":
            return "a Bedrock API key reaches only Bedrock"
        redirected = env.get("AWS_ENDPOINT_URL_BEDROCK") or env.get("ANTHROPIC_BEDROCK_BASE_URL")
        if redirected and not (env.get(ENDPOINT_VARIABLES[service]) or env.get("AWS_ENDPOINT_URL")):
            return f"Bedrock's endpoint is redirected and {ENDPOINT_VARIABLES[service]} is not"
        return None

    def slot(self, name: str) -> SlotPrediction:
        return self.checker.resolved()[name]

    def on_mantle(self, check_id: str, slot: SlotPrediction) -> CheckResult | None:
        """A slot Claude Code sends to Bedrock Mantle: the account readings are bedrock-runtime's, so they are
        skipped; the slot's own request to Mantle (model:SLOT) is the proof."""
        if not self.checker.to_mantle(slot.resolved):
            return None
        return record(
            check_id,
            "skip",
            f"{slot.resolved} goes to Bedrock Mantle, whose access and quotas are not read here; "
            f"model:{slot.slot} asks Mantle itself.",
        )

    def base_model(self, slot: SlotPrediction) -> str | None:
        """The base model ID behind the ID sent; an application profile's from the listing."""
        if bare := bare_part(slot.resolved):
            return bare
        for arn in self.routes().get(model_ids.strip_one_m(slot.resolved)[0], []):
            return arn.rsplit("/", 1)[-1]
        return None

    def routes(self) -> dict[str, list[str]]:
        """Profile ID and ARN -> the foundation-model ARNs it routes to, from the main region's listing."""
        listing = self.run.listing.result() if self.run.listing is not None else None
        return iam_policy.routes_from(listing.profiles if listing else [])

    # -- access:<slot> ---------------------------------------------------------------------------------------

    def availability(self, model: str, region: str) -> Reading:
        return self._once(
            ("availability", model, region),
            lambda: self._read("bedrock", region, lambda c: c.get_foundation_model_availability(modelId=model)),
        )

    def use_case(self) -> Reading:
        region = self.run.candidate.region
        return self._once(
            ("use-case",), lambda: self._read("bedrock", region, lambda c: c.get_use_case_for_model_access())
        )

    def access(self, name: str) -> CheckResult:
        check_id = f"access:{name}"
        if reason := self.not_readable():
            return record(check_id, "skip", reason)
        self.soon(self.use_case)  # needs no model: starts before the slot is resolved
        slot = self.slot(name)
        if mantle := self.on_mantle(check_id, slot):
            return mantle
        model = self.base_model(slot)
        if model is None:
            return record(check_id, "skip", f"{slot.resolved} names no base model whose access can be read.")
        findings: list[CheckResult] = []
        missing: list[str] = []
        answer, error = self.availability(model, slot.region)
        if error is None:
            findings += self.availability_findings(check_id, model, slot.region, answer)
        elif _denied(error):
            missing.append(AVAILABILITY_ACTION)
        else:  # not readable for another reason (unknown to this endpoint, unreachable): the invoke decides
            findings.append(self.fallback(check_id, slot, [], f"Availability of {model} not read ({error[0]})"))
        if model.startswith("anthropic."):
            _, use_error = self.use_case()
            if use_error is None:
                findings.append(record(check_id, "pass", "The Anthropic use-case form has been submitted."))
            elif _denied(use_error):
                missing.append(USE_CASE_ACTION)
            elif find_rule(*use_error).name == "use_case_missing" or use_error[0] == "ResourceNotFoundException":
                findings.append(
                    record(check_id, "fail", "The Anthropic use-case form has not been submitted for this account.",
                           USE_CASE_STEP)
                )  # fmt: skip
            else:
                findings.append(record(check_id, "warn", f"Reading the use-case form failed: {use_error[1]}"))
        if missing:
            findings.append(self.fallback(check_id, slot, missing))
        return merge_records(check_id, findings)

    def availability_findings(
        self, check_id: str, model: str, region: str, answer: dict[str, Any]
    ) -> list[CheckResult]:
        """One finding per field of GetFoundationModelAvailability that is not in order (or one pass)."""
        agreement = answer.get("agreementAvailability") or {}
        values = {**answer, "agreement": agreement.get("status")}
        detail = f": {agreement['errorMessage']}" if agreement.get("errorMessage") else "."
        fields = {"where": f"{model} in {region}", "model": model, "region": region, "detail": detail,
                  "console": f"Bedrock console in {region} > Model access"}  # fmt: skip
        found = [
            record(check_id, status, message.format(state=values[name], **fields), advice.format(**fields))
            for name, bad, status, message, advice in AVAILABILITY_STATES
            if values.get(name) in bad
        ]
        return found or [
            record(check_id, "pass", f"Access to {fields['where']} is granted (authorized, entitled, agreed).")
        ]

    def fallback(self, check_id: str, slot: SlotPrediction, missing: list[str], why: str = "") -> CheckResult:
        """The account state could not be read (`missing`: the IAM actions the caller lacks; or `why`): say so,
        and let the 1-token invoke answer."""
        lacking = why or f"These credentials may not call {' or '.join(missing)}"
        allow = f"Allow {', '.join(missing)} to read access without spending tokens." if missing else ""
        if not self.run.invoke:
            return record(check_id, "warn", f"{lacking}; invoke disabled, so access is unknown.", allow)
        sent = model_ids.strip_one_m(slot.resolved)[0]
        if model_ids.BARE_ID_RE.match(sent) or self.checker.listed(sent, slot.region) is False:
            # The model check does not spend a call on an ID Bedrock refuses anyway; neither does this one.
            return record(check_id, "warn", f"{lacking}; not invoked: see model:{slot.slot}.", allow)
        failure = self.checker.call(slot.resolved, slot.region)
        if failure is None or find_rule(*failure).name == "throttled":
            return record(check_id, "pass", f"{lacking}; the 1-token invoke of {slot.resolved} answered instead.")
        _, status, text, advice = advise(*failure, self.checker.context(slot))
        return record(check_id, status, f"{lacking}; the 1-token invoke says: {text}", advice)

    # -- quota:<slot> ----------------------------------------------------------------------------------------

    def service_quotas(self, region: str) -> Reading:
        def pages(client: Any) -> list[dict[str, Any]]:
            paginator = client.get_paginator("list_service_quotas")
            return [q for page in paginator.paginate(ServiceCode="bedrock") for q in page.get("Quotas", [])]

        return self._once(("quotas", region), lambda: self._read("service-quotas", region, pages))

    def metrics(self, model_id: str, region: str) -> Reading:
        """Last 24 hours of the model's AWS/Bedrock metrics, summed per hour: {metric: [values]}."""

        def read(client: Any) -> dict[str, list[float]]:
            now = datetime.now(UTC)
            queries = [
                {"Id": f"m{i}", "Label": name, "ReturnData": True,
                 "MetricStat": {"Metric": {"Namespace": "AWS/Bedrock", "MetricName": name,
                                           "Dimensions": [{"Name": "ModelId", "Value": model_id}]},
                                "Period": 3600, "Stat": "Sum"}}
                for i, name in enumerate(METRICS)
            ]  # fmt: skip
            answer = client.get_metric_data(MetricDataQueries=queries, StartTime=now - timedelta(days=1), EndTime=now)
            by_id = {r.get("Id"): [float(v) for v in r.get("Values", [])] for r in answer.get("MetricDataResults", [])}
            return {name: by_id.get(f"m{i}", []) for i, name in enumerate(METRICS)}

        return self._once(("metrics", model_id, region), lambda: self._read("cloudwatch", region, read))

    def quota(self, name: str) -> CheckResult:
        check_id = f"quota:{name}"
        if reason := self.not_readable():
            return record(check_id, "skip", reason)
        slot = self.slot(name)
        if mantle := self.on_mantle(check_id, slot):
            return mantle
        model_id, _ = model_ids.strip_one_m(slot.resolved)
        costs = quotas.cost_hints(name, model_id, slot.configured, slot.context_1m, self.run.candidate.env)
        cost_text = (" Cost: " + " ".join(costs)) if costs else ""
        if why := self.elsewhere("service-quotas"):
            return record(check_id, "skip", f"Service Quotas not read: {why}.{cost_text}")
        if not self.elsewhere("cloudwatch"):
            self.soon(self.metrics, model_id, slot.region)
        listed, error = self.service_quotas(slot.region)
        if error is not None:
            if _denied(error):
                return record(check_id, "skip", f"These credentials may not call {QUOTAS_ACTION}.{cost_text}",
                              f"Allow {QUOTAS_ACTION} to see the quotas Claude Code will run into.")  # fmt: skip
            return record(check_id, "warn", f"Reading Service Quotas failed: {error[0]}: {error[1]}{cost_text}")
        way = quotas.way_of_calling(model_id, self.routes().get(model_id, ()))
        base = self.base_model(slot) or model_id  # an application profile's quota is its base model's
        limits = quotas.limits_for(listed, base, way)
        label = f"{model_id} ({quotas.WAYS[way]}, {slot.region})"
        if limits.tokens_per_minute is None:
            return record(check_id, "skip", f"Service Quotas names no tokens-per-minute quota for {label}.{cost_text}")
        return self.judge(check_id, slot, base, label, limits, cost_text)

    def judge(
        self, check_id: str, slot: SlotPrediction, base: str, label: str, limits: quotas.Limits, cost_text: str
    ) -> CheckResult:
        """Quota figures, how many requests fit, the suggestion, and the last 24 hours (`base`: the base model)."""
        tpm = limits.tokens_per_minute or 0.0
        max_tokens, was_set = quotas.max_output(self.run.candidate.env)
        fits = quotas.concurrent_requests(tpm, max_tokens)
        parts = [f"{label}: {_count(tpm)} tokens/min"]
        if limits.requests_per_minute is not None:
            parts.append(f"{_count(limits.requests_per_minute)} requests/min")
        if limits.tokens_per_day is not None:
            parts.append(f"{_count(limits.tokens_per_day)} tokens/day")
        setting = (
            f"CLAUDE_CODE_MAX_OUTPUT_TOKENS={max_tokens}"
            if was_set
            else f"a max output of {_count(max_tokens)} (assumed: CLAUDE_CODE_MAX_OUTPUT_TOKENS is unset)"
        )
        message = (
            f"{', '.join(parts)}. Each request reserves about {_count(quotas.ASSUMED_INPUT_TOKENS)} input + "
            f"{setting}: {counted(fits, 'request')} can start per minute."
        )
        factor = quotas.burndown(base)
        if factor > 1:
            message += f" Output tokens count {factor}x against the quota."
        status, advice = "pass", ""
        rpm = limits.requests_per_minute
        if fits < quotas.TARGET_CONCURRENCY or (rpm is not None and rpm < quotas.TARGET_CONCURRENCY):
            status = "warn"
            suggestion = quotas.suggested_max_output(tpm, base)
            quota_name = next((n for n in limits.names if "tokens per minute" in n.lower()), "tokens per minute")
            increase = f"request an increase of {quota_name} (Service Quotas > Amazon Bedrock, {slot.region})"
            advice = (
                f"Set CLAUDE_CODE_MAX_OUTPUT_TOKENS={suggestion} ({quotas.TARGET_CONCURRENCY} requests at once), or "
                + increase
                + "."
                if suggestion and suggestion < max_tokens and fits < quotas.TARGET_CONCURRENCY
                else f"The quota is too small for Claude Code: {increase}."
            )
        usage, throttles = self.usage(slot, model_ids.strip_one_m(slot.resolved)[0])
        message += usage
        if throttles and status == "pass":
            status, advice = (
                "warn",
                "Calls were throttled in the last 24 hours: lower the max output or raise the quota.",
            )
        return record(check_id, status, message + cost_text, advice)

    def usage(self, slot: SlotPrediction, model_id: str) -> tuple[str, float]:
        """The last 24 hours from CloudWatch (or why they are not shown), and the throttled calls."""
        if why := self.elsewhere("cloudwatch"):
            return f" CloudWatch not read: {why}.", 0.0
        series, error = self.metrics(model_id, slot.region)
        if error is not None:
            return f" CloudWatch not readable ({METRICS_ACTION} {'denied' if _denied(error) else error[0]}).", 0.0
        throttles = sum(series["InvocationThrottles"])
        used = f"{_count(sum(series['InputTokenCount']))} input and {_count(sum(series['OutputTokenCount']))} output"
        peak = max((a + b for a, b in zip(series["InputTokenCount"], series["OutputTokenCount"], strict=False)),
                   default=0.0)  # fmt: skip
        shown = f" Last 24 h: {used} tokens (busiest hour {_count(peak)})"
        return shown + (f", {counted(throttles, 'call')} throttled." if throttles else ", no throttling."), throttles

    # -- iam -------------------------------------------------------------------------------------------------

    def caller_arn(self) -> Reading:
        region = self.run.candidate.region
        return self._once(("caller",), lambda: self._read("sts", region, lambda c: c.get_caller_identity()))

    def simulate(self, principal: str, actions: list[str], resources: list[str]) -> Reading:
        def read(client: Any) -> dict[str, str]:
            answer = client.simulate_principal_policy(
                PolicySourceArn=principal, ActionNames=actions, ResourceArns=resources
            )
            decisions: dict[str, str] = {}
            for result in answer.get("EvaluationResults", []):
                action, decision = result.get("EvalActionName", ""), result.get("EvalDecision", "")
                if decision != "allowed" or action not in decisions:
                    decisions[action] = decision
            return decisions

        return self._read("iam", "us-east-1", read)

    def seen_denials(self, needed: list[str]) -> dict[str, str]:
        """Needed actions Bedrock already refused during this run, from its error messages."""
        errors = list(self.checker.failures())
        listing = self.run.listing.result() if self.run.listing is not None else None
        if listing is not None and listing.error is not None:
            errors.append(listing.error)
        found = {}
        for code, message in errors:
            for action in needed:
                if _denied((code, message)) and f"perform: {action} " in message + " ":
                    found[action] = "refused by Bedrock"
        return found

    def iam(self) -> CheckResult:
        if reason := self.not_readable():
            return record("iam", "skip", reason)
        needed = iam_policy.required_actions(self.run.candidate)
        simulated, note = self.simulated()
        denied = {**simulated, **self.seen_denials(needed)}
        shown = ", ".join(needed)
        if denied:
            listed = "; ".join(f"{action} ({why})" for action, why in sorted(denied.items()))
            return record(
                "iam", "fail", f"These credentials are denied: {listed}.",
                f"Allow {', '.join(sorted(denied))}: `claude-bedrock-tui iam-policy` prints the policy this "
                "configuration needs.",
            )  # fmt: skip
        return record("iam", "pass", f"Claude Code needs {shown}; none was refused.{note}")

    def prefetch(self) -> None:
        """Start the readings the iam check needs while the other checks run; errors wait for the check."""
        if not self.not_readable() and not self.elsewhere("iam"):
            self.soon(self.caller_arn)  # needs no model: starts before the slots are resolved
        try:
            self.simulated()
        except Exception:  # the iam check reads the same memo and reports it
            pass

    def simulated(self) -> tuple[dict[str, str], str]:
        """(needed actions the policy simulation denies, a note on what was simulated), read once: LiveRun starts
        it early (prefetch) so that the iam check, which runs last, does not wait for it."""
        if self.not_readable():
            return {}, ""
        return self._once(("simulation",), self._simulate_needed)

    def _simulate_needed(self) -> tuple[dict[str, str], str]:
        denied: dict[str, str] = {}
        note = self.simulation(iam_policy.required_actions(self.run.candidate), denied)
        return denied, note

    def simulation(self, needed: list[str], denied: dict[str, str]) -> str:
        """Adds what iam:SimulatePrincipalPolicy denies to `denied`; returns a note on what was simulated."""
        if why := self.elsewhere("iam"):
            return f" Policy simulation not run: {why}."
        identity, error = self.caller_arn()
        if error is not None or not identity:
            return " Policy simulation not run: the caller is unknown (see identity)."
        principal = principal_arn(str(identity.get("Arn", "")))
        account = str(identity.get("Account") or "*")
        resolved = {name: slot.to_json() for name, slot in self.checker.resolved().items()}
        policy_targets = iam_policy.targets(self.run.candidate, account, self.routes(), resolved)
        resources = sorted({arn for t in policy_targets for arn in t.profile_arns or t.model_arns})
        invoke = [a for a in needed if a in iam_policy.INVOKE_ACTIONS]
        others = [a for a in needed if a not in iam_policy.INVOKE_ACTIONS]
        second: Future[Reading] = Future()
        threading.Thread(
            target=lambda: second.set_result(self.simulate(principal, others, ["*"])), daemon=True
        ).start()  # both simulations at once
        for decisions, error in (self.simulate(principal, invoke, resources or ["*"]), second.result()):
            if error is not None:
                return f" Policy simulation not run ({SIMULATE_ACTION} {'denied' if _denied(error) else error[0]})."
            for action, decision in decisions.items():
                if decision != "allowed":
                    denied.setdefault(action, f"policy simulation: {decision}")
        return f" Policy simulation for {principal} allows them."


def principal_arn(caller: str) -> str:
    """The IAM ARN to simulate for a caller: an assumed role's session becomes the role."""
    parts = caller.split(":")
    if len(parts) == 6 and parts[2] == "sts" and parts[5].startswith("assumed-role/"):
        role = parts[5].split("/")[1]
        return f"arn:{parts[1]}:iam::{parts[4]}:role/{role}"
    return caller
