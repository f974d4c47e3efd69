"""`--pin-digests`: rewrite each base image as `image:tag@sha256:…`, asking the registry.

Online and opt-in only: nothing here runs unless the user passed `--pin-digests` (CLI) or
enabled `pinDigests` (language server). Stage references, `scratch` and images whose name
depends on an unresolved build argument are left alone. An image that already carries a
digest is re-pinned to what its tag names now (stale digests are updated).
"""

from __future__ import annotations

import os

from .dockerfile import parse
from .engine.diagnostic import Edit
from .engine.fixer import apply_edits

DEFAULT_TIMEOUT = 10.0


def pin_edits(text: str, *, timeout: float = DEFAULT_TIMEOUT, cache=None) -> tuple[list[Edit], list[str]]:
    """Edits that pin every pinnable FROM image, and one-line problems for those that failed."""
    from .registry import DigestCache, RegistryError, pin_reference_text, resolve_digest
    if cache is None and not os.environ.get("DOCKWISE_NO_DIGEST_CACHE"):
        cache = DigestCache()
    df = parse(text)
    edits, problems = [], []
    failed_hosts: set[str] = set()
    for stage in df.stages:
        word = stage.image_word
        if word is None or stage.base_stage is not None or stage.ref is None or stage.ref.is_scratch:
            continue
        if "$" in word.value:
            continue
        host = stage.ref.registry or "docker.io"
        if host in failed_hosts:
            continue
        try:
            digest = resolve_digest(word.value, timeout=timeout, cache=cache)
        except RegistryError as e:
            problems.append(f"line {df.source.line_of(word.start) + 1}: cannot pin {word.value}: {e}")
            if e.kind in ("unreachable", "timeout"):
                failed_hosts.add(host)  # one clear message per registry, not one per stage
            continue
        pinned = pin_reference_text(word.value, digest)
        if pinned != word.value:
            edits.append(Edit(word.start, word.end, pinned))
    return edits, problems


def pin_digests(text: str, path: str = "Dockerfile", **kw) -> tuple[str, list[str]]:
    edits, problems = pin_edits(text, **kw)
    return (apply_edits(text, sorted(edits, key=lambda e: e.start)) if edits else text), problems
