"""Response bodies in the exact wire formats: Anthropic messages, AWS event streams, STS XML."""

from __future__ import annotations

import base64
import json
import struct
import uuid
import zlib
from xml.sax.saxutils import escape

STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/"


def count_tokens(body: dict) -> int:
    """A deterministic stand-in for the input token count (about four characters a token)."""
    return max(1, len(json.dumps(body.get("messages", []))) // 4)


def anthropic_message(model: str, input_tokens: int, max_tokens: int) -> dict:
    """A one-token answer, as Claude on Bedrock returns it."""
    return {
        "id": f"msg_bdrk_{uuid.uuid4().hex[:24]}",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [{"type": "text", "text": "."}],
        "stop_reason": "max_tokens" if max_tokens <= 1 else "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": input_tokens, "output_tokens": 1},
    }


def stream_events(message: dict, latency_ms: int) -> list[dict]:
    """The Anthropic streaming events that spell out `message`, with Bedrock's closing metrics."""
    usage = message["usage"]
    start = dict(message, content=[], stop_reason=None, stop_sequence=None)
    return [
        {"type": "message_start", "message": start},
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "."}},
        {"type": "content_block_stop", "index": 0},
        {
            "type": "message_delta",
            "delta": {"stop_reason": message["stop_reason"], "stop_sequence": None},
            "usage": {"output_tokens": usage["output_tokens"]},
        },
        {
            "type": "message_stop",
            "amazon-bedrock-invocationMetrics": {
                "inputTokenCount": usage["input_tokens"],
                "outputTokenCount": usage["output_tokens"],
                "invocationLatency": latency_ms,
                "firstByteLatency": latency_ms,
            },
        },
    ]


def server_sent_events(events: list[dict]) -> bytes:
    """The Anthropic Messages API's streaming body (Bedrock Mantle): `event:` and `data:` lines."""
    return b"".join(f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in events)


def _event_header(name: str, value: str) -> bytes:
    raw_name, raw_value = name.encode(), value.encode()
    # Header value type 7 is a string with a two-byte length.
    return b"".join((struct.pack(">B", len(raw_name)), raw_name, b"\x07", struct.pack(">H", len(raw_value)), raw_value))


def event_stream_message(headers: dict[str, str], payload: bytes) -> bytes:
    """One message of the `application/vnd.amazon.eventstream` framing (prelude, headers, CRCs)."""
    raw_headers = b"".join(_event_header(k, v) for k, v in headers.items())
    total = 12 + len(raw_headers) + len(payload) + 4
    prelude = struct.pack(">II", total, len(raw_headers))
    message = prelude + struct.pack(">I", zlib.crc32(prelude)) + raw_headers + payload
    return message + struct.pack(">I", zlib.crc32(message))


def chunk_stream(events: list[dict]) -> bytes:
    """InvokeModelWithResponseStream's body: each event a `chunk` whose `bytes` is base64 JSON."""
    frames = []
    for event in events:
        payload = json.dumps({"bytes": base64.b64encode(json.dumps(event).encode()).decode()}).encode()
        headers = {":event-type": "chunk", ":content-type": "application/json", ":message-type": "event"}
        frames.append(event_stream_message(headers, payload))
    return b"".join(frames)


def sts_identity_xml(arn: str, user_id: str, account: str, request_id: str) -> str:
    return (
        f'<GetCallerIdentityResponse xmlns="{STS_NAMESPACE}">\n'
        "  <GetCallerIdentityResult>\n"
        f"    <Arn>{escape(arn)}</Arn>\n"
        f"    <UserId>{escape(user_id)}</UserId>\n"
        f"    <Account>{escape(account)}</Account>\n"
        "  </GetCallerIdentityResult>\n"
        f"  <ResponseMetadata>\n    <RequestId>{request_id}</RequestId>\n  </ResponseMetadata>\n"
        "</GetCallerIdentityResponse>\n"
    )


def sts_error_xml(code: str, message: str, request_id: str, *, sender: bool = True) -> str:
    return (
        f'<ErrorResponse xmlns="{STS_NAMESPACE}">\n'
        f"  <Error>\n    <Type>{'Sender' if sender else 'Receiver'}</Type>\n"
        f"    <Code>{escape(code)}</Code>\n    <Message>{escape(message)}</Message>\n  </Error>\n"
        f"  <RequestId>{request_id}</RequestId>\n"
        "</ErrorResponse>\n"
    )
