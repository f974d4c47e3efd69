"""Image reference parsing (Docker's normalisation) and pinning of the user's text."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from dockwise.registry import RegistryError, parse_reference, pin_reference_text
from dockwise.registry.errors import INVALID_REFERENCE

OLD = "sha256:" + "a" * 64
NEW = "sha256:" + "b" * 64


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("python", ("registry-1.docker.io", "library/python", "latest", None)),
        ("python:3.12-slim", ("registry-1.docker.io", "library/python", "3.12-slim", None)),
        ("docker.io/python:3", ("registry-1.docker.io", "library/python", "3", None)),
        ("index.docker.io/library/python", ("registry-1.docker.io", "library/python", "latest", None)),
        ("bitnami/redis:7", ("registry-1.docker.io", "bitnami/redis", "7", None)),
        ("ghcr.io/o/r:t", ("ghcr.io", "o/r", "t", None)),
        ("ghcr.io/o/sub/r", ("ghcr.io", "o/sub/r", "latest", None)),
        ("localhost:5000/x", ("localhost:5000", "x", "latest", None)),
        ("localhost/x:1", ("localhost", "x", "1", None)),
        ("127.0.0.1:5000/a/b:1", ("127.0.0.1:5000", "a/b", "1", None)),
        ("[::1]:5000/x", ("[::1]:5000", "x", "latest", None)),
        ("Registry/app", ("Registry", "app", "latest", None)),
        # No slash: "localhost:5000" is the image "localhost" with tag "5000", as in Docker.
        ("localhost:5000", ("registry-1.docker.io", "library/localhost", "5000", None)),
        (f"python@{OLD}", ("registry-1.docker.io", "library/python", None, OLD)),
        (f"python:3.12@{OLD}", ("registry-1.docker.io", "library/python", "3.12", OLD)),
        (f"ghcr.io/o/r:t@{OLD}", ("ghcr.io", "o/r", "t", OLD)),
        ("my_org/my-app__x.y:v1.0_rc-1", ("registry-1.docker.io", "my_org/my-app__x.y", "v1.0_rc-1", None)),
        ("  python:3  ", ("registry-1.docker.io", "library/python", "3", None)),
    ],
)
def test_parse_reference(ref, expected):
    assert parse_reference(ref) == expected


@pytest.mark.parametrize(
    "ref",
    [
        "",
        "python:${PY}",
        "$BASE",
        "Python:3",
        "ghcr.io/Owner/app",
        "python:",
        "python:-bad",
        "python@sha256:123",
        f"python@sha256:{'A' * 64}",
        "ghcr.io/",
        "a//b",
        "bad_host_/x",
    ],
)
def test_invalid_references(ref):
    with pytest.raises(RegistryError) as caught:
        parse_reference(ref)
    assert caught.value.kind == INVALID_REFERENCE
    assert str(caught.value).startswith(f"invalid image reference '{ref}'")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("python:3.12-slim", f"python:3.12-slim@{NEW}"),
        ("python", f"python@{NEW}"),
        ("docker.io/library/python:3", f"docker.io/library/python:3@{NEW}"),
        ("localhost:5000/app:1", f"localhost:5000/app:1@{NEW}"),
        (f"python:3.12-slim@{OLD}", f"python:3.12-slim@{NEW}"),
        (f"python@{OLD}", f"python@{NEW}"),
        (f"python:3@{NEW}", f"python:3@{NEW}"),
        (" python:3 ", f" python:3@{NEW} "),
    ],
)
def test_pin_reference_text_keeps_spelling_and_replaces_stale_digests(text, expected):
    assert pin_reference_text(text, NEW) == expected


@pytest.mark.parametrize(("text", "digest"), [("python:3", "sha256:nothex"), ("python:${V}", NEW), ("", NEW)])
def test_pin_reference_text_rejects_bad_input(text, digest):
    with pytest.raises(RegistryError):
        pin_reference_text(text, digest)


def test_import_and_offline_use_never_touch_the_network(tmp_path):
    script = textwrap.dedent(
        """
        import socket
        import sys

        def no_network(*args, **kwargs):
            raise AssertionError("network used")

        socket.socket.connect = no_network
        socket.create_connection = no_network
        socket.getaddrinfo = no_network

        import dockwise.registry as registry

        digest = "sha256:" + "a" * 64
        cache = registry.DigestCache(sys.argv[1])
        cache.put("registry-1.docker.io/library/python:3", digest)
        assert registry.resolve_digest("python:3", cache=cache) == digest
        registry.parse_reference("ghcr.io/o/r:1")
        registry.pin_reference_text("python:3", digest)
        try:
            registry.resolve_digest("python:3")
        except AssertionError:
            print("only a look-up without a cache hit connects")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "digests.json")],
        check=False, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "only a look-up without a cache hit connects"
