"""The language server's memos of whole-file rules' work per stage (`engine.rule.per_stage`
and the analyses kept across edits), driven through the Service as an editor drives it: each
edit's published findings must equal a fresh check of the same text, and the work an edit
causes must follow the stages it touched, not the file's length."""

from __future__ import annotations

import random

from lsprotocol import types as lsp

from dockwise.engine.check import run
from dockwise.lsp.service import Service
from memo_cases import as_tuple
from service_client import PublishedVersions
from shared_data import corpus_dockerfiles

# A Go service built in a builder, with a tools stage built FROM it, and a Debian runtime that
# installs, downloads and deletes in later layers (what DW100, DW111 and the size rules judge).
SERVICE = """\
# syntax=docker/dockerfile:1
ARG GO_VERSION=1.22
FROM golang:${GO_VERSION}-bookworm AS builder
WORKDIR /src
RUN go mod download
COPY . .
RUN go build -o /out/app ./cmd/app
RUN go clean -cache -modcache

FROM builder AS tools
RUN go install github.com/go-delve/delve/cmd/dlv@latest
RUN rm -rf /root/.cache/go-build

FROM debian:12-slim AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl
RUN curl -fsSLo /tmp/tool.tgz https://example.com/tool.tgz
RUN tar -xzf /tmp/tool.tgz -C /opt
RUN rm /tmp/tool.tgz
RUN apt-get purge -y curl
RUN rm -rf /var/lib/apt/lists/*
COPY --from=builder /out/app /usr/local/bin/app
RUN rm -rf /usr/share/doc
ENTRYPOINT ["/usr/local/bin/app"]
"""


# How many per-stage questions the rules ask of one shipped stage (DW100 three, DW111, DW450
# and DW451 one each)
QUESTIONS = 6


def _open(text: str, uri: str = "file:///w/Dockerfile"):
    service = Service(PublishedVersions())
    doc = service.open(lsp.TextDocumentItem(uri=uri, language_id="dockerfile", version=1, text=text))
    return service, doc


def _change(service: Service, doc, version: int, start: int, end: int, new: str) -> None:
    index = doc.index
    a, b = index.position(start), index.position(end)
    service.change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=doc.uri, version=version),
        [lsp.TextDocumentContentChangePartial(range=lsp.Range(a, b), text=new)]))


def _fresh(service: Service, doc) -> list[tuple]:
    cfg, kw = service.setup_for(doc)
    return [as_tuple(d) for d in run(doc.text, doc.path, cfg, **kw).diagnostics]


def _same_as_fresh(service: Service, doc) -> list[tuple]:
    got = [as_tuple(d) for d in doc.diagnostics]
    assert got == _fresh(service, doc)
    return got


def test_an_edit_in_one_stage_recomputes_that_stage_and_keeps_the_others_moved():
    # 18 stages: six services, each a builder, tools built FROM it and a runtime
    text = "\n".join(SERVICE.replace("builder", f"builder{k}").replace("AS tools", f"AS tools{k}")
                     .replace("AS runtime", f"AS runtime{k}") for k in range(6))
    service, doc = _open(text)
    codes = {d[0] for d in _same_as_fresh(service, doc)}
    assert {"DW100", "DL3009"} <= codes, codes
    parts = doc.checker.stages.parts
    version = 1
    # type into the `rm /tmp/tool.tgz` of the third runtime, one character at a time
    at = [i for i in range(len(text)) if text.startswith("RUN rm /tmp/tool.tgz", i)][2] + len("RUN rm /tmp/tool")
    for ch in ".bak":
        before = parts.computed
        version += 1
        _change(service, doc, version, at, at, ch)
        at += 1
        _same_as_fresh(service, doc)
        # the edited runtime's parts alone (one per per-stage question), never the other 17 stages'
        assert 0 < parts.computed - before <= QUESTIONS, parts.computed - before
    # an edit in the first builder moves the findings of the 16 stages after it: only the
    # builder's, the tools stage's (built FROM it) and the runtime's (copies from it) are
    # computed again
    before = parts.computed
    version += 1
    at = doc.text.index("RUN go build -o /out/app") + len("RUN go build -o /out/app")
    _change(service, doc, version, at, at, "-v2")
    _same_as_fresh(service, doc)
    assert 0 < parts.computed - before <= 3 * QUESTIONS, parts.computed - before


def test_an_edit_to_a_stage_others_are_built_from_recomputes_them_too():
    service, doc = _open(SERVICE)
    parts = doc.checker.stages.parts
    at = SERVICE.index("RUN go clean -cache -modcache") + len("RUN go clean -cache")
    _change(service, doc, 2, at, at + len(" -modcache"), "")  # builder no longer cleans the module cache
    got = _same_as_fresh(service, doc)
    before = parts.computed
    _change(service, doc, 3, at, at, " -modcache")
    assert [as_tuple(d) for d in doc.diagnostics] != got  # the tools stage's finding about it went
    _same_as_fresh(service, doc)
    assert parts.computed > before


def test_identical_stages_at_different_places_share_findings_at_their_own_offsets():
    stage = "FROM debian:12-slim\nRUN curl -fsSL -o /tmp/a.tgz https://example.com/a.tgz\nRUN rm /tmp/a.tgz\n"
    text = "FROM alpine:3.20 AS a\nRUN echo a\n" + stage + "FROM alpine:3.20 AS c\nRUN echo c\n" + stage
    service, doc = _open(text)
    found = [d for d in _same_as_fresh(service, doc) if d[0] == "DW100"]
    assert len(found) == 2 and found[0][2] != found[1][2]
    at = text.index("RUN echo c") + len("RUN echo c")
    _change(service, doc, 2, at, at, "hoed")
    assert len([d for d in _same_as_fresh(service, doc) if d[0] == "DW100"]) == 2


def test_random_edits_through_the_service_equal_fresh_checks():
    rng = random.Random(15)
    texts = [p.read_text(errors="replace") for p in corpus_dockerfiles()]
    multi = [t for t in texts if t.count("FROM ") >= 3 and "rm " in t and len(t) < 15_000]
    pieces = ["x", "\n", " ", "RUN rm -rf /tmp/x\n", "FROM b\n", "FROM debian:12 AS b\n",
              "RUN curl -o /tmp/x.tgz https://e.x/x.tgz\n", "COPY --from=b /out /out\n", "RUN go build ./...\n",
              "RUN --mount=from=b,target=/b true\n", "ENV GOCACHE=/cache\n", "AS ", ""]
    # ollama's Dockerfile: CUDA/ROCm stages built FROM each other and copied from by name
    ollama = next(t for p, t in zip(corpus_dockerfiles(), texts)
                  if p.parent.name == "ollama__ollama" and p.name == "Dockerfile")
    checked = 0
    for text in rng.sample(multi, 6) + ["\n".join([SERVICE] * 3), ollama]:
        service, doc = _open(text)
        for version in range(2, 22):
            text = doc.text
            lines = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
            start = rng.choice(lines) if rng.random() < 0.6 else rng.randrange(len(text) + 1)
            end = min(len(text), start + (rng.randrange(0, 10) if rng.random() < 0.3 else 0))
            _change(service, doc, version, start, end, rng.choice(pieces))
            _same_as_fresh(service, doc)
            checked += 1
    assert checked == 160


def test_which_stages_ship_is_carried_over_typing_in_a_run_and_found_again_when_a_mount_names_a_stage(monkeypatch):
    import sys

    import dockwise.analysis.shipping  # noqa: F401 - the module (`analysis.shipping` is also a function)
    module = sys.modules["dockwise.analysis.shipping"]
    worked_out = []  # the models the answer was computed for (not carried over)
    real = module._compute
    monkeypatch.setattr(module, "_compute", lambda df, target: worked_out.append(df) or real(df, target))

    def computed_for(doc) -> bool:
        return any(m is doc.model for m in worked_out)

    text = ("FROM debian:12 AS apt-cache\n"
            "RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates\n"
            "FROM debian:12 AS app\n"
            "COPY --from=apt-cache /etc/ssl/certs /etc/ssl/certs\n"
            "RUN echo building\n"
            "CMD [\"/bin/sh\"]\n")
    service, doc = _open(text)
    # apt-cache is only copied from: its apt lists never reach an image
    assert "DL3009" not in {d[0] for d in _same_as_fresh(service, doc)}
    at = text.index("RUN echo building") + len("RUN echo building")
    for version, ch in enumerate(" app", 2):
        _change(service, doc, version, at, at, ch)
        at += 1
        _same_as_fresh(service, doc)
        assert not computed_for(doc), "typing in a RUN without --mount never changes which stages ship"
    # the COPY goes: apt-cache is used by nothing, so it is an image of its own and ships
    start = doc.text.index("COPY --from")
    _change(service, doc, 10, start, doc.text.index("\n", start) + 1, "")
    assert computed_for(doc)
    assert "DL3009" in {d[0] for d in _same_as_fresh(service, doc)}
    # a RUN mounting apt-cache uses it again: no longer shipped
    at = doc.text.index("RUN echo") + len("RUN ")
    _change(service, doc, 11, at, at, "--mount=from=apt-cache,target=/cache ")
    assert computed_for(doc)
    assert "DL3009" not in {d[0] for d in _same_as_fresh(service, doc)}


def test_a_rule_the_build_context_decides_gives_the_fresh_findings_after_edits(tmp_path):
    """DW218: whether `credentials.json` is a secret is read from the build context's file, so
    the editor's findings after edits must be the fresh check's (it was stage-local once, and
    the stage memo judged stages without a context)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".dockerignore").write_text("node_modules\n")
    (tmp_path / "credentials.json").write_text(
        '{"type": "service_account", "private_key_id": "3f1c9e2b7d4a", '
        '"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n"}\n')
    text = ("FROM node:22-bookworm-slim AS build\nWORKDIR /app\nCOPY package.json ./\nRUN npm ci\n\n"
            "FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY credentials.json /app/credentials.json\n"
            "COPY --from=build /app/node_modules ./node_modules\nCMD [\"node\", \"server.js\"]\n")
    (tmp_path / "Dockerfile").write_text(text)
    service, doc = _open(text, uri=(tmp_path / "Dockerfile").as_uri())
    assert "DW218" in {d[0] for d in _same_as_fresh(service, doc)}
    at = text.index("RUN npm ci") + len("RUN npm ci")
    for version, ch in enumerate(" --omit=dev", start=2):
        _change(service, doc, version, at, at, ch)
        at += 1
        assert "DW218" in {d[0] for d in _same_as_fresh(service, doc)}
    # the key is replaced by a placeholder: the next edit's findings follow the file
    (tmp_path / "credentials.json").write_text('{"type": "service_account", "private_key": "REPLACE_ME"}\n')
    service.files_changed(lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(
        uri=(tmp_path / "credentials.json").as_uri(), type=lsp.FileChangeType.Changed)]))
    _change(service, doc, 99, at, at, " ")
    assert "DW218" not in {d[0] for d in _same_as_fresh(service, doc)}
