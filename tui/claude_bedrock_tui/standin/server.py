"""StandIn: a local HTTP(S) server that answers as Bedrock, Bedrock Runtime and STS do."""

from __future__ import annotations

import logging
import socket
import ssl
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from claude_bedrock_tui.standin.calls import Call, RecordedRequest
from claude_bedrock_tui.standin.operations import Reply, answer
from claude_bedrock_tui.standin.scenario import Scenario

log = logging.getLogger(__name__)

# The variables that point botocore's clients of each service the stand-in serves at it.
ENDPOINT_VARIABLES = (
    "AWS_ENDPOINT_URL_BEDROCK",
    "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
    "AWS_ENDPOINT_URL_STS",
    "AWS_ENDPOINT_URL_SERVICE_QUOTAS",
    "AWS_ENDPOINT_URL_CLOUDWATCH",
    "AWS_ENDPOINT_URL_IAM",
)

# Clients that time out, give up mid-request or fail the TLS handshake are part of the job, not
# server faults (ConnectionError, TimeoutError and ssl.SSLError are all OSErrors).
_CLIENT_GONE = OSError


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as boto3's connection pool expects
    server_version = "bedrock-standin"
    disable_nagle_algorithm = True  # headers and body go out as separate writes: no 40 ms delayed-ACK stall
    sys_version = ""
    server: _Server
    timeout = 60  # an idle keep-alive connection is dropped after this

    def setup(self) -> None:
        if isinstance(self.request, ssl.SSLSocket):
            # The handshake runs here, in the connection's own thread, so one slow client
            # cannot stall the accept loop.
            self.request.settimeout(10)
            self.request.do_handshake()
        super().setup()
        self.server.connections.add(self.request)

    def finish(self) -> None:
        self.server.connections.discard(self.request)
        try:
            super().finish()
        except _CLIENT_GONE:
            pass

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    def _serve(self) -> None:
        standin = self.server.standin
        scenario = standin.scenario  # one consistent view for the whole request
        call = Call.parse(self.command, self.path, dict(self.headers.items()), self._read_body())
        standin._record(call.record())
        if scenario.hang:
            standin._stopping.wait()
            self.close_connection = True
            return
        if scenario.latency_ms > 0 and standin._stopping.wait(scenario.latency_ms / 1000):
            self.close_connection = True
            return
        try:
            reply = answer(call, scenario)
        except Exception:  # a bug here must still reach the client as an AWS-shaped 500
            log.exception("stand-in failed to answer %s %s", self.command, self.path)
            body = b'{"message":"stand-in internal error"}'
            reply = Reply(500, body, {"x-amzn-ErrorType": "InternalServerException"})
        self._send(reply)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                parts.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                pass  # trailers
            return b"".join(parts)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        headers = {"x-amzn-RequestId": str(uuid.uuid4()), **reply.headers}
        headers["Content-Length"] = str(len(reply.body))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # a burst of parallel validations must not overflow the listen backlog

    def __init__(self, address: tuple[str, int], standin: StandIn) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.standin = standin
        self.connections: set[socket.socket] = set()
        super().__init__(address, _Handler)

    def process_request(self, request: socket.socket | tuple[bytes, socket.socket], client_address: object) -> None:
        # Named per port, so a test can tell this server's connection threads from any other's.
        name = f"bedrock-standin-{self.server_address[1]}-connection"
        thread = threading.Thread(target=self.process_request_thread, args=(request, client_address), name=name)
        thread.daemon = True
        thread.start()

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, _CLIENT_GONE):
            log.exception("stand-in connection from %s failed", client_address)


class StandIn:
    """A local stand-in for Bedrock, Bedrock Runtime and STS on one port; `with StandIn() as s:`."""

    def __init__(
        self,
        scenario: Scenario | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        tls: tuple[str, str] | None = None,
    ) -> None:
        self.scenario = scenario or Scenario()
        self.host = host
        self.port = port
        self.tls = tls
        self.url = ""
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> StandIn:
        """Bind and serve in a background thread; `url` is set when this returns."""
        if self._server is not None:
            return self
        self._stopping.clear()
        server = _Server((self.host, self.port), self)
        if self.tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self.tls)
            server.socket = context.wrap_socket(server.socket, server_side=True, do_handshake_on_connect=False)
        self.port = server.server_address[1]
        shown = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(self.host, self.host)
        if ":" in shown:
            shown = f"[{shown}]"
        self.url = f"{'https' if self.tls else 'http'}://{shown}:{self.port}"
        self._server = server
        self._thread = threading.Thread(  # named per port, like its connection threads
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"bedrock-standin-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and drop every open connection, hanging requests included."""
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()  # wakes requests that hang or wait out latency
        server.shutdown()
        server.server_close()
        for connection in list(server.connections):
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if self._thread is not None:
            self._thread.join(timeout=2)

    def set_scenario(self, scenario: Scenario) -> None:
        """Change behaviour while running; requests already being answered keep the old one."""
        self.scenario = scenario

    def clear_requests(self) -> None:
        with self._lock:
            self.requests.clear()

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def endpoint_env(self) -> dict[str, str]:
        """Environment variables that point boto3 (and child processes) at this stand-in."""
        return dict.fromkeys(ENDPOINT_VARIABLES, self.url)

    def __enter__(self) -> StandIn:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
