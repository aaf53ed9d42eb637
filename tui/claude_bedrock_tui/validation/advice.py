"""Turn a Bedrock/STS/botocore error into a status, a message and the one thing to do next.

One table, one row per situation of docs/bedrock.md ("Errors and what they mean") plus botocore's
credential errors; first match wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claude_bedrock_tui.validation.credential_checks import refresh_advice

SETUP_DOC_IAM = "the IAM policy in the setup doc (Claude Code on Amazon Bedrock > IAM configuration)"
USE_CASE_STEP = (
    "Submit the Anthropic use case form: Bedrock console > Chat/Text playground > choose an Anthropic model."
)


@dataclass
class ErrorContext:
    """What the advice may name: the model, region, a better profile ID, the offered profiles, credentials."""

    region: str = ""
    model: str = ""
    suggested: str = ""  # the inference-profile ID to use instead of a bare ID
    offered: list[str] = field(default_factory=list)  # profile IDs offered in the region
    credentials: str = ""  # how to fix the credentials in use (see credential_hint)


@dataclass(frozen=True)
class Rule:
    """A row: matches on error code and/or message; advice is a template over ErrorContext + `action`."""

    name: str
    codes: tuple[str, ...]  # empty: any code
    pattern: str | None  # regex searched in the message (case-insensitive); None: any message
    status: str
    message: str
    advice: str


RULES: tuple[Rule, ...] = (
    Rule(
        "bare_model",
        ("ValidationException",),
        r"on-demand throughput isn.t supported",
        "fail",
        "{model} is a bare model ID: Bedrock only serves it through an inference profile.",
        "Use the inference profile ID {suggested} instead.",
    ),
    Rule(
        "invalid_model",
        ("ValidationException",),
        r"provided model identifier is invalid",
        "fail",
        "{model} is unknown or not offered in {region}.",
        "Pick a profile offered in {region}: {offered_list}.",
    ),
    Rule(
        "model_access_denied",
        ("AccessDeniedException",),
        r"don.t have access to the model",
        "fail",
        "This account has no access to {model} in {region}.",
        "Request model access in the Bedrock console (Model access) for {region}.",
    ),
    Rule(
        "iam_denied",
        ("AccessDeniedException", "AccessDenied", "AuthorizationError"),
        r"not authorized to perform",
        "fail",
        "These credentials may not call {action}: {verbatim}",
        "Allow {action} for these credentials; see " + SETUP_DOC_IAM + ".",
    ),
    Rule(
        "use_case_missing",
        ("ResourceNotFoundException",),
        r"use case details have not been submitted",
        "fail",
        "The Anthropic use case form has not been submitted for this account.",
        USE_CASE_STEP,
    ),
    Rule(
        "legacy_model",
        ("ResourceNotFoundException",),
        r"legacy|end of its life",
        "fail",
        "{model} is a legacy or end-of-life model: {verbatim}",
        "Pick a current model from the profiles offered in {region}: {offered_list}.",
    ),
    Rule(
        "throttled",
        ("ThrottlingException", "ServiceQuotaExceededException", "TooManyRequestsException", "Throttling"),
        None,
        "warn",
        "The setup works; you are throttled: {verbatim}",
        "Wait and retry, or ask for a higher quota (Service Quotas > Amazon Bedrock).",
    ),
    Rule(
        "bad_api_key",
        (),
        r"make sure your API Key is valid",
        "fail",
        "The Bedrock API key was rejected: {verbatim}",
        "Regenerate the key (Bedrock console > API keys) and update AWS_BEARER_TOKEN_BEDROCK.",
    ),
    Rule(
        "expired_token",
        ("ExpiredTokenException", "ExpiredToken", "RequestExpired"),
        None,
        "fail",
        "The credentials have expired: {verbatim}",
        "{credentials}",
    ),
    Rule(
        "bad_token",
        (
            "UnrecognizedClientException",
            "InvalidClientTokenId",
            "InvalidSignatureException",
            "SignatureDoesNotMatch",
            "IncompleteSignature",
        ),
        None,
        "fail",
        "AWS does not recognise these credentials: {verbatim}",
        "{credentials}",
    ),
    Rule(
        "sso_expired",
        (
            "UnauthorizedSSOTokenError",
            "TokenRetrievalError",
            "SSOTokenLoadError",
            "LoginRefreshRequired",
            "LoginTokenLoadError",
            "LoginError",
        ),
        None,
        "fail",
        "The login behind the profile is missing or expired: {verbatim}",
        "{credentials}",
    ),
    Rule(
        "no_credentials",
        ("NoCredentialsError", "PartialCredentialsError"),
        None,
        "fail",
        "No AWS credentials were found: {verbatim}",
        "Set AWS_PROFILE (after `aws configure` or `aws configure sso`), export access keys, "
        "or set AWS_BEARER_TOKEN_BEDROCK.",
    ),
    Rule(
        "crt_missing",
        ("MissingDependencyException",),
        None,
        "fail",
        "{verbatim}",
        'Run `pip install "botocore[crt]"` in the environment that runs this tool.',
    ),
    Rule(
        "profile_missing",
        ("ProfileNotFound",),
        None,
        "fail",
        "{verbatim}",
        "Create the profile (`aws configure --profile NAME`) or fix AWS_PROFILE.",
    ),
    Rule(
        "credential_process",
        ("CredentialRetrievalError", "InvalidConfigError"),
        None,
        "fail",
        "{verbatim}",
        "Fix the profile's credential_process/role settings in the AWS config file; "
        "run the command by hand to see its error.",
    ),
    Rule(
        "api_key_over_http",
        ("InvalidEndpointConfigurationError",),
        None,
        "fail",
        "{verbatim}",
        "Bedrock API keys are only sent over HTTPS: use an https:// endpoint, or IAM credentials.",
    ),
    Rule(
        "unreachable",
        (
            "EndpointConnectionError",
            "ConnectTimeoutError",
            "ReadTimeoutError",
            "ConnectionClosedError",
            "ProxyConnectionError",
            "SSLError",
            "ConnectionError",
            "HTTPClientError",
        ),
        None,
        "fail",
        "Bedrock is not reachable in {region}: {verbatim}",
        "Check the region ({region}), the network/proxy, and any endpoint override "
        "(ANTHROPIC_BEDROCK_BASE_URL, AWS_ENDPOINT_URL_*).",
    ),
)


def error_info(exc: BaseException) -> tuple[str, str]:
    """(code, verbatim message) for a botocore ClientError or any other exception."""
    response = getattr(exc, "response", None)
    if isinstance(response, dict) and "Error" in response:
        error = response.get("Error") or {}
        status = response.get("ResponseMetadata", {}).get("HTTPStatusCode", "")
        return str(error.get("Code") or status or "Error"), str(error.get("Message") or "")
    return type(exc).__name__, str(exc)


_UNKNOWN = Rule("unknown", (), None, "fail", "{code}: {verbatim}", "")


def find_rule(code: str, message: str) -> Rule:
    for rule in RULES:
        if rule.codes and code not in rule.codes:
            continue
        if rule.pattern and not re.search(rule.pattern, message, re.IGNORECASE):
            continue
        return rule
    return _UNKNOWN


def _offered_list(offered: list[str], region: str) -> str:
    if not offered:
        return f"see `aws bedrock list-inference-profiles --region {region}`"
    shown = ", ".join(offered[:8])
    return shown + (f" (and {len(offered) - 8} more)" if len(offered) > 8 else "")


def advise(code: str, message: str, ctx: ErrorContext) -> tuple[str, str, str, str]:
    """(rule name, status, message, advice) for an error code and its verbatim message."""
    rule = find_rule(code, message)
    action = re.search(r"not authorized to perform:?\s+([\w:-]+)", message)
    fields = {
        "code": code or "Error",
        "verbatim": message.strip() or "(no message)",
        "region": ctx.region or "the region",
        "model": ctx.model or "the model",
        "suggested": ctx.suggested or "a <prefix>.anthropic... profile ID",
        "offered_list": _offered_list(ctx.offered, ctx.region or "<region>"),
        "credentials": ctx.credentials or "Check the credentials Claude Code uses (see the credentials check).",
        "action": action.group(1) if action else "the required Bedrock action",
    }
    advice = rule.advice.format(**fields)
    if rule.name == "invalid_model" and ctx.suggested in ctx.offered and ctx.suggested != ctx.model:
        # The same model under the region's own prefix is the fix nearly every time: lead with it.
        others = [p for p in ctx.offered if p != ctx.suggested]
        advice = f"Use {ctx.suggested} instead: the same model, offered in {fields['region']}." + (
            f" Also offered: {_offered_list(others, fields['region'])}." if others else ""
        )
    return rule.name, rule.status, rule.message.format(**fields), advice


def credential_hint(kind: str, profile: str | None, profile_kind: str | None, auth_refresh: str | None) -> str:
    """How to fix the credentials of a given method when AWS rejects or expires them."""
    if kind == "export":
        return "The awsCredentialExport command printed rejected credentials: run it by hand and check its output."
    if kind == "api-key":
        return "Regenerate the Bedrock API key and update AWS_BEARER_TOKEN_BEDROCK."
    if profile and profile_kind == "sso":
        return refresh_advice(f"aws sso login --profile {profile}", auth_refresh)
    if profile and profile_kind == "login":
        return refresh_advice(f"aws login --profile {profile}", auth_refresh)
    if profile and profile_kind == "static keys":
        return f"Update the keys of profile {profile} (`aws configure --profile {profile}`)."
    if kind == "env-keys":
        return "Export fresh AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN (or use a profile)."
    if profile:
        return f"Refresh the credentials of profile {profile} (profile kind: {profile_kind})."
    return "Check the credentials Claude Code uses (see the credentials check)."
