"""`managed export` against the real Claude Code: the managed-settings.json and the drop-in it writes are
read by every pinned version the way the tool predicts, over a developer's own settings.

The admin's setup is exported with the command line; the file goes into the managed folder of a fresh
world (a developer's machine with other settings of its own), and Claude Code runs there as in
test_conformance.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import test_trace
from cases import HAIKU_35, LOCAL, MANAGED, OPUS_41, SONNET_37, USER, env
from claude_versions import PINNED, claude_binary
from test_conformance import ACCOUNT, _catalogue, predict_case, script_key
from world import EXPORT_KEY, Case, build

from claude_bedrock_tui.standin.scenario import Scenario
from claude_bedrock_tui.standin.server import StandIn
from claude_bedrock_tui.trace import compare
from claude_bedrock_tui.trace.observed import Observed
from claude_bedrock_tui.trace.runner import MANAGED_SYSTEM_DIR, can_overlay_managed, run_claude
from cli_helpers import cli
from settings_helpers import user_settings

pytestmark = pytest.mark.conformance

# The admin's machine: the setup every developer should get. `$ROOT` is the developer world's root (the
# world writes it out), so the exported awsCredentialExport runs a script of that world.
ADMIN_SETUP = {
    "env": {
        "CLAUDE_CODE_USE_BEDROCK": "1",
        "AWS_REGION": "us-west-2",
        "ANTHROPIC_MODEL": OPUS_41,
        "ANTHROPIC_DEFAULT_HAIKU_MODEL": HAIKU_35,
    },
    "awsCredentialExport": "$ROOT/bin/export.sh",
}
DROPIN = "managed/managed-settings.d/90-bedrock.json"
traced_world = test_trace.traced_world  # the fixture: a conformance world as this process's environment


def exported(fmt: str, version: str) -> str:
    user_settings(ADMIN_SETUP)
    result = cli("managed", "export", "--format", fmt, "--claude-version", version)
    assert result.code == 0, result.err
    assert "(credential-export)" in result.err
    return result.out


def developer_machine(fmt: str, text: str) -> Case:
    """A developer's own settings point elsewhere; the managed layer must win over all of them."""
    own = {USER: env(AWS_REGION="eu-west-1", ANTHROPIC_MODEL=SONNET_37), LOCAL: env(AWS_REGION="eu-north-1")}
    if fmt == "json":
        return Case(f"managed-export-{fmt}", {**own, MANAGED: text})
    return Case(
        f"managed-export-{fmt}",
        {
            **own,
            MANAGED: env(AWS_REGION="eu-west-3", ANTHROPIC_MODEL=SONNET_37, DISABLE_TELEMETRY="1"),
            "managed/managed-settings.d/10-base.json": env(AWS_REGION="ap-southeast-2"),
            DROPIN: text,
        },
    )


@pytest.mark.parametrize("version", PINNED)
@pytest.mark.parametrize("fmt", ["json", "dropin"])
def test_an_exported_managed_file_is_what_claude_code_uses(fmt: str, version: str, tmp_path: Path) -> None:
    why_not = can_overlay_managed()
    if why_not is not None or MANAGED_SYSTEM_DIR.exists():
        pytest.skip(f"managed settings cannot be isolated here: {why_not or MANAGED_SYSTEM_DIR}")
    binary = claude_binary(version)
    text = exported(fmt, version)
    assert json.loads(text)["env"]["AWS_REGION"] == "us-west-2"
    case = developer_machine(fmt, text)
    world = build(case, tmp_path / "world")
    scenario = Scenario(allow_anonymous=True, profiles=_catalogue(case), account_id=ACCOUNT)
    with StandIn(scenario) as standin:
        prediction = predict_case(case, world, version, standin.url)
        run = run_claude(binary, cwd=world.cwd, env=world.shell, standin=standin, managed_dir=world.managed)
        requests = list(standin.requests)
    assert run.returncode is not None, f"Claude Code {version} did not finish: {run.stderr[-500:]}"
    # What the export promised, as the tool predicts it on the developer's machine ...
    assert prediction.region.value == "us-west-2"
    assert prediction.models["primary"].resolved == OPUS_41
    assert prediction.credentials.source == "export"
    # ... is what Claude Code sent: the whole prediction, and these three seen in the requests themselves.
    differences = compare.differences(
        compare.predicted(prediction, script_key, export_observable=True),
        compare.observed(Observed.of(run), export_ran=world.export_ran),
        f"Claude Code {version}",
    )
    assert not differences, "\n".join([*differences, "stderr: " + run.stderr[-600:]])
    invokes = [r for r in requests if r.operation.startswith("InvokeModel")]
    assert OPUS_41 in {r.model_id for r in invokes}
    assert {r.region for r in invokes if r.auth == "sigv4"} == {"us-west-2"}
    assert {r.access_key_id for r in invokes if r.auth == "sigv4"} == {EXPORT_KEY}


@pytest.mark.parametrize("version", PINNED)
def test_trace_shows_claude_code_a_candidate_managed_folder(traced_world, version: str, tmp_path: Path) -> None:
    """`trace --managed-dir`: an admin's own check that this Claude Code reads the export as predicted."""
    why_not = can_overlay_managed()
    if why_not is not None:
        pytest.skip(f"managed settings cannot be laid over /etc here: {why_not}")
    text = exported("dropin", version)
    world = traced_world(Case("developer", {USER: env(AWS_REGION="eu-west-1", ANTHROPIC_MODEL=SONNET_37)}), version)
    candidate = tmp_path / "candidate"
    (candidate / "managed-settings.d").mkdir(parents=True)
    (candidate / "managed-settings.d" / "90-bedrock.json").write_text(
        text.replace("$ROOT", str(world.root)), encoding="utf-8"
    )
    result = cli("trace", "--json", "--managed-dir", str(candidate))
    report = result.json()
    assert result.code == 0, report["differences"]
    assert report["agrees"]
    conversation = [r for r in report["requests"] if r["kind"] == "conversation"]
    assert conversation and {(r["model"], r["region"]) for r in conversation} == {(OPUS_41, "us-west-2")}
    assert world.export_ran  # the exported awsCredentialExport ran, from the managed layer
    # Without the flag the same trace sees the developer's own settings: the managed layer made the difference.
    plain = cli("trace", "--json").json()
    assert {r["region"] for r in plain["requests"] if r["kind"] == "conversation"} == {"eu-west-1"}
