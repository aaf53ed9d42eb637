"""A throw-away certificate authority for serving the stand-in over HTTPS on loopback.

Bedrock API keys only travel over HTTPS, so a stand-in that every credential method can reach needs a
certificate its clients trust. Each call makes a new CA whose private key never leaves memory; only its
certificate (for the clients to trust) and the server's certificate and key are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The names the stand-in is reached by on loopback (StandIn.url shows 127.0.0.1 or [::1]).
LOOPBACK_NAMES = ("127.0.0.1", "::1", "localhost")


@dataclass(frozen=True)
class TlsFiles:
    ca: str  # the CA certificate: what clients trust (AWS_CA_BUNDLE, NODE_EXTRA_CA_CERTS, verify=)
    cert: str  # the server's certificate chain
    key: str  # the server's private key

    @property
    def server(self) -> tuple[str, str]:
        """(cert, key), as StandIn(tls=...) takes them."""
        return self.cert, self.key


def write_tls_files(folder: Path) -> TlsFiles:
    """Make a new CA and a loopback server certificate from it, written under `folder` (created)."""
    import trustme  # imported only here: nothing else in the package needs it

    folder.mkdir(parents=True, exist_ok=True)
    authority = trustme.CA(organization_name="claude-bedrock-tui stand-in")
    issued = authority.issue_cert(*LOOPBACK_NAMES)
    ca, cert, key = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca.write_bytes(authority.cert_pem.bytes())
    cert.write_bytes(b"".join(blob.bytes() for blob in issued.cert_chain_pems))
    key.touch(mode=0o600)  # private before the key is in it
    key.write_bytes(issued.private_key_pem.bytes())
    return TlsFiles(str(ca), str(cert), str(key))
