"""See, edit and validate Claude Code's Amazon Bedrock configuration."""

__version__ = "0.1.0"
