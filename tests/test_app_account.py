"""The account view (shift+F2): the access, quota and IAM checks of the latest run and the policy."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Static

from app_support import PASSING, FakeValidator, check, fixed_clock, make_world, ready
from claude_bedrock_tui.app.app import BedrockApp
from claude_bedrock_tui.app.screens.account import AccountScreen

ACCOUNT_CHECKS = [
    check("access:primary", "fail", "The Anthropic use-case form has not been submitted for this account.",
          "Submit the Anthropic use case form."),
    check("quota:primary", "warn", "20,000 tokens/min: 0 request(s) can start per minute.",
          "Request an increase."),
    check("iam", "pass", "Claude Code needs bedrock:InvokeModel; none was refused."),
]  # fmt: skip


def text_of(app: BedrockApp) -> str:
    return "\n".join(str(app.screen.query_one(f"#account-{part}", Static).render()) for part in ("text", "policy"))


async def test_account_view_shows_the_checks_and_the_policy(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    validator = FakeValidator(checks=[*PASSING, *ACCOUNT_CHECKS])
    app = BedrockApp(project_dir=world.project, environ=world.environ, clock=fixed_clock, validator=validator)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("shift+f2")
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen)
        before = text_of(app)
        assert "Not validated yet" in before
        policy = json.loads(before[before.index("{") :])
        assert policy["Version"] == "2012-10-17" and policy["Statement"]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AccountScreen)
        await pilot.press("f5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.run_state.phase == "done"
        # The validation panel renders every check it is given, the account checks with the rest.
        panel = app.main.validation_panel.query_one(".pane-body").render().plain
        assert "access:primary" in panel and "quota:primary" in panel and "iam " in panel
        assert "Submit the Anthropic use case form." in panel
        await pilot.press("f14")
        await pilot.pause()
        shown = text_of(app)
        assert "access:primary" in shown and "use-case form has not been submitted" in shown
        assert "quota:primary" in shown and "iam" in shown
        assert "model:primary" not in shown  # only the account checks
