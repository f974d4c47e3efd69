"""The language server's work per edit, counted rather than timed (a loaded machine changes
seconds, not counts): the edits of `lsp_latency.py`'s `edits` scenario (a character typed into a
RUN, then deleted) applied in-process to the server's Service with its garbage-collector
settings, on the same files. For each file:

  calls/edit      Python function calls per edit (change applied, checked, converted), p50/max,
                  and the edit (line) with the most: what a p99 edit does more than a median one
  rules/edit      whole-file rules run per edit (the others' findings were kept:
                  engine/incremental/inputs.py; stage-local rules re-check only the edited stage:
                  engine/incremental/stages.py), and which they were at the last edit
  stage parts     of the whole-file rules that work stage by stage (DW100, DW111, DW450,
                  DW451: engine.rule.per_stage), the stages they judged again per edit
                  (the others' findings were kept) against the stages they asked about
  collections     automatic garbage collections that ran during a check (lsp/collector.py moves
                  them after the publish)
  fix-all calls   calls of the first `source.fixAll.dockwise` on the opened file

    python benchmarks/lsp_edit_work.py [--edits 40] [--files 300,5000,20000]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lsp_latency import build_files, edit_points  # noqa: E402  (it puts tests/lsp on the path)
from gc_probe import collections_while_checking  # noqa: E402

from lsprotocol import types as lsp  # noqa: E402

from dockwise.engine.check import enabled_rules  # noqa: E402
from dockwise.engine.rule import Scope, inputs_of  # noqa: E402
from dockwise.lsp import actions, collector  # noqa: E402
from dockwise.lsp.service import Service  # noqa: E402


class Client:
    """What the Service needs of a server: publishing goes nowhere."""

    client_capabilities = lsp.ClientCapabilities()
    workspace = None

    def publish_json(self, uri, items, version) -> None:
        pass

    def window_log_message(self, params) -> None:
        pass

    def window_show_message(self, params) -> None:
        pass


def measure(text: str, edits: int, folder: Path) -> dict:
    path = folder / "Dockerfile"
    path.write_text(text)
    uri = path.as_uri()
    service = Service(Client())
    service.open(lsp.TextDocumentItem(uri=uri, language_id="dockerfile", version=1, text=text))
    doc = service.docs[uri]
    cfg, _ = service.setup_for(doc)
    checked_by_memo = {r.code for r in enabled_rules(cfg, "dockerfile", doc.path) if inputs_of(r).scope is Scope.STAGE and not r.needs_context}

    per_edit: list[tuple[int, int]] = []
    parts = doc.checker.stages.parts
    computed_before, asked_before = parts.computed, parts.asked
    rules_run: list[str] = []
    context = service.setup_for(doc)[1].get("context")
    points = edit_points(text)
    with collections_while_checking(service) as during:
        for k in range(edits):
            line, col = points[(k // 2) % len(points)]
            insert = k % 2 == 0
            change = lsp.TextDocumentContentChangePartial(
                range=lsp.Range(lsp.Position(line, col), lsp.Position(line, col if insert else col + 1)),
                text="x" if insert else "")
            profile = cProfile.Profile()
            profile.enable()
            service.change(lsp.DidChangeTextDocumentParams(lsp.VersionedTextDocumentIdentifier(uri=uri, version=k + 2), [change]))
            profile.disable()
            per_edit.append((pstats.Stats(profile).total_calls, line))
            rules_run.append(" ".join(r.code for r in enabled_rules(cfg, "dockerfile", doc.path)
                                      if r.code not in checked_by_memo and r.code not in doc.checker.inputs.spared
                                      and not (r.needs_context and context is None)))
    doc.fixed = None
    profile = cProfile.Profile()
    profile.enable()
    actions.fix_all(service, doc)
    profile.disable()
    per_edit.sort()
    return {"calls/edit p50": per_edit[len(per_edit) // 2][0], "calls/edit max": per_edit[-1][0],
            "most calls at line": per_edit[-1][1] + 1,
            "rules run/edit": sum(len(r.split()) for r in rules_run) / edits, "rules run (last edit)": rules_run[-1],
            "stage parts judged/asked": f"{(parts.computed - computed_before) / edits:.1f} of "
                                        f"{(parts.asked - asked_before) / edits:.1f} per edit",
            "collections during checks": len(during), "fix-all calls": pstats.Stats(profile).total_calls}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=40)
    ap.add_argument("--files", default="300,5000,20000")
    args = ap.parse_args()
    collector.configure()
    files = build_files()
    for name in args.files.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            edits = args.edits if files[name].count("\n") <= 5000 else max(6, args.edits // 4)
            out = measure(files[name], edits, Path(tmp))
        print(f"{name} lines, {edits} edits")
        for key, value in out.items():
            print(f"  {key:<28}{value:.1f}" if isinstance(value, float) else f"  {key:<28}{value}")


if __name__ == "__main__":
    main()
