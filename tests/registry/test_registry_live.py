"""resolve_digest against a real registry (CNCF distribution, Debian's docker-registry)."""

from __future__ import annotations

import hashlib

import pytest
from dockwise.registry import (
    DigestCache,
    RegistryError,
    pin_reference_text,
    resolve_digest,
)
from dockwise.registry.client import MANIFEST_MEDIA_TYPES
from dockwise.registry.errors import DENIED, NOT_FOUND

ACCEPT_ALL = ", ".join(MANIFEST_MEDIA_TYPES)


def sha256_of(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def assert_one_line(error: RegistryError) -> str:
    message = str(error)
    assert message and "\n" not in message and "Traceback" not in message
    assert error.__suppress_context__ or error.__context__ is None
    return message


@pytest.mark.parametrize("docker_types", [False, True], ids=["oci", "docker"])
def test_single_manifest_digest_is_the_one_the_registry_serves(open_registry, docker_types):
    repository = f"single/{'docker' if docker_types else 'oci'}"
    pushed, manifest = open_registry.push_image(repository, "1.0", docker_types=docker_types)
    served, body = open_registry.get_manifest(repository, "1.0", ACCEPT_ALL)

    resolved = resolve_digest(f"{open_registry.host}/{repository}:1.0")

    assert body == manifest
    assert resolved == served == pushed == sha256_of(manifest)


@pytest.mark.parametrize("docker_types", [False, True], ids=["oci-index", "docker-manifest-list"])
def test_multiarch_resolves_to_the_index_not_a_platform_manifest(open_registry, docker_types):
    repository = f"multi/{'docker' if docker_types else 'oci'}"
    pushed, index, children = open_registry.push_multiarch(repository, "3.12-slim", docker_types=docker_types)
    served, body = open_registry.get_manifest(repository, "3.12-slim", ACCEPT_ALL)

    resolved = resolve_digest(f"{open_registry.host}/{repository}:3.12-slim")

    assert body == index
    assert resolved == served == pushed == sha256_of(index)
    assert resolved not in children


def test_localhost_spelling_and_default_tag(open_registry):
    port = open_registry.host.rpartition(":")[2]
    pushed, _ = open_registry.push_image("spelling", "latest")

    assert resolve_digest(f"localhost:{port}/spelling") == pushed


def test_unknown_tag_is_not_found(open_registry):
    open_registry.push_image("known", "1")
    ref = f"{open_registry.host}/known:does-not-exist"

    with pytest.raises(RegistryError) as caught:
        resolve_digest(ref)

    message = assert_one_line(caught.value)
    assert caught.value.kind == NOT_FOUND
    assert ref in message and "'does-not-exist'" in message


def test_unknown_repository_is_not_found(open_registry):
    with pytest.raises(RegistryError) as caught:
        resolve_digest(f"{open_registry.host}/never/pushed:1")
    assert caught.value.kind == NOT_FOUND


@pytest.mark.parametrize("response_key", ["token", "access_token"])
def test_token_auth_fetches_an_anonymous_pull_token(token_registry, token_service, response_key):
    token_service.response_key = response_key
    repository = f"auth/{response_key.replace('_', '-')}"
    pushed, index, _ = token_registry.push_multiarch(repository, "v1")

    resolved = resolve_digest(f"{token_registry.host}/{repository}:v1")

    assert resolved == pushed == sha256_of(index)
    assert token_service.requests == [
        {"service": ["dockwise-test-registry"], "scope": [f"repository:{repository}:pull"]}
    ]


def test_token_auth_unknown_tag_is_not_found(token_registry, token_service):
    token_registry.push_image("auth/known", "1")
    with pytest.raises(RegistryError) as caught:
        resolve_digest(f"{token_registry.host}/auth/known:2")
    assert caught.value.kind == NOT_FOUND
    assert_one_line(caught.value)


def test_still_unauthorized_after_token_is_denied(token_registry, token_service):
    token_registry.push_image("auth/private", "1")
    token_service.denied.add("auth/private")

    with pytest.raises(RegistryError) as caught:
        resolve_digest(f"{token_registry.host}/auth/private:1")

    message = assert_one_line(caught.value)
    assert caught.value.kind == DENIED
    assert "denied anonymous access to auth/private" in message
    assert len(token_service.requests) == 1


def test_cache_hit_avoids_the_network(token_registry, token_service, count_requests, tmp_path):
    pushed, _ = token_registry.push_image("cached/app", "1")
    cache = DigestCache(tmp_path / "digests.json")
    ref = f"{token_registry.host}/cached/app:1"

    assert resolve_digest(ref, cache=cache, now=1000.0) == pushed
    assert len(count_requests) == 3  # HEAD (401), token, HEAD
    assert len(token_service.requests) == 1

    count_requests.clear()
    assert resolve_digest(ref, cache=cache, now=2000.0) == pushed
    assert resolve_digest(ref, cache=DigestCache(tmp_path / "digests.json"), now=3000.0) == pushed
    assert count_requests == []
    assert len(token_service.requests) == 1


def test_cache_expiry_asks_the_registry_again(open_registry, count_requests, tmp_path):
    first, _ = open_registry.push_image("expiring/app", "1", salt="first")
    cache = DigestCache(tmp_path / "digests.json", ttl=60)
    ref = f"{open_registry.host}/expiring/app:1"
    assert resolve_digest(ref, cache=cache, now=1000.0) == first

    second, _ = open_registry.push_image("expiring/app", "1", salt="second")
    assert resolve_digest(ref, cache=cache, now=1059.0) == first  # still fresh
    requests_while_fresh = len(count_requests)

    assert resolve_digest(ref, cache=cache, now=1061.0) == second
    assert len(count_requests) > requests_while_fresh
    assert cache.get(f"{open_registry.host}/expiring/app:1", now=1062.0) == second


def test_repin_replaces_a_stale_digest(open_registry):
    stale, _ = open_registry.push_image("repin/app", "3.12-slim", salt="old")
    text = pin_reference_text(f"{open_registry.host}/repin/app:3.12-slim", stale)
    assert text == f"{open_registry.host}/repin/app:3.12-slim@{stale}"

    fresh, manifest = open_registry.push_image("repin/app", "3.12-slim", salt="new")
    assert fresh != stale

    resolved = resolve_digest(text)
    assert resolved == fresh == sha256_of(manifest)
    assert pin_reference_text(text, resolved) == f"{open_registry.host}/repin/app:3.12-slim@{fresh}"


def test_digest_only_reference_needs_no_network(count_requests):
    digest = "sha256:" + "ab" * 32
    assert resolve_digest(f"127.0.0.1:9/app@{digest}") == digest
    assert count_requests == []
