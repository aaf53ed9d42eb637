"""One model slot, checked as Claude Code uses it: shape, offered in the region, then a 1-token invoke."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from claude_bedrock_tui.core.records import CheckResult
from claude_bedrock_tui.validation.advice import ErrorContext, advise, error_info
from claude_bedrock_tui.validation.model_shape import ModelPlan, finish_shape_verdict, suggest_profile
from claude_bedrock_tui.validation.report import record

if TYPE_CHECKING:
    from claude_bedrock_tui.validation.live import LiveRun

# Exactly the probe Claude Code sends at start-up (FACTS §3.2): about ten tokens per model.
INVOKE_BODY = {
    "anthropic_version": "bedrock-2023-05-31",
    "max_tokens": 1,
    "messages": [{"role": "user", "content": "."}],
}
INVALID_MODEL = "The provided model identifier is invalid."


class ModelChecker:
    """Checks model slots against the run's clients and profile listing."""

    def __init__(self, run: LiveRun, invoke: bool) -> None:
        self.run = run
        self.invoke = invoke

    def offered(self, region: str) -> list[str]:
        run = self.run
        if region == run.candidate.region and run.listing is not None:
            return run.listing.result().offered()
        return []

    def check(self, plan: ModelPlan) -> CheckResult:
        if plan.verdict is not None:
            needs_list = plan.kind in ("bare", "anthropic-style")
            return finish_shape_verdict(plan, self.offered(plan.region) if needs_list else [])
        if self.run.clients is None:
            return record(plan.check_id, "skip", "Not checked: no working credentials (see credentials).")
        # The invoke and the presence lookup run at the same time.
        invoked = self.run.pool.submit(self.call, plan) if self.invoke else None
        present = self.presence(plan)
        notes = list(plan.notes)
        if present is False:
            notes.append(f"not among the profiles listed in {plan.region}")
        shown = plan.configured if plan.call_id == plan.configured else f"{plan.configured} (called as {plan.call_id})"
        suffix = f" ({'; '.join(notes)})" if notes else ""
        if invoked is None:
            return self.without_invoke(plan, present, shown, suffix)
        failure = invoked.result()
        if failure is None:
            status = "warn" if plan.notes else "pass"
            return record(plan.check_id, status, f"{shown} answered a 1-token request in {plan.region}{suffix}.")
        _, status, text, advice = advise(*failure, self.context(plan, self.offered(plan.region)))
        return record(plan.check_id, status, text, advice)

    def without_invoke(self, plan: ModelPlan, present: bool | None, shown: str, suffix: str) -> CheckResult:
        """invoke=False: the profile listing (or a lookup) is all the evidence there is."""
        if present is False:
            advice = advise("ValidationException", INVALID_MODEL, self.context(plan, self.offered(plan.region)))[3]
            return record(plan.check_id, "fail", f"{shown} is not offered in {plan.region}; live call skipped.", advice)
        status = "pass" if present and not plan.notes else "warn"
        found = "is offered" if present else "could not be confirmed"
        return record(
            plan.check_id, status, f"{shown} {found} in {plan.region}{suffix}; live call skipped (invoke disabled)."
        )

    def context(self, plan: ModelPlan, offered: list[str]) -> ErrorContext:
        suggested = suggest_profile(plan.bare_id, plan.region, offered) if plan.bare_id else ""
        return ErrorContext(
            region=plan.region,
            model=plan.call_id or plan.configured,
            suggested=suggested,
            offered=offered,
            credentials=self.run.hint(),
        )

    def call(self, plan: ModelPlan) -> tuple[str, str] | None:
        """invoke_model with Claude Code's probe; None on success, else (code, message)."""
        assert self.run.clients is not None
        client = self.run.clients.get("bedrock-runtime", plan.region)
        try:
            answer = client.invoke_model(
                modelId=plan.call_id,
                body=json.dumps(INVOKE_BODY),
                contentType="application/json",
                accept="application/json",
            )
            answer["body"].read()
        except Exception as exc:
            return error_info(exc)
        return None

    def presence(self, plan: ModelPlan) -> bool | None:
        """Is the ID among the region's profiles? None when that cannot be told."""
        run = self.run
        if plan.region == run.candidate.region and run.listing is not None:
            listing = run.listing.result()
            if listing.error is not None:
                return None  # the models check reports why; asking again would only wait again
            if any(plan.call_id in (p.id, p.arn) for p in listing.profiles):
                return True
            if plan.kind == "profile":
                return False
        if plan.kind == "profile" or (plan.kind == "arn" and "inference-profile/" in plan.call_id):
            assert run.clients is not None
            try:
                run.clients.get("bedrock", plan.region).get_inference_profile(inferenceProfileIdentifier=plan.call_id)
                return True
            except Exception as exc:
                return False if error_info(exc)[0] in ("ResourceNotFoundException", "ValidationException") else None
        return None
