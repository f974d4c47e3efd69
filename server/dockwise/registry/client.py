"""Resolve an image tag to its manifest digest through the registry HTTP API v2.

Only the standard library is used, and nothing here touches the network until
``resolve_digest`` is called. Access is anonymous: a ``Bearer`` challenge is answered
with an anonymous token from the registry's token service.
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import json
import re
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Collection
from dataclasses import dataclass
from email.message import Message

from .cache import DigestCache, cache_key
from .errors import (
    BAD_RESPONSE,
    DENIED,
    NOT_FOUND,
    RATE_LIMITED,
    TIMEOUT,
    UNREACHABLE,
    RegistryError,
)
from .reference import is_valid_digest, parse_reference

# Indexes first: pinning the index keeps a multi-arch image multi-arch.
MANIFEST_MEDIA_TYPES = (
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json",
)
_ACCEPT = ", ".join(MANIFEST_MEDIA_TYPES)
_USER_AGENT = "dockwise-digest-pinning"
_MAX_MANIFEST_BYTES = 4 * 1024 * 1024
_MAX_TOKEN_BYTES = 1024 * 1024
_CHALLENGE_PARAM_RE = re.compile(r'([A-Za-z0-9_-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^,\s]*)')


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` (maybe with a port) names this machine."""
    name = host
    if name.startswith("["):
        name = name[1:].partition("]")[0]
    elif name.count(":") == 1:
        name = name.partition(":")[0]
    if name.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def registry_base_url(host: str, insecure_hosts: Collection[str] = ()) -> str:
    """``http://host`` for loopback and ``insecure_hosts`` (with or without port), else ``https://host``."""
    bare = host.partition(":")[0] if not host.startswith("[") else host.partition("]")[0] + "]"
    plain = is_loopback_host(host) or host in insecure_hosts or bare in insecure_hosts
    return f"{'http' if plain else 'https'}://{host}"


@dataclass
class _Response:
    status: int
    headers: Message
    body: bytes


class _NoCredentialLeakRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects, but never send the bearer token to another host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and urllib.parse.urlsplit(newurl).netloc != urllib.parse.urlsplit(req.full_url).netloc:
            new.remove_header("Authorization")
        return new


def _opener(url: str) -> urllib.request.OpenerDirector:
    host = urllib.parse.urlsplit(url).netloc
    # Like Docker, never send loopback traffic through a proxy from the environment.
    proxies = urllib.request.ProxyHandler({}) if is_loopback_host(host) else urllib.request.ProxyHandler()
    return urllib.request.build_opener(proxies, _NoCredentialLeakRedirects())


def _network_error(exc: BaseException, what: str, timeout: float) -> RegistryError:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, socket.gaierror):
        return RegistryError(f"cannot reach {what}: DNS lookup failed ({reason.strerror or reason})", kind=UNREACHABLE)
    if isinstance(reason, TimeoutError):
        return RegistryError(f"{what} did not answer within {timeout:g} s", kind=TIMEOUT)
    if isinstance(reason, ConnectionRefusedError):
        return RegistryError(f"cannot reach {what}: connection refused", kind=UNREACHABLE)
    if isinstance(reason, http.client.RemoteDisconnected):
        return RegistryError(f"{what} closed the connection without answering", kind=BAD_RESPONSE)
    if isinstance(reason, ssl.SSLCertVerificationError):
        return RegistryError(
            f"cannot reach {what}: TLS certificate verification failed ({reason.verify_message})",
            kind=UNREACHABLE,
        )
    if isinstance(reason, ssl.SSLError):
        return RegistryError(f"cannot reach {what}: TLS error ({reason.reason or reason})", kind=UNREACHABLE)
    if isinstance(reason, http.client.HTTPException):
        return RegistryError(f"{what} sent a malformed HTTP response ({type(reason).__name__})", kind=BAD_RESPONSE)
    if isinstance(reason, OSError):
        detail = reason.strerror or str(reason) or type(reason).__name__
        return RegistryError(f"cannot reach {what}: {detail}", kind=UNREACHABLE)
    return RegistryError(f"cannot reach {what}: {reason}", kind=UNREACHABLE)


def _send(
    method: str, url: str, headers: dict[str, str], *, timeout: float, what: str, max_body: int
) -> _Response:
    """One HTTP exchange; every status comes back as a response, every failure as RegistryError."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": _USER_AGENT, **headers})
    try:
        try:
            response = _opener(url).open(request, timeout=timeout)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            body = b"" if method == "HEAD" else response.read(max_body + 1)
            status, response_headers = response.status, response.headers
    except RegistryError:
        raise
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise _network_error(exc, what, timeout) from None
    except ValueError as exc:
        raise RegistryError(f"cannot reach {what}: invalid URL {url!r} ({exc})", kind=BAD_RESPONSE) from None
    if len(body) > max_body:
        raise RegistryError(f"{what} sent an answer larger than {max_body // 1024} KiB", kind=BAD_RESPONSE)
    return _Response(status, response_headers, body)


def _parse_challenges(headers: Message) -> dict[str, dict[str, str]]:
    """``WWW-Authenticate`` values by lower-case scheme, e.g. ``{"bearer": {"realm": ...}}``."""
    challenges: dict[str, dict[str, str]] = {}
    for value in headers.get_all("WWW-Authenticate") or []:
        scheme, _, rest = value.strip().partition(" ")
        params = {}
        for key, raw in _CHALLENGE_PARAM_RE.findall(rest):
            if raw.startswith('"'):
                raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
            params[key.lower()] = raw
        challenges.setdefault(scheme.lower(), params)
    return challenges


class _RegistrySession:
    """Requests to one repository of one registry, with an anonymous bearer token once needed."""

    def __init__(self, ref: str, host: str, repository: str, *, timeout: float, insecure_hosts: Collection[str]):
        self.ref = ref
        self.host = host
        self.repository = repository
        self.timeout = timeout
        self.base_url = registry_base_url(host, insecure_hosts)
        self.what = f"registry {host}"
        self.token: str | None = None

    def request(self, method: str, path: str, headers: dict[str, str]) -> _Response:
        """Send, answering one 401 with a token; a second 401 is an error."""
        url = self.base_url + path
        response = self._send(method, url, headers)
        if response.status != 401:
            return response
        self.token = self._fetch_token(response.headers)
        response = self._send(method, url, headers)
        if response.status == 401:
            raise RegistryError(
                f"{self.what} denied anonymous access to {self.repository}: "
                "the repository does not exist or needs credentials",
                kind=DENIED,
            )
        return response

    def _send(self, method: str, url: str, headers: dict[str, str]) -> _Response:
        if self.token is not None:
            headers = {**headers, "Authorization": f"Bearer {self.token}"}
        return _send(method, url, headers, timeout=self.timeout, what=self.what, max_body=_MAX_MANIFEST_BYTES)

    def _fetch_token(self, headers: Message) -> str:
        challenges = _parse_challenges(headers)
        bearer = challenges.get("bearer")
        if bearer is None:
            if "basic" in challenges:
                raise RegistryError(
                    f"{self.what} requires a username and password; only anonymous access is supported",
                    kind=DENIED,
                )
            raise RegistryError(f"{self.what} refused anonymous access (HTTP 401)", kind=DENIED)
        realm = bearer.get("realm", "")
        parts = urllib.parse.urlsplit(realm)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise RegistryError(f"{self.what} sent an authentication challenge without a usable realm", kind=BAD_RESPONSE)
        query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        if bearer.get("service"):
            query.append(("service", bearer["service"]))
        query.append(("scope", bearer.get("scope") or f"repository:{self.repository}:pull"))
        token_url = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))
        what = f"token service {parts.netloc} of {self.what}"
        response = _send(
            "GET", token_url, {"Accept": "application/json"},
            timeout=self.timeout, what=what, max_body=_MAX_TOKEN_BYTES,
        )
        if response.status != 200:
            kind = RATE_LIMITED if response.status == 429 else DENIED
            raise RegistryError(f"{what} refused an anonymous token (HTTP {response.status})", kind=kind)
        try:
            answer = json.loads(response.body)
        except ValueError:
            answer = None
        token = None
        if isinstance(answer, dict):
            token = answer.get("token") or answer.get("access_token")
        if not isinstance(token, str) or not token or any(c.isspace() for c in token):
            raise RegistryError(f"{what} sent a malformed token response", kind=BAD_RESPONSE)
        return token


def _status_error(session: _RegistrySession, tag: str, status: int) -> RegistryError:
    if status == 404:
        return RegistryError(
            f"image '{session.ref}' not found: {session.what} has no tag '{tag}' in {session.repository}",
            kind=NOT_FOUND,
        )
    if status == 403:
        return RegistryError(f"{session.what} denied access to {session.repository} (HTTP 403)", kind=DENIED)
    if status == 429:
        return RegistryError(f"{session.what} is rate-limiting requests (HTTP 429); try again later", kind=RATE_LIMITED)
    return RegistryError(f"{session.what} answered HTTP {status} for '{session.ref}'", kind=BAD_RESPONSE)


def _header_digest(session: _RegistrySession, response: _Response) -> str | None:
    value = response.headers.get("Docker-Content-Digest")
    if value is None:
        return None
    value = value.strip()
    if not is_valid_digest(value):
        raise RegistryError(f"{session.what} sent a malformed Docker-Content-Digest header", kind=BAD_RESPONSE)
    return value


def resolve_digest(
    ref: str,
    *,
    timeout: float = 10,
    cache: DigestCache | None = None,
    insecure_hosts: Collection[str] = (),
    now: float | None = None,
) -> str:
    """The manifest digest (``sha256:...``) the registry serves for ``ref``'s tag.

    Asks with ``HEAD`` and falls back to ``GET`` (hashing the body when the registry sends
    no ``Docker-Content-Digest``). For a multi-arch image this is the digest of the index.
    A digest-only reference is returned as is; with a tag and a digest, the tag is resolved
    (to re-pin a stale digest). ``cache`` is consulted first and updated after a look-up;
    ``now`` (epoch seconds) overrides the clock for the cache. Loopback hosts and
    ``insecure_hosts`` are reached over plain HTTP. ``timeout`` applies to each connect
    and read. Raises ``RegistryError`` with a one-line message on any failure.
    """
    host, repository, tag, digest = parse_reference(ref)
    if tag is None:
        assert digest is not None
        return digest
    key = cache_key(host, repository, tag)
    now = time.time() if now is None else now
    if cache is not None:
        cached = cache.get(key, now=now)
        if cached is not None:
            return cached
    session = _RegistrySession(ref.strip(), host, repository, timeout=timeout, insecure_hosts=insecure_hosts)
    path = f"/v2/{repository}/manifests/{urllib.parse.quote(tag, safe='')}"
    headers = {"Accept": _ACCEPT}
    resolved = None
    response = session.request("HEAD", path, headers)
    if response.status == 200:
        resolved = _header_digest(session, response)
    elif response.status in (403, 404, 429):
        raise _status_error(session, tag, response.status)
    if resolved is None:
        # Some registries answer HEAD badly (405, no digest header): the body is authoritative.
        response = session.request("GET", path, headers)
        if response.status != 200:
            raise _status_error(session, tag, response.status)
        body_digest = "sha256:" + hashlib.sha256(response.body).hexdigest()
        resolved = _header_digest(session, response) or body_digest
        if resolved.startswith("sha256:") and resolved != body_digest:
            raise RegistryError(
                f"{session.what} sent a manifest for '{session.ref}' that does not match its digest",
                kind=BAD_RESPONSE,
            )
    if cache is not None:
        cache.put(key, resolved, now=now)
    return resolved
