"""Decode short-term Bedrock API keys offline: they are a base64 presigned URL with region and expiry."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

SHORT_TERM_PREFIX = "bedrock-api-key-"


@dataclass(frozen=True)
class ApiKeyInfo:
    """What can be read from a key without calling AWS."""

    short_term: bool
    region: str | None = None
    expires: datetime | None = None
    error: str | None = None  # why a short-term-looking key could not be decoded


def decode_api_key(token: str) -> ApiKeyInfo:
    """Region and expiry of a short-term key; long-term keys carry neither."""
    if not token.startswith(SHORT_TERM_PREFIX):
        return ApiKeyInfo(short_term=False)
    encoded = token[len(SHORT_TERM_PREFIX) :]
    try:
        url = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=False).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        return ApiKeyInfo(short_term=True, error=f"not base64: {exc}")
    # The generator drops the scheme ("bedrock.amazonaws.com/?Action=..."); urlsplit needs one.
    query = parse_qs(urlsplit(url if "://" in url else "https://" + url).query)
    credential = (query.get("X-Amz-Credential") or [""])[0].split("/")
    region = credential[2] if len(credential) >= 4 else None
    try:
        signed_at = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        lifetime = timedelta(seconds=int(query["X-Amz-Expires"][0]))
    except (KeyError, IndexError, ValueError):
        return ApiKeyInfo(short_term=True, region=region, error="no X-Amz-Date/X-Amz-Expires in the key")
    return ApiKeyInfo(short_term=True, region=region, expires=signed_at + lifetime)


def make_short_term_key(region: str, signed_at: datetime, expires_in_s: int, access_key: str = "AKIDEXAMPLE") -> str:
    """Build a key in the short-term format (for tests and the demo; the signature is fake)."""
    url = (
        "bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256"
        f"&X-Amz-Credential={access_key}%2F{signed_at:%Y%m%d}%2F{region}%2Fbedrock%2Faws4_request"
        f"&X-Amz-Date={signed_at:%Y%m%dT%H%M%SZ}&X-Amz-Expires={expires_in_s}"
        "&X-Amz-SignedHeaders=host&X-Amz-Signature=00&Version=1"
    )
    return SHORT_TERM_PREFIX + base64.b64encode(url.encode()).decode()
