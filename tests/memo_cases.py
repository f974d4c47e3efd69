"""Shared by the memo tests (stage memo, input memo): corpus texts, settings that wake the
configurable rules, random edits, and diagnostics as comparable tuples."""

from __future__ import annotations

import random
from datetime import date

from dockwise.config import Config
from dockwise.engine.diagnostic import Diagnostic
from dockwise.engine.rule import RuleSettings
from shared_data import corpus_dockerfiles

CONFIGURED = RuleSettings(trusted_registries=("docker.io", "gcr.io"), strict_labels=True,
                          label_schema={"org.opencontainers.image.source": "url", "maintainer": "email",
                                        "org.opencontainers.image.created": "rfc3339",
                                        "org.opencontainers.image.licenses": "spdx",
                                        "org.opencontainers.image.revision": "hash",
                                        "org.opencontainers.image.version": "semver", "owner": "text"},
                          allowed_users=("app", "1000"), today=date(2026, 6, 1), merge_style="heredoc")
CONFIGS = {"default": Config(select=["ALL"]), "configured": Config(select=["ALL"], settings=CONFIGURED)}


def corpus_texts() -> list[str]:
    texts = []
    for p in corpus_dockerfiles():
        data = p.read_bytes()
        if b"\x00" not in data:
            texts.append(data.decode("utf-8", "replace"))
    return texts


def concatenations(texts: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    multi = [t for t in texts if t.count("FROM ") > 1]
    return ["\n".join(rng.sample(multi, 3) + rng.sample(texts, 3)) for _ in range(count)]


def as_tuple(d: Diagnostic) -> tuple:
    return (d.code, d.message, d.start, d.end, d.severity, d.fix, d.name, d.related, d.unnecessary,
            d.deprecated, d.url, tuple(sorted(d.extra.items())), d.alternatives)


def in_order(diags) -> list[tuple]:
    return [as_tuple(d) for d in sorted(diags, key=lambda d: (d.start, d.code))]


def edit(text: str, rng: random.Random) -> tuple[int, int, str]:
    """A random edit: (start, old_end, inserted text), often at a line start or inside a FROM."""
    pieces = ["x", "\n", " ", "FROM alpine AS b\n", "FROM b\n", "RUN apt-get install -y gcc\n", "AS ",
              "# dockwise: disable=DL3008\n", "ARG BASE=debian\n", "\\\n", "SHELL [\"pwsh\", \"-c\"]\n",
              "FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\n", "USER root\n", ""]
    lines = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    start = rng.choice(lines) if rng.random() < 0.6 else rng.randrange(len(text) + 1)
    at_from = text.find("FROM", start)
    if rng.random() < 0.2 and at_from != -1:
        start = at_from + rng.randrange(4, 12)
    start = min(start, len(text))
    old_end = min(len(text), start + (rng.randrange(0, 12) if rng.random() < 0.4 else 0))
    return start, old_end, rng.choice(pieces)
