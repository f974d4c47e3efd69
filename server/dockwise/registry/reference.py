"""Image references: Docker's normalisation and digest pinning of the user's text."""

from __future__ import annotations

import re

from .errors import INVALID_REFERENCE, RegistryError

DOCKER_HUB_HOST = "registry-1.docker.io"
_DOCKER_HUB_ALIASES = frozenset({"docker.io", "index.docker.io"})

_HOST_LABEL = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_HOST_RE = re.compile(
    rf"(?:{_HOST_LABEL}(?:\.{_HOST_LABEL})*|\[[0-9a-fA-F:.]+\])(?::[0-9]{{1,5}})?"
)
_PATH_COMPONENT_RE = re.compile(r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*")
_TAG_RE = re.compile(r"[\w][\w.-]{0,127}")
DIGEST_RE = re.compile(r"[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}")
_HEX_LENGTHS = {"sha256": 64, "sha512": 128}
_MAX_NAME_LENGTH = 255


def _invalid(ref: str, why: str) -> RegistryError:
    return RegistryError(f"invalid image reference '{ref}': {why}", kind=INVALID_REFERENCE)


def is_valid_digest(digest: str) -> bool:
    """Whether ``digest`` is an OCI digest; sha256/sha512 must be lowercase hex of the right size."""
    if not DIGEST_RE.fullmatch(digest):
        return False
    algorithm, _, encoded = digest.partition(":")
    size = _HEX_LENGTHS.get(algorithm)
    if size is None:
        return True
    return len(encoded) == size and re.fullmatch(r"[a-f0-9]+", encoded) is not None


def parse_reference(ref: str) -> tuple[str, str, str | None, str | None]:
    """Split an image reference into ``(registry_host, repository, tag, digest)``.

    Follows Docker's normalisation: the first path component is a registry host only when
    it contains ``.`` or ``:``, is ``localhost``, or has upper-case letters; otherwise the
    image is on Docker Hub (``registry-1.docker.io``), where one-component names live under
    ``library/``. The tag defaults to ``latest`` unless a digest is given, and is ``None``
    for a digest-only reference. Raises ``RegistryError`` for a malformed reference.
    """
    text = ref.strip()
    if not text:
        raise _invalid(ref, "it is empty")
    if "$" in text:
        raise _invalid(ref, "it uses a variable, which is only known at build time")
    name, at, digest_text = text.partition("@")
    digest: str | None = None
    if at:
        if not is_valid_digest(digest_text):
            raise _invalid(ref, f"'{digest_text}' is not a valid digest")
        digest = digest_text
    tag: str | None = None
    colon, slash = name.rfind(":"), name.rfind("/")
    if colon > slash:
        name, tag = name[:colon], name[colon + 1 :]
        if not _TAG_RE.fullmatch(tag):
            raise _invalid(ref, f"'{tag}' is not a valid tag")
    first, has_slash, rest = name.partition("/")
    if has_slash and (
        "." in first or ":" in first or first == "localhost" or first.lower() != first
    ):
        host, repository = first, rest
        if not _HOST_RE.fullmatch(host):
            raise _invalid(ref, f"'{host}' is not a valid registry host")
    else:
        host, repository = "docker.io", name
    if host in _DOCKER_HUB_ALIASES:
        host = DOCKER_HUB_HOST
        if "/" not in repository:
            repository = f"library/{repository}"
    if not repository:
        raise _invalid(ref, "the repository name is missing")
    for component in repository.split("/"):
        if not _PATH_COMPONENT_RE.fullmatch(component):
            if component.lower() != component:
                raise _invalid(ref, "repository names must be lowercase")
            raise _invalid(ref, f"'{component}' is not a valid repository name component")
    if len(repository) > _MAX_NAME_LENGTH:
        raise _invalid(ref, f"the repository name is longer than {_MAX_NAME_LENGTH} characters")
    if tag is None and digest is None:
        tag = "latest"
    return host, repository, tag, digest


def pin_reference_text(image_text: str, digest: str) -> str:
    """Return ``image_text`` pinned to ``digest``, keeping the user's spelling and tag.

    ``python:3.12-slim`` becomes ``python:3.12-slim@sha256:...``; an existing digest
    (possibly stale) is replaced. Surrounding whitespace is kept. Raises ``RegistryError``
    when the text is not an image reference or the digest is malformed.
    """
    if not is_valid_digest(digest):
        raise RegistryError(f"'{digest}' is not a valid digest", kind=INVALID_REFERENCE)
    core = image_text.strip()
    parse_reference(core)
    start = image_text.index(core)
    name = core.partition("@")[0]
    return f"{image_text[:start]}{name}@{digest}{image_text[start + len(core):]}"
