"""Fixtures for the registry client: a real CNCF distribution registry on loopback.

Debian's ``docker-registry`` package (distribution 2.8) is started twice per session:
once open, once with ``auth: token`` pointing at a token service run here in a thread
that signs JWTs with a throw-away RSA key (``cryptography``). All traffic stays on
127.0.0.1.
"""

from __future__ import annotations

import base64
import datetime
import gzip
import hashlib
import http.server
import io
import json
import os
import secrets
import shutil
import socket
import subprocess
import tarfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REGISTRY_BINARY = "/usr/bin/docker-registry"
TOKEN_SERVICE = "dockwise-test-registry"
TOKEN_ISSUER = "dockwise-test-issuer"
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_INDEX = "application/vnd.oci.image.index.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"
DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json"
DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json"
DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json"
DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip"
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def sha256_digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _json_bytes(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":"), sort_keys=True).encode()


# --- signing identity and token service -------------------------------------------------


@dataclass
class SigningIdentity:
    key: object
    cert_der: bytes
    cert_pem_path: Path

    def mint(self, access: list[dict], *, ttl: int = 300) -> str:
        """A registry token (JWT, RS256, certificate in ``x5c``) granting ``access``."""
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        now = int(time.time())
        header = {"typ": "JWT", "alg": "RS256", "x5c": [base64.b64encode(self.cert_der).decode()]}
        claims = {
            "iss": TOKEN_ISSUER,
            "sub": "anonymous",
            "aud": TOKEN_SERVICE,
            "exp": now + ttl,
            "nbf": now - 30,
            "iat": now,
            "jti": secrets.token_hex(8),
            "access": access,
        }
        signing_input = f"{_b64url(_json_bytes(header))}.{_b64url(_json_bytes(claims))}"
        signature = self.key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
        return f"{signing_input}.{_b64url(signature)}"


def _make_identity(directory: Path) -> SigningIdentity:
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import rsa
        from cryptography.x509.oid import NameOID
    except ImportError:
        pytest.fail("the registry token-auth tests need the 'cryptography' package: pip install cryptography")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "dockwise test token issuer")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    path = directory / "token-root.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return SigningIdentity(key, cert.public_bytes(serialization.Encoding.DER), path)


class TokenService:
    """Anonymous token endpoint: grants what is asked, except for ``denied`` repositories."""

    def __init__(self, identity: SigningIdentity):
        self.identity = identity
        self.requests: list[dict[str, list[str]]] = []
        self.denied: set[str] = set()
        self.response_key = "token"
        service = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urllib.parse.urlsplit(self.path)
                query = urllib.parse.parse_qs(parts.query)
                service.requests.append(query)
                if parts.path != "/token":
                    self.send_error(404)
                    return
                access = []
                for scope in query.get("scope", []):
                    kind, _, rest = scope.partition(":")
                    name, _, actions = rest.rpartition(":")
                    if name not in service.denied:
                        access.append({"type": kind, "name": name, "actions": actions.split(",")})
                body = _json_bytes({service.response_key: service.identity.mint(access), "expires_in": 300})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.realm = f"http://127.0.0.1:{self.server.server_address[1]}/token"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# --- the registry process ---------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _config(port: int, storage: Path, auth: str) -> str:
    return f"""version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: {storage}
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:{port}
  secret: dockwise-test-secret
{auth}"""


@dataclass
class Registry:
    """A running registry; ``host`` is what image references use (``127.0.0.1:PORT``)."""

    host: str
    process: subprocess.Popen
    log_path: Path
    identity: SigningIdentity | None = None
    token_service: TokenService | None = None
    _tokens: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://{self.host}"

    def log_tail(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    def _auth(self, repository: str) -> dict[str, str]:
        if self.identity is None:
            return {}
        token = self.identity.mint([{"type": "repository", "name": repository, "actions": ["pull", "push"]}])
        return {"Authorization": f"Bearer {token}"}

    def call(self, method: str, url: str, repository: str, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        if url.startswith("/"):
            url = self.url + url
        request = urllib.request.Request(
            url, data=body, method=method, headers={**self._auth(repository), **(headers or {})}
        )
        try:
            with _NO_PROXY.open(request, timeout=10) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def push_blob(self, repository: str, data: bytes) -> dict:
        digest = sha256_digest(data)
        status, headers, body = self.call("POST", f"/v2/{repository}/blobs/uploads/", repository)
        assert status == 202, (status, body, self.log_tail())
        location = urllib.parse.urljoin(self.url + "/", headers["Location"])
        separator = "&" if "?" in location else "?"
        status, headers, body = self.call(
            "PUT", f"{location}{separator}digest={urllib.parse.quote(digest)}", repository,
            body=data, headers={"Content-Type": "application/octet-stream"},
        )
        assert status == 201, (status, body, self.log_tail())
        assert headers["Docker-Content-Digest"] == digest
        return {"digest": digest, "size": len(data)}

    def push_manifest(self, repository: str, reference: str, manifest: bytes, media_type: str) -> str:
        status, headers, body = self.call(
            "PUT", f"/v2/{repository}/manifests/{reference}", repository,
            body=manifest, headers={"Content-Type": media_type},
        )
        assert status == 201, (status, body, self.log_tail())
        return headers["Docker-Content-Digest"]

    def get_manifest(self, repository: str, reference: str, accept: str) -> tuple[str, bytes]:
        status, headers, body = self.call(
            "GET", f"/v2/{repository}/manifests/{reference}", repository, headers={"Accept": accept}
        )
        assert status == 200, (status, body)
        return headers["Docker-Content-Digest"], body

    def push_image(self, repository: str, tag: str | None, **options: object) -> tuple[str, bytes]:
        """Push a one-layer image; returns (digest the registry reported, exact manifest bytes)."""
        return _push_image(self, repository, tag, **options)

    def push_multiarch(self, repository: str, tag: str, **options: object) -> tuple[str, bytes, list[str]]:
        """Push an index over two platform images; returns (index digest, index bytes, child digests)."""
        return _push_multiarch(self, repository, tag, **options)


def _start_registry(directory: Path, auth: str) -> tuple[subprocess.Popen, str, Path]:
    if not os.access(REGISTRY_BINARY, os.X_OK):
        pytest.fail(
            f"{REGISTRY_BINARY} not found: the registry tests need a real registry; "
            "install it with: apt-get install -y docker-registry"
        )
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRY_")}
    last_log = ""
    for _attempt in range(3):
        port = _free_port()
        storage = directory / f"storage-{port}"
        storage.mkdir()
        config = directory / f"config-{port}.yml"
        config.write_text(_config(port, storage, auth))
        log_path = directory / f"registry-{port}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                [REGISTRY_BINARY, "serve", str(config)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
            )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with _NO_PROXY.open(f"http://127.0.0.1:{port}/v2/", timeout=1):
                    pass
                return process, f"127.0.0.1:{port}", log_path
            except urllib.error.HTTPError:
                return process, f"127.0.0.1:{port}", log_path  # 401 from an auth-enabled registry
            except OSError:
                time.sleep(0.05)
        _stop(process)
        last_log = log_path.read_text(errors="replace")[-2000:]
    pytest.fail(f"the registry did not become ready within 20 s; its log:\n{last_log}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def open_registry(tmp_path_factory: pytest.TempPathFactory):
    """A registry without authentication."""
    directory = tmp_path_factory.mktemp("open-registry")
    process, host, log_path = _start_registry(directory, auth="")
    try:
        yield Registry(host, process, log_path)
    finally:
        _stop(process)
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def token_registry(tmp_path_factory: pytest.TempPathFactory):
    """A registry with ``auth: token`` and its anonymous token service."""
    directory = tmp_path_factory.mktemp("token-registry")
    identity = _make_identity(directory)
    service = TokenService(identity)
    auth = f"""auth:
  token:
    realm: {service.realm}
    service: {TOKEN_SERVICE}
    issuer: {TOKEN_ISSUER}
    rootcertbundle: {identity.cert_pem_path}
"""
    try:
        process, host, log_path = _start_registry(directory, auth=auth)
        try:
            yield Registry(host, process, log_path, identity=identity, token_service=service)
        finally:
            _stop(process)
    finally:
        service.close()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def token_service(token_registry: Registry):
    """The token service of ``token_registry``, reset after each test."""
    service = token_registry.token_service
    service.requests.clear()
    yield service
    service.requests.clear()
    service.denied.clear()
    service.response_key = "token"


# --- images -----------------------------------------------------------------------------


def _layer(content: bytes) -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w") as tar:
        info = tarfile.TarInfo("hello.txt")
        info.size = len(content)
        tar.addfile(info, io.BytesIO(content))
    return gzip.compress(raw.getvalue(), mtime=0)


def _push_image(registry: Registry, repository: str, tag: str | None, *, architecture: str = "amd64",
               salt: str = "", docker_types: bool = False) -> tuple[str, bytes]:
    """Push a one-layer image; returns (digest the registry reported, exact manifest bytes)."""
    config = _json_bytes({
        "architecture": architecture,
        "os": "linux",
        "config": {"Labels": {"salt": salt}},
        "rootfs": {"type": "layers", "diff_ids": [sha256_digest(salt.encode())]},
    })
    layer = _layer(f"hello {architecture} {salt}\n".encode())
    config_blob = registry.push_blob(repository, config)
    layer_blob = registry.push_blob(repository, layer)
    media_type = DOCKER_MANIFEST if docker_types else OCI_MANIFEST
    manifest = _json_bytes({
        "schemaVersion": 2,
        "mediaType": media_type,
        "config": {"mediaType": DOCKER_CONFIG if docker_types else OCI_CONFIG, **config_blob},
        "layers": [{"mediaType": DOCKER_LAYER if docker_types else OCI_LAYER, **layer_blob}],
    })
    digest = registry.push_manifest(repository, tag or sha256_digest(manifest), manifest, media_type)
    return digest, manifest


def _push_multiarch(registry: Registry, repository: str, tag: str, *, salt: str = "",
                   docker_types: bool = False) -> tuple[str, bytes, list[str]]:
    """Push two platform images and an index over them; returns (index digest, index bytes, child digests)."""
    children = []
    for architecture in ("amd64", "arm64"):
        digest, manifest = _push_image(registry, repository, None, architecture=architecture,
                                      salt=salt, docker_types=docker_types)
        children.append((architecture, digest, manifest))
    media_type = DOCKER_MANIFEST_LIST if docker_types else OCI_INDEX
    index = _json_bytes({
        "schemaVersion": 2,
        "mediaType": media_type,
        "manifests": [
            {
                "mediaType": DOCKER_MANIFEST if docker_types else OCI_MANIFEST,
                "digest": digest,
                "size": len(manifest),
                "platform": {"architecture": architecture, "os": "linux"},
            }
            for architecture, digest, manifest in children
        ],
    })
    digest = registry.push_manifest(repository, tag, index, media_type)
    return digest, index, [child[1] for child in children]


@pytest.fixture
def count_requests(monkeypatch: pytest.MonkeyPatch) -> Callable[[], list[tuple[str, str]]]:
    """Record every HTTP exchange of the client as (method, url)."""
    from dockwise.registry import client

    calls: list[tuple[str, str]] = []
    real_send = client._send

    def counting_send(method: str, url: str, *args: object, **kwargs: object):
        calls.append((method, url))
        return real_send(method, url, *args, **kwargs)

    monkeypatch.setattr(client, "_send", counting_send)
    return calls


# --- scripted servers for failure modes a real registry does not produce on demand ----


@dataclass
class ScriptedServer:
    """A loopback HTTP server answering with ``respond(method, path, headers)``.

    ``respond`` returns ``(status, headers, body)``, or ``None`` to close the connection
    without answering. Every request is recorded as ``(method, path, headers)``.
    """

    respond: Callable[[str, str, dict[str, str]], tuple[int, dict[str, str], bytes] | None]
    requests: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    host: str = ""


@pytest.fixture
def scripted_server():
    server_state = ScriptedServer(respond=lambda method, path, headers: (500, {}, b""))

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self) -> None:
            headers = dict(self.headers)
            server_state.requests.append((self.command, self.path, headers))
            answer = server_state.respond(self.command, self.path, headers)
            if answer is None:
                self.close_connection = True
                return
            status, response_headers, body = answer
            self.send_response(status)
            for name, value in response_headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_HEAD = _handle

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server_state.host = f"127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server_state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def silent_server():
    """``127.0.0.1:PORT`` that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"127.0.0.1:{listener.getsockname()[1]}"


@pytest.fixture
def closed_port():
    """``127.0.0.1:PORT`` where connections are refused (bound, never listening)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"127.0.0.1:{sock.getsockname()[1]}"
