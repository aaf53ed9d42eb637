"""A local stand-in for Amazon Bedrock, Bedrock Runtime and STS, for tests, benchmarks and demo mode."""

from claude_bedrock_tui.standin.calls import RecordedRequest
from claude_bedrock_tui.standin.catalogue import default_catalogue
from claude_bedrock_tui.standin.errors import ERRORS, STS_ERRORS, error_message
from claude_bedrock_tui.standin.scenario import PRESETS, Scenario
from claude_bedrock_tui.standin.server import StandIn

__all__ = [
    "ERRORS",
    "PRESETS",
    "STS_ERRORS",
    "RecordedRequest",
    "Scenario",
    "StandIn",
    "default_catalogue",
    "error_message",
]
