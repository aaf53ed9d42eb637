"""The behaviour model of Claude Code: which settings it reads, the environment, region, credentials and
models it will use, rule by rule with the versions each rule was measured in.

docs/claude-code-behaviour.md describes every rule in prose; the conformance suite
(tests/conformance) proves them against the real Claude Code, version by version.
"""
