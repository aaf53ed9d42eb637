"""The tool's prediction against what the real Claude Code sends, for every case and pinned version.

Claude Code runs as `claude -p` with ANTHROPIC_BEDROCK_BASE_URL pointed at the in-package stand-in; the
prediction is computed the way `show` computes it, refined with what the stand-in lists and answers
(as `check` refines it with what Bedrock lists and answers).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from cases import CASES
from claude_versions import PINNED, Unavailable, install
from world import EXPORT_KEY, PROCESS_KEY, Case, World, build

from claude_bedrock_tui.core.aws_profiles import read_aws_profiles
from claude_bedrock_tui.core.claude_code import Prediction, read_and_predict
from claude_bedrock_tui.core.claude_code.rules import ALL_RULES, parse_version, rulebook_for
from claude_bedrock_tui.standin.catalogue import default_catalogue, resolve_invoke, visible_profiles
from claude_bedrock_tui.standin.scenario import Scenario
from claude_bedrock_tui.standin.server import StandIn
from claude_bedrock_tui.trace.observed import Observed
from claude_bedrock_tui.trace.runner import MANAGED_SYSTEM_DIR, can_overlay_managed, run_claude

pytestmark = pytest.mark.conformance

ACCOUNT = "123456789012"
_binaries: dict[str, Path | str] = {}


def claude_binary(version: str) -> Path:
    """The installed binary, or a skip naming why this machine cannot run that version."""
    if version not in _binaries:
        try:
            _binaries[version] = install(version)
        except Unavailable as exc:
            _binaries[version] = str(exc)
    found = _binaries[version]
    if isinstance(found, str):
        pytest.skip(f"Claude Code {version} is not available here: {found}")
    return found


def _catalogue(case: Case) -> list[dict]:
    """ "default", "newer" (Opus 4.6 to 5.5 listed too), or "without:<bare model ID>" (that model unlisted)."""
    catalogue = default_catalogue(ACCOUNT, newer_models=case.catalogue == "newer")
    if case.catalogue.startswith("without:"):
        missing = case.catalogue.removeprefix("without:")
        catalogue = [p for p in catalogue if not p["inferenceProfileId"].endswith("." + missing)]
    return catalogue


def _tool_environ(world: World, base_url: str) -> dict[str, str]:
    return {**world.shell, "CLAUDE_BEDROCK_TUI_MANAGED_DIR": str(world.managed), "ANTHROPIC_BEDROCK_BASE_URL": base_url}


def predict_case(case: Case, world: World, version: str, base_url: str = "http://127.0.0.1:9") -> Prediction:
    """The tool's prediction, knowing what the stand-in lists and answers (as `check` knows from Bedrock)."""
    catalogue = _catalogue(case)
    book = rulebook_for(parse_version(version), "conformance")
    environ = _tool_environ(world, base_url)
    first = read_and_predict(world.cwd, environ, book, read_aws_profiles)
    listing = [
        p["inferenceProfileId"]
        for p in visible_profiles(catalogue, first.region.value, ACCOUNT)
        if p.get("type") == "SYSTEM_DEFINED"
    ]

    def answers(model_id: str, region: str) -> bool:
        return resolve_invoke(visible_profiles(catalogue, region, ACCOUNT), model_id)[0] is not None

    return read_and_predict(world.cwd, environ, book, read_aws_profiles, listing=listing, answers=answers)


def _credential_label(prediction: Prediction) -> str:
    credentials = prediction.credentials
    if credentials.source == "api-key":
        return "API key"
    if credentials.source == "skip-auth":
        return "unsigned"
    if credentials.source == "export":
        return EXPORT_KEY
    if credentials.profile_kind == "credential_process":
        return PROCESS_KEY
    return credentials.access_key_id or f"unknown key ({credentials.describe()})"


def predicted_summary(prediction: Prediction) -> dict[str, object]:
    if not prediction.bedrock:
        return {"bedrock": False}
    primary, background = prediction.models["primary"], prediction.models["background"]
    fallbacks = sorted(tier for tier in ("opus", "sonnet", "haiku") if prediction.models[tier].warns)
    signed = prediction.credentials.source not in ("api-key", "skip-auth")
    export_runs = prediction.credentials.source == "export" or any(
        "awsCredentialExport still runs" in n for n in prediction.credentials.notes
    )
    return {
        "bedrock": True,
        "model": primary.resolved,
        # Only a SigV4 signature names the region; an API key or an unsigned request does not show it.
        "region": prediction.region.value if signed else None,
        "credential": _credential_label(prediction),
        "background": (background.resolved, background.region if signed else None),
        "probes": sorted({(p.model_id, p.region if signed and p.signed else None) for p in prediction.probes}),
        "fallback warnings": fallbacks,
        "export ran": export_runs,
    }


def observed_summary(observed: Observed, world: World) -> dict[str, object]:
    conversation, background = observed.conversation, observed.background
    if conversation is None:
        return (
            {"bedrock": False} if not observed.requests else {"bedrock": "no conversation", "sent": observed.requests}
        )
    warnings = sorted(line.split(":")[1].strip().lower() for line in observed.warnings if line.count(":") >= 2)
    return {
        "bedrock": True,
        "model": conversation.model_id,
        "region": conversation.region,
        "credential": conversation.credential_label(),
        "background": (background.model_id, background.region) if background else None,
        "probes": sorted({(p.model_id, p.region) for p in observed.probes}),
        "fallback warnings": warnings,
        "export ran": world.export_ran,
    }


@pytest.fixture(scope="session")
def managed_overlay() -> str | None:
    """None when each run can get its own /etc/claude-code, else why not."""
    return can_overlay_managed()


@pytest.mark.parametrize("version", PINNED)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_prediction_matches_claude_code(case: Case, version: str, tmp_path: Path, managed_overlay: str | None) -> None:
    binary = claude_binary(version)
    world = build(case, tmp_path / "world")
    if managed_overlay is not None and (MANAGED_SYSTEM_DIR.exists() or any("managed" in f for f in case.files)):
        pytest.skip(f"managed settings cannot be isolated here: {managed_overlay}")
    scenario = Scenario(allow_anonymous=True, profiles=_catalogue(case), account_id=ACCOUNT)
    with StandIn(scenario) as standin:
        prediction = predict_case(case, world, version, standin.url)
        run = run_claude(
            binary,
            cwd=world.cwd,
            env=world.shell,
            standin=standin,
            managed_dir=world.managed if managed_overlay is None else None,
        )
    observed = Observed.of(run)
    assert run.returncode is not None, f"Claude Code {version} did not finish: {run.stderr[-500:]}"
    predicted, seen = predicted_summary(prediction), observed_summary(observed, world)
    differences = [
        f"{key}: predicted {predicted.get(key)!r}, Claude Code {version} {seen.get(key)!r}"
        for key in dict.fromkeys([*predicted, *seen])
        if predicted.get(key) != seen.get(key)
    ]
    if report := os.environ.get("CONFORMANCE_REPORT"):  # a JSON line per case, for reading many at once
        with open(report, "a", encoding="utf-8") as out:
            line = {"case": case.id, "version": version, "differences": differences, "stderr": run.stderr[-600:]}
            out.write(json.dumps(line) + "\n")
    assert not differences, "\n".join([*differences, "stderr: " + run.stderr[-600:]])


def test_every_rule_is_exercised_by_a_case(tmp_path: Path) -> None:
    """Each rule of the behaviour model is consulted by at least one case, for every pinned version."""
    for version in PINNED:
        used: set[str] = set()
        for index, case in enumerate(CASES):
            world = build(case, tmp_path / version / str(index))
            used |= predict_case(case, world, version).rules_used
        assert sorted(set(ALL_RULES) - used) == [], f"rules no case exercises with {version}"


def test_npm_is_there_or_the_suite_says_why() -> None:
    """The suite runs where npm is; elsewhere every case is skipped with the reason (never silently)."""
    if shutil.which("npm") is None:
        with pytest.raises(Unavailable, match="npm is not installed"):
            install(PINNED[-1])
    else:
        assert claude_binary(PINNED[-1]).exists()
