"""A stand-in for the language client, for tests that drive `dockwise.lsp.service.Service`
directly: it records the document version of each publish."""

from __future__ import annotations


class PublishedVersions:
    def __init__(self) -> None:
        self.sent: list[int | None] = []

    def publish_json(self, uri, items, version) -> None:
        self.sent.append(version)
