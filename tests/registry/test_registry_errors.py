"""Every failure becomes one RegistryError with a one-line message, never a traceback."""

from __future__ import annotations

import hashlib
import json
import socket

import pytest
from dockwise.registry import RegistryError, resolve_digest
from dockwise.registry.client import MANIFEST_MEDIA_TYPES, registry_base_url
from dockwise.registry.errors import (
    BAD_RESPONSE,
    DENIED,
    INVALID_REFERENCE,
    NOT_FOUND,
    TIMEOUT,
    UNREACHABLE,
)

MANIFEST = json.dumps({"schemaVersion": 2, "mediaType": MANIFEST_MEDIA_TYPES[2]}).encode()
MANIFEST_DIGEST = "sha256:" + hashlib.sha256(MANIFEST).hexdigest()


def failure(ref: str, **options) -> RegistryError:
    with pytest.raises(RegistryError) as caught:
        resolve_digest(ref, **options)
    error = caught.value
    message = str(error)
    assert message and "\n" not in message and "Traceback" not in message
    assert error.__context__ is None or error.__suppress_context__
    return error


def test_connection_refused(closed_port):
    error = failure(f"{closed_port}/app:1", timeout=2)
    assert error.kind == UNREACHABLE
    assert str(error) == f"cannot reach registry {closed_port}: connection refused"


def test_dns_failure(monkeypatch):
    def no_dns(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    error = failure("registry.example.invalid/app:1")
    assert error.kind == UNREACHABLE
    assert str(error) == (
        "cannot reach registry registry.example.invalid: DNS lookup failed (Name or service not known)"
    )


def test_network_unreachable(monkeypatch):
    def offline(*args, **kwargs):
        raise OSError(101, "Network is unreachable")

    monkeypatch.setattr(socket, "create_connection", offline)
    error = failure("ghcr.io/owner/app:1")
    assert error.kind == UNREACHABLE
    assert str(error) == "cannot reach registry ghcr.io: Network is unreachable"


def test_timeout(silent_server, monkeypatch):
    """Every connection made carries the timeout (what bounds the wait; no clock is read here)."""
    timeouts = []
    connect = socket.create_connection

    def recorded(address, timeout=socket.getdefaulttimeout(), *args, **kwargs):
        timeouts.append(timeout)
        return connect(address, timeout, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", recorded)
    error = failure(f"{silent_server}/app:1", timeout=0.3)
    assert timeouts and set(timeouts) == {0.3}
    assert error.kind == TIMEOUT
    assert str(error) == f"registry {silent_server} did not answer within 0.3 s"


def test_connection_closed_without_answer(scripted_server):
    scripted_server.respond = lambda method, path, headers: None
    error = failure(f"{scripted_server.host}/app:1")
    assert error.kind == BAD_RESPONSE
    assert "closed the connection without answering" in str(error)


def test_head_not_allowed_falls_back_to_get_and_hashes_the_body(scripted_server):
    def respond(method, path, headers):
        if method == "HEAD":
            return 405, {}, b""
        return 200, {"Content-Type": MANIFEST_MEDIA_TYPES[2]}, MANIFEST

    scripted_server.respond = respond
    assert resolve_digest(f"{scripted_server.host}/app:1") == MANIFEST_DIGEST
    assert [(m, p) for m, p, _ in scripted_server.requests] == [
        ("HEAD", "/v2/app/manifests/1"),
        ("GET", "/v2/app/manifests/1"),
    ]
    accept = scripted_server.requests[0][2]["Accept"]
    assert [item.strip() for item in accept.split(",")] == list(MANIFEST_MEDIA_TYPES)


def test_head_without_digest_header_falls_back_to_get(scripted_server):
    scripted_server.respond = lambda method, path, headers: (200, {}, MANIFEST)
    assert resolve_digest(f"{scripted_server.host}/app:1") == MANIFEST_DIGEST
    assert [m for m, _, _ in scripted_server.requests] == ["HEAD", "GET"]


def test_body_that_does_not_match_its_digest_header(scripted_server):
    wrong = "sha256:" + "0" * 64
    scripted_server.respond = lambda method, path, headers: (
        (405, {}, b"") if method == "HEAD" else (200, {"Docker-Content-Digest": wrong}, MANIFEST)
    )
    error = failure(f"{scripted_server.host}/app:1")
    assert error.kind == BAD_RESPONSE
    assert "does not match its digest" in str(error)


def test_malformed_digest_header(scripted_server):
    scripted_server.respond = lambda method, path, headers: (200, {"Docker-Content-Digest": "sha256:xyz"}, b"")
    error = failure(f"{scripted_server.host}/app:1")
    assert error.kind == BAD_RESPONSE
    assert "malformed Docker-Content-Digest" in str(error)


def test_not_found_on_head(scripted_server):
    scripted_server.respond = lambda method, path, headers: (404, {}, b"")
    error = failure(f"{scripted_server.host}/app:9")
    assert error.kind == NOT_FOUND
    assert [m for m, _, _ in scripted_server.requests] == ["HEAD"]


def test_server_error(scripted_server):
    scripted_server.respond = lambda method, path, headers: (503, {}, b"down\nfor maintenance")
    error = failure(f"{scripted_server.host}/app:1")
    assert error.kind == BAD_RESPONSE
    assert str(error) == f"registry {scripted_server.host} answered HTTP 503 for '{scripted_server.host}/app:1'"


def test_malformed_token_response(scripted_server):
    def respond(method, path, headers):
        if path.startswith("/token"):
            return 200, {"Content-Type": "application/json"}, b"<html>not json</html>"
        challenge = f'Bearer realm="http://{scripted_server.host}/token",service="svc"'
        return 401, {"WWW-Authenticate": challenge}, b""

    scripted_server.respond = respond
    error = failure(f"{scripted_server.host}/app:1")
    assert error.kind == BAD_RESPONSE
    assert "malformed token response" in str(error)
    assert scripted_server.requests[1][1] == "/token?service=svc&scope=repository%3Aapp%3Apull"


def test_bearer_token_is_sent_on_retry(scripted_server):
    def respond(method, path, headers):
        if path.startswith("/token"):
            return 200, {}, json.dumps({"access_token": "t0k3n"}).encode()
        if headers.get("Authorization") == "Bearer t0k3n":
            return 200, {"Docker-Content-Digest": MANIFEST_DIGEST}, b""
        scope = "repository:app:pull"
        return 401, {"WWW-Authenticate": f'Bearer realm="http://{scripted_server.host}/token",scope="{scope}"'}, b""

    scripted_server.respond = respond
    assert resolve_digest(f"{scripted_server.host}/app:1") == MANIFEST_DIGEST


def test_basic_auth_is_not_supported(scripted_server):
    scripted_server.respond = lambda method, path, headers: (401, {"WWW-Authenticate": 'Basic realm="r"'}, b"")
    error = failure(f"{scripted_server.host}/app:1")
    assert error.kind == DENIED
    assert "requires a username and password" in str(error)


def test_token_service_unreachable(scripted_server, closed_port):
    scripted_server.respond = lambda method, path, headers: (
        401, {"WWW-Authenticate": f'Bearer realm="http://{closed_port}/token"'}, b""
    )
    error = failure(f"{scripted_server.host}/app:1")
    assert error.kind == UNREACHABLE
    assert str(error) == (
        f"cannot reach token service {closed_port} of registry {scripted_server.host}: connection refused"
    )


def test_invalid_reference_is_reported_before_any_request():
    error = failure("python:${VERSION}")
    assert error.kind == INVALID_REFERENCE


@pytest.mark.parametrize(
    ("host", "insecure", "url"),
    [
        ("registry-1.docker.io", (), "https://registry-1.docker.io"),
        ("ghcr.io", (), "https://ghcr.io"),
        ("localhost:5000", (), "http://localhost:5000"),
        ("127.0.0.1:5000", (), "http://127.0.0.1:5000"),
        ("[::1]:5000", (), "http://[::1]:5000"),
        ("registry.lan:5000", ("registry.lan:5000",), "http://registry.lan:5000"),
        ("registry.lan:5000", ("registry.lan",), "http://registry.lan:5000"),
        ("registry.lan:5000", ("other.lan",), "https://registry.lan:5000"),
    ],
)
def test_scheme_is_plain_http_only_for_loopback_and_insecure_hosts(host, insecure, url):
    assert registry_base_url(host, insecure) == url


def test_bearer_token_is_not_sent_to_another_host_on_redirect(scripted_server):
    port = scripted_server.host.rpartition(":")[2]

    def respond(method, path, headers):
        if path.startswith("/token"):
            return 200, {}, json.dumps({"token": "t0k3n"}).encode()
        if path.endswith("?moved=1"):
            return 200, {"Docker-Content-Digest": MANIFEST_DIGEST}, b""
        if headers.get("Authorization") == "Bearer t0k3n":
            return 307, {"Location": f"http://localhost:{port}/v2/app/manifests/1?moved=1"}, b""
        return 401, {"WWW-Authenticate": f'Bearer realm="http://{scripted_server.host}/token"'}, b""

    scripted_server.respond = respond
    assert resolve_digest(f"{scripted_server.host}/app:1") == MANIFEST_DIGEST
    moved = [headers for _, path, headers in scripted_server.requests if path.endswith("?moved=1")]
    assert len(moved) == 1 and "Authorization" not in moved[0]
