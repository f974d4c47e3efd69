"""The language server's cost of applying one typed character to an open document, before any
check: the ranged didChange put into the text, the position index, and the model re-parsed
around the edit (`lsp/documents.Document.apply`). Issue #15 asks for at most 1 ms at 5,000
lines and 3 ms at 20,000.

The files are `lsp_latency.py`'s; the edits are its typing: a character inserted at the end
of a RUN line, then the next one after it, `--edits` times. Two figures per change:
`apply` (the text, the index and the re-parse: what didChange itself costs) and `+ stages`
(apply, then the model's stages, which the check that follows starts from: a resumed parse
links them when its instructions are first read). Wall-clock p50/p99/max on this
machine now: run it on an idle machine.

    python benchmarks/lsp_apply_change.py [--edits 200] [--files 300,5000,20000]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lsp_latency import build_files, edit_points, percentile  # noqa: E402

from lsprotocol import types as lsp  # noqa: E402

from dockwise.lsp.documents import Document  # noqa: E402


def apply_times(text: str, edits: int, stages: bool) -> list[float]:
    doc = Document(uri="file:///bench/Dockerfile", kind="dockerfile", text=text, version=1)
    doc.set_text(text, 1)
    line = edit_points(text)[0][0]
    col = len(text.split("\n")[line])
    out = []
    for k in range(edits):
        at = lsp.Position(line, col + k)
        change = lsp.TextDocumentContentChangePartial(range=lsp.Range(at, at), text="x")
        t0 = time.perf_counter()
        doc.apply(change, k + 2)
        if stages:
            doc.model.stages  # what the check starts from
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=200)
    ap.add_argument("--files", default="300,5000,20000")
    args = ap.parse_args()
    files = build_files()
    print(f"{'file':<12}{'figure':<10}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    for name in args.files.split(","):
        for label, stages in (("apply", False), ("+ stages", True)):
            gc.collect()
            times = sorted(apply_times(files[name], args.edits, stages))
            print(f"{name:<12}{label:<10}{percentile(times, 0.5):>10.3f}{percentile(times, 0.99):>10.3f}"
                  f"{times[-1]:>10.3f}")


if __name__ == "__main__":
    main()
