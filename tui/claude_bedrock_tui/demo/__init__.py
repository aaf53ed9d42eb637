"""The `demo` command: a throw-away sandbox (HOME, project, AWS profiles, a local Bedrock) for the TUI."""

from claude_bedrock_tui.demo.sandbox import Sandbox, demo_sandbox

__all__ = ["Sandbox", "demo_sandbox"]
