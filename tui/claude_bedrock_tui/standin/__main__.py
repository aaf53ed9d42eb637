"""`python -m claude_bedrock_tui.standin`: run the stand-in in the foreground until SIGINT/SIGTERM.

The first line of stdout is the URL, so a parent process can read it and point clients there.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from claude_bedrock_tui.standin.scenario import PRESETS, Scenario
from claude_bedrock_tui.standin.server import StandIn


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m claude_bedrock_tui.standin",
        description="A local stand-in for Amazon Bedrock, Bedrock Runtime and STS.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port (default)")
    parser.add_argument("--scenario", choices=PRESETS, default="healthy")
    parser.add_argument("--latency-ms", type=int, default=None, help="added to every request")
    parser.add_argument("--tls-cert", help="PEM certificate: serve HTTPS (needed for API-key auth)")
    parser.add_argument("--tls-key", help="PEM private key for --tls-cert")
    arguments = parser.parse_args(argv)
    if bool(arguments.tls_cert) != bool(arguments.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    return arguments


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    scenario = Scenario.preset(arguments.scenario)
    if arguments.latency_ms is not None:
        scenario.latency_ms = arguments.latency_ms
    tls = (arguments.tls_cert, arguments.tls_key) if arguments.tls_cert else None
    done = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: done.set())
    with StandIn(scenario, host=arguments.host, port=arguments.port, tls=tls) as standin:
        print(standin.url, flush=True)
        for name, value in standin.endpoint_env().items():
            print(f"export {name}={value}", file=sys.stderr)
        print(f"scenario: {scenario.name}; stop with Ctrl+C", file=sys.stderr, flush=True)
        # A timed wait keeps the main thread responsive to signals on every platform.
        while not done.wait(0.2):
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
