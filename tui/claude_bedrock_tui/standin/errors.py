"""The Bedrock and STS errors the stand-in can answer with, worded as AWS words them (docs/bedrock.md)."""

from __future__ import annotations

import string

# name -> (error code, HTTP status, message). Messages are verbatim AWS texts; the few that embed
# request details carry `{model_id}`, `{caller_arn}`, `{action}` or `{resource}` fields, which
# `error_message()` fills in exactly as the server does.
ERRORS: dict[str, tuple[str, int, str]] = {
    "bare_model": (
        "ValidationException",
        400,
        "Invocation of model ID {model_id} with on-demand throughput isn\u2019t supported. Retry your "
        "request with the ID or ARN of an inference profile that contains this model.",
    ),
    "invalid_model": ("ValidationException", 400, "The provided model identifier is invalid."),
    "model_access_denied": (
        "AccessDeniedException",
        403,
        "You don't have access to the model with the specified model ID.",
    ),
    "iam_denied": (
        "AccessDeniedException",
        403,
        "User: {caller_arn} is not authorized to perform: {action} on resource: {resource} "
        "because no identity-based policy allows the {action} action",
    ),
    "use_case_missing": (
        "ResourceNotFoundException",
        404,
        "Model use case details have not been submitted for this account. Fill out the Anthropic "
        "use case details form before using the model. If you have already filled out the form, "
        "try again in 15 minutes.",
    ),
    "legacy_model": (
        "ResourceNotFoundException",
        404,
        "Access denied. This Model is marked by provider as Legacy and you have not been actively "
        "using the model in the last 15 days. Please upgrade to an active model on Amazon Bedrock",
    ),
    "end_of_life": (
        "ResourceNotFoundException",
        404,
        "This model version has reached the end of its life. Please refer to the AWS documentation for more details.",
    ),
    "throttled": ("ThrottlingException", 429, "Too many requests, please wait before trying again."),
    "bad_token": (
        "UnrecognizedClientException",
        403,
        "The security token included in the request is invalid.",
    ),
    "expired_token": (
        "ExpiredTokenException",
        403,
        "The security token included in the request is expired",
    ),
    # Bedrock sends no error type for a rejected API key, so boto3 reports the status as the code.
    "bad_api_key": ("403", 403, "Authentication failed: Please make sure your API Key is valid."),
    "server_error": (
        "InternalServerException",
        500,
        "The server encountered an internal error while processing the request.",
    ),
}

# The same situations as STS (query protocol, XML) reports them.
STS_ERRORS: dict[str, tuple[str, int, str]] = {
    "bad_token": ("InvalidClientTokenId", 403, "The security token included in the request is invalid."),
    "expired_token": ("ExpiredToken", 403, "The security token included in the request is expired"),
    "server_error": (
        "InternalFailure",
        500,
        "The request processing has failed because of an unknown error, exception or failure.",
    ),
    "missing_auth": ("MissingAuthenticationToken", 403, "Request is missing Authentication Token"),
}

# Errors that concern who is calling rather than which model: the server checks them before routing.
AUTH_ERRORS = frozenset({"bad_token", "expired_token", "bad_api_key"})


class _KeepUnknown(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def error_message(name: str, **context: str) -> str:
    """The message the server sends for `name`, with the request details filled in."""
    return string.Formatter().vformat(ERRORS[name][2], (), _KeepUnknown(context))
