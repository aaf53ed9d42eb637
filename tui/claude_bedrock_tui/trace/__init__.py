"""Run the real Claude Code against the local stand-in and record what it sends (`trace`, conformance)."""
