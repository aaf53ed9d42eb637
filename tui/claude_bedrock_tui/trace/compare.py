"""The tool's prediction and what Claude Code sent, put side by side in the same terms.

Both sides become a summary of what can be observed on the wire (the conversation's model, region and
credentials, the background request, the start-up probes, the fallback warnings); the conformance suite
and `trace` compare those summaries key by key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from claude_bedrock_tui.core.claude_code.prediction import Prediction
from claude_bedrock_tui.standin.catalogue import resolve_invoke, visible_profiles
from claude_bedrock_tui.trace.observed import BEDROCK_HEADER, Observed

Summary = dict[str, object]


@dataclass(frozen=True)
class StandInView:
    """What the stand-in lists and answers, as the prediction needs it (what `check` learns from Bedrock)."""

    catalogue: list[dict[str, Any]]
    account: str

    def listing(self, region: str) -> list[str]:
        return [
            p["inferenceProfileId"]
            for p in visible_profiles(self.catalogue, region, self.account)
            if p.get("type") == "SYSTEM_DEFINED"
        ]

    def answers(self, model_id: str, region: str) -> bool:
        return resolve_invoke(visible_profiles(self.catalogue, region, self.account), model_id)[0] is not None


def credential_label(prediction: Prediction, script_keys: Callable[[Prediction], str | None] | None = None) -> str:
    """How the conversation request is signed: "API key", "unsigned", or the access key ID."""
    credentials = prediction.credentials
    if credentials.source == "api-key":
        return "API key"
    if credentials.source == "skip-auth":
        return "unsigned"
    known = script_keys(prediction) if script_keys else None
    return known or credentials.access_key_id or f"unknown until it runs ({credentials.describe()})"


def predicted(
    prediction: Prediction,
    script_keys: Callable[[Prediction], str | None] | None = None,
    *,
    export_observable: bool = False,
) -> Summary:
    """The prediction, as the requests would show it. `script_keys` names the access key of credentials only
    known once a command runs (awsCredentialExport, credential_process), where the caller knows it;
    `export_observable` adds whether awsCredentialExport runs, where the caller can see that."""
    if not prediction.bedrock:
        return {"bedrock": False}
    primary, background = prediction.models["primary"], prediction.models["background"]
    # Only a SigV4 signature names the region; an API key or an unsigned request does not show it.
    signed = prediction.credentials.source not in ("api-key", "skip-auth")
    export_runs = prediction.credentials.source == "export" or any(
        "awsCredentialExport still runs" in note for note in prediction.credentials.notes
    )
    summary: Summary = {
        "bedrock": True,
        "model": primary.resolved,
        "region": prediction.region.value if signed else None,
        "credential": credential_label(prediction, script_keys),
        "background": (background.resolved, background.region if signed else None),
        "probes": sorted({(p.model_id, p.region if signed and p.signed else None) for p in prediction.probes}),
        "fallback warnings": sorted(t for t in ("opus", "sonnet", "haiku") if prediction.models[t].warns),
        "endpoint": prediction.request.endpoint,
        "bedrock headers": _bedrock_headers(prediction.request.headers),
        "probe headers": _bedrock_headers(prediction.request.probe_headers) if prediction.probes else None,
    }
    if export_observable:
        summary["export ran"] = export_runs
    return summary


def observed(seen: Observed, export_ran: bool | None = None) -> Summary:
    """What Claude Code sent, in the terms of `predicted` (`export_ran` where the caller can tell)."""
    conversation, background = seen.conversation, seen.background
    if conversation is None:
        return {"bedrock": False} if not seen.requests else {"bedrock": "no conversation request"}
    warnings = sorted(line.split(":")[1].strip().lower() for line in seen.warnings if line.count(":") >= 2)
    summary: Summary = {
        "bedrock": True,
        "model": conversation.model_id,
        "region": conversation.region,
        "credential": conversation.credential_label(),
        "background": (background.model_id, background.region) if background else None,
        "probes": sorted({(p.model_id, p.region) for p in seen.probes}),
        "fallback warnings": warnings,
        "endpoint": conversation.endpoint,
        "bedrock headers": conversation.headers,
        "probe headers": _one(p.headers for p in seen.probes),
    }
    if export_ran is not None:
        summary["export ran"] = export_ran
    return summary


def _bedrock_headers(headers: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, v) for k, v in headers.items() if k.startswith(BEDROCK_HEADER)))


def _one(values: Iterable[tuple[tuple[str, str], ...]]) -> object:
    """The headers every probe sent, None without probes, or each distinct set when they differ."""
    distinct = sorted(set(values))
    if not distinct:
        return None
    return distinct[0] if len(distinct) == 1 else distinct


def differences(expected: Summary, actual: Summary, who: str) -> list[str]:
    """One line per key where the two disagree (keys only one side has are compared too)."""
    return [
        f"{key}: predicted {expected.get(key)!r}, {who} {actual.get(key)!r}"
        for key in dict.fromkeys([*expected, *actual])
        if expected.get(key) != actual.get(key)
    ]
