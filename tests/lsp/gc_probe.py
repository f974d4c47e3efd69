"""Which garbage collections start while the language server checks a document: shared by the
collector's test and `benchmarks/lsp_edit_work.py` (a collection inside a check is a keystroke's
latency tail)."""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def collections_while_checking(service):
    """Yield a list that receives the generation of every collection starting inside
    `service.lint` while the block runs."""
    checking: list[bool] = []
    generations: list[int] = []
    real_lint = service.lint

    def lint(doc):
        checking.append(True)
        try:
            return real_lint(doc)
        finally:
            checking.pop()

    def watch(phase, info):
        if phase == "start" and checking:
            generations.append(info["generation"])

    service.lint = lint
    gc.callbacks.append(watch)
    try:
        yield generations
    finally:
        gc.callbacks.remove(watch)
        service.lint = real_lint
