"""The checks that talk to AWS, run concurrently inside the validation child.

Credentials are resolved first (in the calling thread); then the profile listing, identity and
one invoke per model slot run in parallel threads, so added latency is paid about once, not per call.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from claude_bedrock_tui.core import model_ids
from claude_bedrock_tui.core.candidate import Candidate
from claude_bedrock_tui.core.claude_code.credentials import CredentialPrediction
from claude_bedrock_tui.core.records import CheckResult
from claude_bedrock_tui.core.value_checks import guardrail_of
from claude_bedrock_tui.core.wording import plural
from claude_bedrock_tui.validation.account import AccountChecks
from claude_bedrock_tui.validation.advice import ErrorContext, advise, credential_hint, error_info, find_rule
from claude_bedrock_tui.validation.aws_access import AwsAccess, ExportError, open_access, resolve_credentials
from claude_bedrock_tui.validation.credential_checks import offline_credential_checks
from claude_bedrock_tui.validation.events import Emitter
from claude_bedrock_tui.validation.local_checks import claude_check, tokens_check
from claude_bedrock_tui.validation.model_check import ModelChecker
from claude_bedrock_tui.validation.report import (
    InferenceProfile,
    checked_slots,
    merge_records,
    record,
    worst_status,
)

PROFILE_TYPES = ("SYSTEM_DEFINED", "APPLICATION")
NO_CREDENTIALS = "Not checked: no working credentials (see credentials)."


@dataclass
class Listing:
    """Both profile listings for the main region; `error` is the first failure, if any."""

    profiles: list[InferenceProfile] = field(default_factory=list)
    error: tuple[str, str] | None = None
    unreachable: bool = False

    def offered(self) -> list[str]:
        """Anthropic profile IDs (system) and application-profile ARNs, for advice."""
        return [
            p.id if p.type == "SYSTEM_DEFINED" else p.arn
            for p in self.profiles
            if p.type == "APPLICATION" or "anthropic" in p.id
        ]


class ClientPool:
    """One client per (service, region), created under a lock: botocore sessions are not thread-safe."""

    def __init__(self, access: AwsAccess) -> None:
        self.access = access
        self._clients: dict[tuple[str, str], Any] = {}
        self._lock = threading.Lock()

    def get(self, service: str, region: str) -> Any:
        with self._lock:
            if (service, region) not in self._clients:
                self._clients[(service, region)] = self.access.client(service, region)
            return self._clients[(service, region)]


class LiveRun:
    """One validation: emits a start and a result event for every planned check."""

    def __init__(
        self, candidate: Candidate, emitter: Emitter, *, invoke: bool, deadline_s: float, trusted: bool = False
    ) -> None:
        self.candidate = candidate
        self.trusted = trusted  # may run commands that come from project or local settings
        self.emit = emitter
        self.invoke = invoke
        self.deadline_s = deadline_s
        self.plan = CredentialPrediction.from_json(candidate.credentials)
        self.pool = ThreadPoolExecutor(max_workers=32, thread_name_prefix="check")
        self.clients: ClientPool | None = None
        self.listing: Future[Listing] | None = None
        self.checked = checked_slots(candidate)  # the model slots Claude Code will call

    def guarded(self, check_id: str, body: Callable[[], CheckResult]) -> Callable[[], None]:
        """Run a check body; an unexpected exception becomes a failed record, never a lost check."""

        def run() -> None:
            try:
                result = body()
            except Exception as exc:
                code, message = error_info(exc)
                result = CheckResult(check_id, "fail", f"Internal error in this check: {code}: {message}")
            self.emit.finish(result)

        return run

    def run(self) -> None:
        candidate = self.candidate
        self.emit.start("tokens")
        self.guarded("tokens", lambda: tokens_check(candidate))()
        self.emit.start("claude")
        tasks = [self.pool.submit(self.guarded("claude", lambda: claude_check(candidate)))]
        self.emit.start("credentials")
        self.guarded("credentials", self.credentials)()
        if self.clients is not None:
            self.listing = self.pool.submit(self.list_profiles)
        checker = ModelChecker(self, self.invoke)
        account = AccountChecks(self, checker)
        for slot in self.checked:
            check_id = f"model:{slot}"
            self.emit.start(check_id)
            tasks.append(self.pool.submit(self.guarded(check_id, partial(checker.check, slot))))
        for kind, slot_check in (("access", account.access), ("quota", account.quota)):
            for slot in self.checked:
                check_id = f"{kind}:{slot}"
                self.emit.start(check_id)
                tasks.append(self.pool.submit(self.guarded(check_id, partial(slot_check, slot))))
        for check_id, check in (("identity", self.identity), ("region", self.region), ("models", self.models)):
            self.emit.start(check_id)
            tasks.append(self.pool.submit(self.guarded(check_id, check)))
        if guardrail_of(candidate.env.get("ANTHROPIC_CUSTOM_HEADERS"))[0]:
            self.emit.start("guardrail")
            tasks.append(self.pool.submit(self.guarded("guardrail", self.guardrail)))
        self.emit.start("iam")
        tasks.append(self.pool.submit(account.prefetch))
        for task in tasks:
            task.result()
        # Last: it reads the denials Bedrock gave the other checks.
        self.guarded("iam", account.iam)()
        self.pool.shutdown(wait=True)

    def context(self, **fields: Any) -> ErrorContext:
        return ErrorContext(region=self.candidate.region, credentials=self.hint(), **fields)

    # -- credentials and identity ------------------------------------------------------------

    def hint(self) -> str:
        plan = self.plan
        return credential_hint(plan.source, plan.profile, plan.profile_kind, self.candidate.aws_auth_refresh)

    def credentials(self) -> CheckResult:
        found = offline_credential_checks(self.candidate)
        if worst_status([r.status for r in found]) == "fail":
            return merge_records("credentials", found)  # no point asking AWS: it would fail the same way
        try:
            access = open_access(self.candidate, self.plan, self.deadline_s, trusted=self.trusted)
            if self.plan.source not in ("api-key", "skip-auth"):
                method, key = resolve_credentials(access)
                source = "awsCredentialExport" if self.plan.source == "export" else f"botocore source `{method}`"
                found.append(record("credentials", "pass", f"Resolved access key {key} ({source})."))
            self.clients = ClientPool(access)
        except ExportError as exc:
            found.append(record("credentials", exc.status, str(exc), exc.advice))
        except Exception as exc:
            _, status, text, advice = advise(*error_info(exc), self.context())
            found.append(record("credentials", status, text, advice))
        return merge_records("credentials", found)

    def identity(self) -> CheckResult:
        if self.plan.source == "api-key":
            return record(
                "identity",
                "skip",
                "Not checked: a Bedrock API key cannot call STS (sts:GetCallerIdentity needs IAM credentials).",
            )
        if self.plan.source == "skip-auth":
            return record("identity", "skip", "Not checked: CLAUDE_CODE_SKIP_BEDROCK_AUTH=1 sends unsigned requests.")
        if self.clients is None:
            return record("identity", "skip", NO_CREDENTIALS)
        try:
            answer = self.clients.get("sts", self.candidate.region).get_caller_identity()
        except Exception as exc:
            code, message = error_info(exc)
            rule, status, text, advice = advise(code, message, self.context())
            if rule == "unreachable":
                text = f"STS is not reachable in {self.candidate.region}: {message}"
            return record("identity", status, text, advice)
        return record("identity", "pass", f"Account {answer.get('Account')}: {answer.get('Arn')}.")

    def guardrail(self) -> CheckResult:
        """The guardrail ANTHROPIC_CUSTOM_HEADERS names exists at that version (bedrock:GetGuardrail)."""
        guardrail, version = guardrail_of(self.candidate.env.get("ANTHROPIC_CUSTOM_HEADERS"))
        assert guardrail is not None  # planned only when the headers name one
        if self.clients is None:
            return record("guardrail", "skip", NO_CREDENTIALS)
        region = self.candidate.region
        asked = version or "DRAFT"
        try:
            found = self.clients.get("bedrock", region).get_guardrail(
                guardrailIdentifier=guardrail, guardrailVersion=asked
            )
        except Exception as exc:
            code, message = error_info(exc)
            if code == "ResourceNotFoundException":
                return record(
                    "guardrail",
                    "fail",
                    f"Guardrail {guardrail} version {asked} does not exist in {region}: Bedrock refuses every "
                    "request that names it.",
                    "Fix X-Amzn-Bedrock-GuardrailIdentifier / X-Amzn-Bedrock-GuardrailVersion in "
                    f"ANTHROPIC_CUSTOM_HEADERS (aws bedrock list-guardrails --region {region} lists them).",
                )
            _, status, text, advice = advise(code, message, self.context())
            return record("guardrail", status, f"Guardrail {guardrail}: {text}", advice)
        name, status = found.get("name", guardrail), found.get("status", "?")
        if status != "READY":
            return record(
                "guardrail",
                "warn",
                f"Guardrail {name} version {asked} is {status}, not READY.",
                "Wait until it is READY, or use a version that is.",
            )
        return record(
            "guardrail", "pass", f"Guardrail {name} ({found.get('guardrailId', guardrail)}) version {asked} is READY."
        )

    # -- region and profiles -----------------------------------------------------------------

    def list_type(self, profile_type: str) -> list[InferenceProfile]:
        """Every page of one profile type (the largest page size Bedrock allows, to save round trips)."""
        assert self.clients is not None
        client = self.clients.get("bedrock", self.candidate.region)
        pages = client.get_paginator("list_inference_profiles").paginate(
            typeEquals=profile_type, PaginationConfig={"PageSize": 1000}
        )
        return [
            InferenceProfile(
                id=item.get("inferenceProfileId", ""),
                arn=item.get("inferenceProfileArn", ""),
                name=item.get("inferenceProfileName", ""),
                type=item.get("type", profile_type),
                models=[m.get("modelArn", "") for m in item.get("models", [])],
            )
            for page in pages
            for item in page.get("inferenceProfileSummaries", [])
        ]

    def list_profiles(self) -> Listing:
        """Both types at once; a connection failure marks Bedrock unreachable in the region."""
        futures = [self.pool.submit(self.list_type, t) for t in PROFILE_TYPES]
        listing = Listing()
        for future in futures:
            try:
                listing.profiles += future.result()
            except Exception as exc:
                code, message = error_info(exc)
                listing.error = listing.error or (code, message)
                listing.unreachable = listing.unreachable or find_rule(code, message).name == "unreachable"
        if listing.profiles:
            self.emit.profiles(listing.profiles)
        return listing

    def region(self) -> CheckResult:
        candidate = self.candidate
        where = f"Region {candidate.region} (from {candidate.region_origin})"
        if not model_ids.REGION_RE.match(candidate.region):
            return record(
                "region", "fail", f"{where} is not an AWS region name.", "Set AWS_REGION to a region such as us-east-1."
            )
        if self.listing is None:
            return record("region", "skip", f"{where}; Bedrock not contacted (no working credentials).")
        listing = self.listing.result()
        if listing.unreachable and listing.error:
            _, _, text, advice = advise(*listing.error, self.context())
            return record("region", "fail", text, advice)
        background = candidate.models.get("background", {}).get("region")
        extra = f"; background model in {background}" if background and background != candidate.region else ""
        return record("region", "pass", f"{where}: Bedrock answered{extra}.")

    def models(self) -> CheckResult:
        region = self.candidate.region
        if self.listing is None:
            return record("models", "skip", NO_CREDENTIALS)
        listing = self.listing.result()
        if listing.error:
            _, status, text, advice = advise(*listing.error, self.context())
            return record("models", status, f"Listing inference profiles failed: {text}", advice)
        system = [p for p in listing.profiles if p.type == "SYSTEM_DEFINED"]
        application = len(listing.profiles) - len(system)
        anthropic = [p for p in system if ".anthropic." in p.id]
        kinds = f"{len(system)} system-defined ({len(anthropic)} Anthropic)"
        kinds += f" and {application} application" if application else ""
        counts = f"{kinds} {plural(len(listing.profiles), 'inference profile')} in {region}"
        if not anthropic:
            return record(
                "models",
                "warn",
                f"{counts}: no Claude model is offered here.",
                "Use a region that offers Claude through inference profiles (e.g. us-east-1, eu-central-1).",
            )
        return record("models", "pass", counts + ".")
