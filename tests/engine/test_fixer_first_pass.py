"""The language server's fix-all hands the fixer the diagnostics of its last check as the
first pass: the outcome must be the one a fixer checking from scratch reaches, with one check
fewer (a full check of a 5,000-line file is most of a first fix-all's time)."""

from __future__ import annotations

import random

from dockwise.engine import fixer
from dockwise.engine.check import run
from shared_data import corpus_dockerfiles


def test_the_first_pass_from_given_diagnostics_equals_checking_from_scratch(monkeypatch):
    files = [p for p in corpus_dockerfiles() if b"\x00" not in p.read_bytes()]
    chosen = random.Random(3).sample(files, 40)
    compared = 0
    for path in chosen:
        text = path.read_bytes().decode("utf-8", "replace")
        fresh = fixer.fix_text(text, "Dockerfile")
        calls = []
        real = fixer.run
        monkeypatch.setattr(fixer, "run", lambda *a, **k: calls.append(1) or real(*a, **k))
        seeded = fixer.fix_text(text, "Dockerfile", first=run(text, "Dockerfile").diagnostics)
        monkeypatch.setattr(fixer, "run", real)
        assert (seeded.text, seeded.applied, seeded.skipped) == (fresh.text, fresh.applied, fresh.skipped), path
        assert len(calls) == fresh.passes + (0 if fresh.passes < fixer.MAX_PASSES else 1), path
        compared += fresh.passes > 0
    assert compared >= 10  # most corpus files have something to fix
