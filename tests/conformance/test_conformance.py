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
from claude_versions import PINNED, Unavailable, claude_binary, install
from world import EXPORT_KEY, PROCESS_KEY, Case, World, build

from claude_bedrock_tui.core.aws_profiles import read_aws_profiles
from claude_bedrock_tui.core.claude_code.prediction import Prediction
from claude_bedrock_tui.core.claude_code.reading import read_and_predict
from claude_bedrock_tui.core.claude_code.rules import ALL_RULES, parse_version, rulebook_for
from claude_bedrock_tui.standin.catalogue import default_catalogue
from claude_bedrock_tui.standin.scenario import Scenario
from claude_bedrock_tui.standin.server import StandIn
from claude_bedrock_tui.trace import compare
from claude_bedrock_tui.trace.observed import Observed
from claude_bedrock_tui.trace.runner import MANAGED_SYSTEM_DIR, can_overlay_managed, run_claude, standin_endpoints

pytestmark = pytest.mark.conformance

ACCOUNT = "123456789012"


def _catalogue(case: Case) -> list[dict]:
    """ "default", "newer" (Opus 4.6 to 5.5 listed too), or "without:<bare model ID>" (that model unlisted)."""
    catalogue = default_catalogue(ACCOUNT, newer_models=case.catalogue == "newer")
    if case.catalogue.startswith("without:"):
        missing = case.catalogue.removeprefix("without:")
        catalogue = [p for p in catalogue if not p["inferenceProfileId"].endswith("." + missing)]
    return catalogue


def _tool_environ(world: World, base_url: str) -> dict[str, str]:
    return {**world.shell, "CLAUDE_BEDROCK_TUI_MANAGED_DIR": str(world.managed), **standin_endpoints(base_url)}


def predict_case(case: Case, world: World, version: str, base_url: str = "http://127.0.0.1:9") -> Prediction:
    """The tool's prediction, knowing what the stand-in lists and answers (as `check` knows from Bedrock)."""
    view = compare.StandInView(_catalogue(case), ACCOUNT)
    book = rulebook_for(parse_version(version), "conformance")
    environ = _tool_environ(world, base_url)
    first = read_and_predict(world.cwd, environ, book, read_aws_profiles)
    return read_and_predict(
        world.cwd, environ, book, read_aws_profiles, listing=view.listing(first.region.value), answers=view.answers
    )


def script_key(prediction: Prediction) -> str | None:
    """The access key of credentials that a case's own scripts print."""
    if prediction.credentials.source == "export":
        return EXPORT_KEY
    if prediction.credentials.profile_kind == "credential_process":
        return PROCESS_KEY
    return None


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
    differences = compare.differences(
        compare.predicted(prediction, script_key, export_observable=True),
        compare.observed(observed, export_ran=world.export_ran),
        f"Claude Code {version}",
    )
    if report := os.environ.get("CONFORMANCE_REPORT"):  # a JSON line per case, for reading many at once
        with open(report, "a", encoding="utf-8") as out:
            line = {"case": case.id, "version": version, "differences": differences, "stderr": run.stderr[-600:]}
            out.write(json.dumps(line) + "\n")
    assert not differences, "\n".join([*differences, "stderr: " + run.stderr[-600:]])


def test_every_rule_is_exercised_by_a_case(tmp_path: Path) -> None:
    """Each rule of the behaviour model is consulted by at least one case, for every version it was seen in."""
    for version in PINNED:
        used: set[str] = set()
        for index, case in enumerate(CASES):
            world = build(case, tmp_path / version / str(index))
            used |= predict_case(case, world, version).rules_used
        seen = {rule_id for rule_id, rule in ALL_RULES.items() if version in rule.seen_in}
        assert sorted(seen - used) == [], f"rules no case exercises with {version}"


def test_npm_is_there_or_the_suite_says_why() -> None:
    """The suite runs where npm is; elsewhere every case is skipped with the reason (never silently)."""
    if shutil.which("npm") is None:
        with pytest.raises(Unavailable, match="npm is not installed"):
            install(PINNED[-1])
    else:
        assert claude_binary(PINNED[-1]).exists()
