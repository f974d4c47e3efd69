"""Image references: `[registry/]repository[:tag][@digest]`, as Docker normalises them."""

from __future__ import annotations

from dataclasses import dataclass

from ..lazy_regex import lazy_compile

_SPACE = lazy_compile(r"\s")  # what str.isspace() calls a space, found without a call per character


@dataclass(frozen=True, slots=True)
class ImageRef:
    raw: str
    registry: str | None     # None: Docker Hub
    repository: str          # e.g. "library/python" is spelled "python"
    tag: str | None
    digest: str | None

    @property
    def name(self) -> str:
        """Docker Hub official images without `library/`; everything else as written."""
        repo = self.repository
        if self.registry in (None, "docker.io", "index.docker.io", "registry-1.docker.io") and repo.startswith("library/"):
            return repo[len("library/"):]
        return repo

    @property
    def is_docker_hub(self) -> bool:
        return self.registry in (None, "docker.io", "index.docker.io", "registry-1.docker.io")

    @property
    def is_official(self) -> bool:
        return self.is_docker_hub and "/" not in self.name

    @property
    def is_scratch(self) -> bool:
        return self.registry is None and self.repository == "scratch"

    @property
    def full_name(self) -> str:
        return f"{self.registry}/{self.repository}" if self.registry else self.repository


def parse_image(text: str) -> ImageRef | None:
    """None for something that is not a reference (empty, spaces, unresolved variables)."""
    raw = text
    if not text or _SPACE.search(text) or "$" in text:
        return None
    digest = None
    if "@" in text:
        text, digest = text.split("@", 1)
    registry = None
    first, sep, remainder = text.partition("/")
    if sep and ("." in first or ":" in first or first == "localhost"):
        registry, text = first, remainder
    tag = None
    last = text.rsplit("/", 1)[-1]
    if ":" in last:
        text, tag = text.rsplit(":", 1)
    if not text:
        return None
    return ImageRef(raw, registry, text, tag or None, digest)
