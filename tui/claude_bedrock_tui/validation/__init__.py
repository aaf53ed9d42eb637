"""Validate a candidate Claude Code configuration against Amazon Bedrock, as Claude Code would call it.

Importing this package does not import boto3: the AWS calls happen in a child process.
"""

from claude_bedrock_tui.validation.credential_checks import offline_credential_checks
from claude_bedrock_tui.validation.report import InferenceProfile, ValidationReport
from claude_bedrock_tui.validation.runner import Prestarted, prestart, run_validation

__all__ = [
    "InferenceProfile",
    "Prestarted",
    "ValidationReport",
    "offline_credential_checks",
    "prestart",
    "run_validation",
]
