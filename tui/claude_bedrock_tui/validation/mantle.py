"""The 1-token request Claude Code would send to Bedrock Mantle, made with the chosen credentials.

Claude Code posts to {ANTHROPIC_BEDROCK_MANTLE_BASE_URL, else https://bedrock-mantle.REGION.api.aws/anthropic}
/v1/messages, SigV4-signed for the service bedrock-mantle, with ANTHROPIC_CUSTOM_HEADERS (docs/claude-code-
behaviour.md, "Mantle"). urllib takes the proxy from the environment, which in the validation child is Claude
Code's; the CA bundle and client certificate are the ones botocore was given (aws_access.network_settings).
"""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any

from claude_bedrock_tui.core.claude_code.environment import is_truthy
from claude_bedrock_tui.core.claude_code.requests import custom_headers

MESSAGES_PATH = "/v1/messages"
ANTHROPIC_VERSION = "2023-06-01"
# Anthropic error types -> the Bedrock error codes the advice rules know (validation/advice.py).
_CODES = {
    "not_found_error": "ValidationException",
    "invalid_request_error": "ValidationException",
    "permission_error": "AccessDeniedException",
    "authentication_error": "UnrecognizedClientException",
    "rate_limit_error": "ThrottlingException",
    "overloaded_error": "ThrottlingException",
}


def mantle_url(env: Mapping[str, str], region: str) -> str:
    base = env.get("ANTHROPIC_BEDROCK_MANTLE_BASE_URL") or f"https://bedrock-mantle.{region}.api.aws/anthropic"
    return base.rstrip("/") + MESSAGES_PATH


def mantle_call(
    session: Any, env: Mapping[str, str], model_id: str, region: str, timeout: float
) -> tuple[str, str] | None:
    """None when Mantle answered a 1-token request for `model_id`, else (error code, message)."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest

    url = mantle_url(env, region)
    body = json.dumps({"model": model_id, "max_tokens": 1, "messages": [{"role": "user", "content": "."}]})
    headers = {"content-type": "application/json", "anthropic-version": ANTHROPIC_VERSION}
    headers.update(custom_headers(env.get("ANTHROPIC_CUSTOM_HEADERS")))
    request = AWSRequest("POST", url, data=body, headers=headers)
    if not is_truthy(env.get("CLAUDE_CODE_SKIP_MANTLE_AUTH")):
        credentials = session.get_credentials()
        if credentials is None:
            return "NoCredentialsError", "Unable to locate credentials"
        SigV4Auth(credentials.get_frozen_credentials(), "bedrock-mantle", region).add_auth(request)
    sent = urllib.request.Request(url, data=body.encode(), headers=dict(request.headers.items()), method="POST")
    context = ssl.create_default_context(cafile=session.get_config_variable("ca_bundle") or None)
    cert = session.get_default_client_config().client_cert if session.get_default_client_config() else None
    if cert:
        context.load_cert_chain(*cert)
    try:
        with urllib.request.urlopen(sent, timeout=timeout, context=context) as answer:
            answer.read()
    except urllib.error.HTTPError as error:
        return _error_of(error.code, error.read())
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        return "EndpointConnectionError", f'Could not connect to the endpoint URL: "{url}" ({reason})'
    return None


def _error_of(status: int, raw: bytes) -> tuple[str, str]:
    try:
        error = json.loads(raw).get("error") or {}
    except (ValueError, AttributeError):
        error = {}
    kind, message = str(error.get("type", "")), str(error.get("message") or raw[:200].decode("utf-8", "replace"))
    if kind == "not_found_error":
        message = f"The provided model identifier is invalid. (Bedrock Mantle: {message})"
    return _CODES.get(kind, str(status)), message
