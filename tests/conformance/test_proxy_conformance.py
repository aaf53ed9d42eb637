"""Claude Code behind a corporate proxy with a TLS-inspecting CA, against the tool's prediction, and the
validation child on the same network (docs/claude-code-behaviour.md, "Corporate networks")."""

from __future__ import annotations

from pathlib import Path

import pytest
from cases import PIN, USER, env
from claude_versions import PINNED, claude_binary
from test_conformance import ACCOUNT, predict_case, script_key
from world import Case, build

from claude_bedrock_tui.core.configuration import load
from claude_bedrock_tui.standin.catalogue import default_catalogue
from claude_bedrock_tui.standin.scenario import Scenario
from claude_bedrock_tui.standin.server import StandIn
from claude_bedrock_tui.trace import compare
from claude_bedrock_tui.trace.observed import Observed
from claude_bedrock_tui.trace.runner import run_claude, standin_endpoints
from claude_bedrock_tui.validation import run_validation
from http_proxy import ConnectProxy
from validation_helpers import tls_files

pytestmark = pytest.mark.conformance


def _case(where: str) -> Case:
    """The proxy and the CA in the user settings `env` (as Claude Code's docs ask) or only in the shell."""
    network = {"HTTPS_PROXY": "$PROXY", "NODE_EXTRA_CA_CERTS": "$ROOT/tls/ca.pem"}
    if where == "settings":
        return Case(f"proxy-in-{where}", {USER: env(**network)}, PIN)
    return Case(f"proxy-in-{where}", shell={**PIN, **network})


@pytest.mark.parametrize("version", PINNED)
@pytest.mark.parametrize("where", ["settings", "shell"])
def test_claude_code_and_the_check_go_through_the_proxy(where: str, version: str, tmp_path: Path) -> None:
    binary = claude_binary(version)
    root = tmp_path / "world"
    tls, _ = tls_files(root / "tls")
    scenario = Scenario(allow_anonymous=True, profiles=default_catalogue(ACCOUNT), account_id=ACCOUNT)
    with ConnectProxy() as proxy, StandIn(scenario, tls=tls) as standin:
        case = _case(where)
        world = build(case, root)
        for settings in (world.home / ".claude" / "settings.json",):
            if settings.exists():
                settings.write_text(settings.read_text().replace("$PROXY", proxy.url))
        shell = {k: v.replace("$PROXY", proxy.url) for k, v in world.shell.items()}
        world = type(world)(world.root, world.home, world.cwd, world.managed, shell)
        prediction = predict_case(case, world, version, standin.url)
        run = run_claude(binary, cwd=world.cwd, env=world.shell, standin=standin)
        sent_by_claude = len(proxy.seen)
        # The validation child, started from the same shell and settings (what `check` runs).
        config = load(world.cwd, {**world.shell, **standin_endpoints(standin.url), **standin.endpoint_env()})
        report = run_validation(config.candidate(), invoke=True)
    observed = Observed.of(run)
    differences = compare.differences(
        compare.predicted(prediction, script_key), compare.observed(observed), f"Claude Code {version}"
    )
    assert not differences, "\n".join([*differences, "stderr: " + run.stderr[-600:]])
    target = f"CONNECT {standin.url.removeprefix('https://')}"
    # Keep-alive tunnels carry several requests each: at least one tunnel, none to anywhere else.
    assert observed.requests and sent_by_claude >= 1 and set(proxy.seen) == {target}
    checks = {c.id: c for c in report.checks}
    assert checks["model:primary"].status == "pass", checks["model:primary"].message
    assert len(proxy.seen) > sent_by_claude  # the check's own requests went through the proxy too
    shell_only = [p for p in config.problems if "exported only in the shell" in p.message]
    assert [p.key for p in shell_only] == ([] if where == "settings" else ["HTTPS_PROXY", "NODE_EXTRA_CA_CERTS"])
