"""Corporate networks: the validation child goes through the same proxy and trusts the same extra CA as
Claude Code (docs/claude-code-behaviour.md, "Corporate networks")."""

from __future__ import annotations

from pathlib import Path

from claude_bedrock_tui.standin import StandIn
from claude_bedrock_tui.validation.aws_access import network_settings
from http_proxy import ConnectProxy
from validation_helpers import SONNET, make_candidate, make_env, report_of, tls_files, write_aws_files


def _env(home: Path, standin: StandIn, **extra: str) -> dict[str, str]:
    return make_env(home, standin.endpoint_env(), AWS_ACCESS_KEY_ID="AKIAENVKEY", AWS_SECRET_ACCESS_KEY="s", **extra)


def test_validation_goes_through_the_proxy_and_trusts_node_extra_ca_certs(tmp_path: Path):
    home = tmp_path / "cand-home"
    write_aws_files(home)
    tls, ca = tls_files(tmp_path / "tls")
    with ConnectProxy() as proxy, StandIn(tls=tls) as standin:
        env = _env(home, standin, HTTPS_PROXY=proxy.url, NODE_EXTRA_CA_CERTS=ca)
        report, by_id = report_of(make_candidate(env, {"primary": SONNET}), invoke=True)
        assert report.ok, [(c.id, c.status, c.message) for c in report.checks if c.status == "fail"]
        assert by_id["model:primary"].status == "pass", by_id["model:primary"].message
        assert by_id["identity"].status == "pass" and by_id["models"].status == "pass"
        target = standin.url.removeprefix("https://")
        assert proxy.seen and set(proxy.seen) == {f"CONNECT {target}"}
        assert len(proxy.seen) >= 1 and standin.requests


def test_without_the_extra_ca_the_check_fails_as_claude_code_would(tmp_path: Path):
    home = tmp_path / "cand-home"
    write_aws_files(home)
    tls, _ = tls_files(tmp_path / "tls")
    with ConnectProxy() as proxy, StandIn(tls=tls) as standin:
        report, by_id = report_of(make_candidate(_env(home, standin, HTTPS_PROXY=proxy.url), {"primary": SONNET}))
    assert not report.ok and proxy.seen  # it went through the proxy, then refused the certificate
    assert "certificate" in (by_id["identity"].message + by_id["identity"].advice).lower()


def test_no_proxy_is_honoured(tmp_path: Path):
    home = tmp_path / "cand-home"
    write_aws_files(home)
    with ConnectProxy() as proxy, StandIn() as standin:
        env = _env(home, standin, HTTPS_PROXY=proxy.url, HTTP_PROXY=proxy.url, NO_PROXY="127.0.0.1")
        report, _ = report_of(make_candidate(env, {"primary": SONNET}), invoke=False)
    assert report.ok and proxy.seen == []


def test_network_settings(tmp_path: Path):
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n")
    bundle, cert = network_settings({"NODE_EXTRA_CA_CERTS": str(ca)})
    assert bundle and Path(bundle).read_text().endswith(ca.read_text()) and cert is None
    assert Path(bundle).read_text().count("BEGIN CERTIFICATE") > 10  # the usual CAs stay trusted
    assert network_settings({"NODE_EXTRA_CA_CERTS": str(ca), "AWS_CA_BUNDLE": "/x.pem"})[0] is None
    assert network_settings({"NODE_EXTRA_CA_CERTS": str(tmp_path / "missing.pem")})[0] is None
    both = {"CLAUDE_CODE_CLIENT_CERT": "/c.pem", "CLAUDE_CODE_CLIENT_KEY": "/k.pem"}
    assert network_settings(both) == (None, ("/c.pem", "/k.pem"))
