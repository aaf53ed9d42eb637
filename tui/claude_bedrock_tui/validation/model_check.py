"""Model slots, checked as Claude Code calls them.

The behaviour model resolves every slot again with what Bedrock lists and answers, as Claude Code does at
start-up: a tier's candidates not in the region's listing are not invoked (Bedrock would refuse them), the
first listed one gets the same 1-token request Claude Code's probe sends. Each distinct (model, region) is
invoked once however many slots share it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, TypeVar

from claude_bedrock_tui.core import model_ids
from claude_bedrock_tui.core.claude_code.environment import is_truthy
from claude_bedrock_tui.core.claude_code.models import ModelInputs, SlotPrediction, predict_models
from claude_bedrock_tui.core.claude_code.requests import to_mantle
from claude_bedrock_tui.core.claude_code.rules import parse_version, rulebook_for
from claude_bedrock_tui.core.records import CheckResult
from claude_bedrock_tui.core.value_checks import ValueContext, check_value
from claude_bedrock_tui.validation.advice import ErrorContext, advise, error_info, find_rule
from claude_bedrock_tui.validation.mantle import mantle_call
from claude_bedrock_tui.validation.report import record
from claude_bedrock_tui.validation.suggestions import bare_part, suggest_profile

if TYPE_CHECKING:
    from claude_bedrock_tui.validation.live import LiveRun

# Exactly the probe Claude Code sends at start-up: about ten tokens per model.
INVOKE_BODY = {
    "anthropic_version": "bedrock-2023-05-31",
    "max_tokens": 1,
    "messages": [{"role": "user", "content": "."}],
}
INVALID_MODEL = "The provided model identifier is invalid."
NO_CREDENTIALS = "Not checked: no working credentials (see credentials)."
T = TypeVar("T")


def how_it_resolves(slot: SlotPrediction) -> str:
    if slot.how == "pinned":
        return f"set by {slot.configured_by}"
    if slot.how == "alias":
        return f"{slot.configured} ({slot.configured_by}) resolved by Claude Code"
    if slot.how == "override":
        return "rewritten by modelOverrides"
    if slot.how == "main-model":
        return "the main model"
    if slot.how == "fallback":
        return slot.notes[0] if slot.notes else "a fallback"
    return "Claude Code's default"


class ModelChecker:
    """Resolves and checks the model slots against the run's clients and profile listing."""

    def __init__(self, run: LiveRun, invoke: bool) -> None:
        self.run = run
        self.invoke = invoke
        self._calls: dict[tuple[str, str], Future[tuple[str, str] | None]] = {}
        self._lookups: dict[tuple[str, str], Future[bool | None]] = {}
        self._lock = threading.Lock()
        self._resolved: Future[dict[str, SlotPrediction]] | None = None

    # -- what the region offers, and what answers ------------------------------------------------

    def offered(self, region: str) -> list[str]:
        run = self.run
        if region == run.candidate.region and run.listing is not None:
            return run.listing.result().offered()
        return []

    def system_ids(self) -> list[str] | None:
        """The main region's system profile IDs, as Claude Code lists them (None when unknown)."""
        listing = self.run.listing.result() if self.run.listing is not None else None
        if listing is None or listing.error is not None:
            return None
        return [p.id for p in listing.profiles if p.type == "SYSTEM_DEFINED"]

    def _once(
        self, done: dict[tuple[str, str], Future[T]], work: Callable[[str, str], T], model_id: str, region: str
    ) -> T:
        """`work(model_id, region)` once, whichever slot asks first; the others wait for that answer."""
        with self._lock:
            future = done.get((model_id, region))
            if future is None:
                future = done[(model_id, region)] = self.run.pool.submit(work, model_id, region)
        return future.result()

    def call(self, model_id: str, region: str) -> tuple[str, str] | None:
        """One 1-token invoke per (model, region), shared by every slot that needs it."""
        return self._once(self._calls, self._invoke, model_id, region)

    def _invoke(self, model_id: str, region: str) -> tuple[str, str] | None:
        assert self.run.clients is not None
        if self.to_mantle(model_id):
            access = self.run.clients.access
            return mantle_call(access.session, self.run.candidate.env, model_id, region, access.read_timeout)
        client = self.run.clients.get("bedrock-runtime", region)
        try:
            answer = client.invoke_model(
                modelId=model_id,
                body=json.dumps(INVOKE_BODY),
                contentType="application/json",
                accept="application/json",
            )
            answer["body"].read()
        except Exception as exc:  # every failure becomes an advised record
            return error_info(exc)
        return None

    def to_mantle(self, model_id: str) -> bool:
        """Claude Code sends this ID to Bedrock Mantle (core/claude_code/requests.py, "mantle-routing")."""
        return to_mantle(self.run.candidate.env, model_id)

    def failures(self) -> list[tuple[str, str]]:
        """The errors of the invokes made so far: (code, message) each."""
        with self._lock:
            futures = list(self._calls.values())
        return [answer for f in futures if f.done() and (answer := f.result()) is not None]

    def listed(self, model_id: str, region: str) -> bool | None:
        """Is the ID an inference profile Bedrock offers in `region`? None when that cannot be told.

        The main region's listing answers for system profiles (and the ARNs it lists); elsewhere, or for an
        application profile it does not list, one GetInferenceProfile in that region answers.
        """
        is_profile = bool(model_ids.PROFILE_ID_RE.match(model_id)) or "inference-profile/" in model_id
        if not is_profile:
            return None
        run = self.run
        listing = run.listing.result() if run.listing is not None and region == run.candidate.region else None
        if listing is not None and listing.error is None:
            if any(model_id in (p.id, p.arn) for p in listing.profiles):
                return True
            if model_ids.PROFILE_ID_RE.match(model_id):
                return False
        elif listing is not None:
            return None  # the models check reports why the listing failed; asking again would only wait again
        return self.lookup(model_id, region)

    def lookup(self, model_id: str, region: str) -> bool | None:
        """GetInferenceProfile once per (ID, region)."""
        return self._once(self._lookups, self._lookup, model_id, region)

    def _lookup(self, model_id: str, region: str) -> bool | None:
        assert self.run.clients is not None
        try:
            self.run.clients.get("bedrock", region).get_inference_profile(inferenceProfileIdentifier=model_id)
        except Exception as exc:  # classified below; anything else means "cannot tell"
            return False if error_info(exc)[0] in ("ResourceNotFoundException", "ValidationException") else None
        return True

    def answers(self, model_id: str, region: str) -> bool:
        """Would Claude Code's start-up probe find the model usable? Throttling counts as usable: Claude Code
        treats it as temporary and does not fall back."""
        if self.run.clients is None:
            return True
        listed = self.listed(model_id, region) if model_ids.PROFILE_ID_RE.match(model_id) else None
        if listed is False:
            return False  # Bedrock refuses an unlisted profile; no need to spend a call on it
        if not self.invoke:
            return True
        failure = self.call(model_id, region)
        return failure is None or find_rule(*failure).name == "throttled"

    # -- resolution --------------------------------------------------------------------------------

    def resolved(self) -> dict[str, SlotPrediction]:
        """Every slot resolved as Claude Code would at start-up; computed once, after the listing."""
        with self._lock:
            if self._resolved is None:
                self._resolved = self.run.pool.submit(self._resolve)
        return self._resolved.result()

    def _resolve(self) -> dict[str, SlotPrediction]:
        candidate = self.run.candidate
        book = rulebook_for(parse_version(candidate.claude_version), "validation")
        inputs = ModelInputs(
            candidate.env, candidate.model_key, candidate.model_overrides, candidate.region, self.system_ids(),
            self.answers,
        )  # fmt: skip
        return predict_models(inputs, book)[0]

    # -- the check ---------------------------------------------------------------------------------

    def check(self, slot_name: str) -> CheckResult:
        check_id = f"model:{slot_name}"
        slot = self.resolved()[slot_name]
        shown = f"{slot.resolved} in {slot.region} ({how_it_resolves(slot)})"
        # The configured value that decides this slot: its own, or the primary's for a slot that follows it.
        source = self.resolved()["primary"] if slot.how == "main-model" else slot
        if source.configured and source.configured_by and source.how in ("pinned", "override", "alias"):
            mantle = is_truthy(self.run.candidate.env.get("CLAUDE_CODE_USE_MANTLE"))
            context = ValueContext(slot.region, self.run.candidate.model_overrides, mantle=mantle)
            errors = [p for p in check_value(source.configured_by, source.configured, context) if p.severity == "error"]
            if errors:
                return record(check_id, "fail", errors[0].message, self.better_advice(slot, errors[0].advice))
        if self.run.clients is None:
            return record(check_id, "skip", NO_CREDENTIALS)
        if not self.invoke:
            return self.without_invoke(check_id, slot, shown)
        failure = self.call(slot.resolved, slot.region)
        if failure is not None and self.to_mantle(slot.resolved) and failure[0] == "ValidationException":
            return record(
                check_id,
                "fail",
                f"{failure[1]} (Claude Code sends {shown} to Bedrock Mantle)",
                f"Use a model Bedrock Mantle offers in {slot.region} (an ID like anthropic.claude-sonnet-4-5, "
                "without -v1:0), or turn CLAUDE_CODE_USE_MANTLE off and use an inference profile ID.",
            )
        if failure is not None:
            _, status, text, advice = advise(*failure, self.context(slot))
            return record(check_id, status, f"{text} (Claude Code sends {shown})", advice)
        return self.passed(check_id, slot, shown)

    def passed(self, check_id: str, slot: SlotPrediction, shown: str) -> CheckResult:
        message = f"Claude Code sends {shown}: it answered a 1-token request."
        if slot.how == "fallback":
            return record(
                check_id,
                "warn",
                message,
                f"Enable {slot.candidates[0]} (model access in the Bedrock "
                "console, or the profile in this region), or pin a model to silence the fallback.",
            )
        if slot.slot == "primary" and slot.configured is None and "opus" in slot.resolved:
            return record(
                check_id,
                "warn",
                message + " No model is pinned, so this is Opus, billed at Opus rates.",
                "Pin a model with ANTHROPIC_MODEL (e.g. a Sonnet inference profile) if that is not what you want.",
            )
        return record(check_id, "pass", message)

    def without_invoke(self, check_id: str, slot: SlotPrediction, shown: str) -> CheckResult:
        """invoke=False: the profile listing is all the evidence there is."""
        listed = self.listed(slot.resolved, slot.region)
        if listed is False:
            advice = advise("ValidationException", INVALID_MODEL, self.context(slot))[3]
            return record(
                check_id, "fail", f"{slot.resolved} is not offered in {slot.region}; live call skipped.", advice
            )
        found = "is offered" if listed else "could not be confirmed"
        status = "pass" if listed else "warn"
        return record(check_id, status, f"Claude Code sends {shown}; it {found}; live call skipped (invoke disabled).")

    def better_advice(self, slot: SlotPrediction, advice: str) -> str:
        """Name a profile the region really lists where the offline advice could only guess one."""
        bare = bare_part(slot.resolved)
        offered = self.offered(slot.region)
        if bare and offered and not model_ids.PROFILE_ID_RE.match(slot.resolved):
            return f"Use the inference profile ID {suggest_profile(bare, slot.region, offered)} instead."
        return advice

    def context(self, slot: SlotPrediction) -> ErrorContext:
        offered = self.offered(slot.region)
        bare = bare_part(slot.resolved)
        suggested = suggest_profile(bare, slot.region, offered) if bare else ""
        return ErrorContext(region=slot.region, model=slot.resolved, suggested=suggested, offered=offered,
                            credentials=self.run.hint())  # fmt: skip
