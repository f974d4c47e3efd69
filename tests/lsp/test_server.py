"""The language server end to end: pytest-lsp over stdio against `python -m dockwise lsp`."""

from __future__ import annotations

import asyncio

import pytest
from lsp_harness import apply_text_edits, start, to_position
from lsprotocol import types as lsp

FAST = {"debounceMs": 0}


def codes(diags) -> list[str]:
    return sorted(str(d.code) for d in diags)


def by_code(diags, code):
    return next(d for d in diags if d.code == code)


async def test_diagnostics_on_open_carry_everything(workspace):
    async with start(workspace, settings=FAST) as s:
        diags = await s.open("Dockerfile", "FROM alpine:3.20\nRUN pip install flask\n")
        d = by_code(diags, "DL3042")
        assert d.source == "dockwise"
        assert d.severity == lsp.DiagnosticSeverity.Warning
        assert d.code_description.href.endswith("DL3042.md")
        assert d.range == lsp.Range(lsp.Position(1, 4), lsp.Position(1, 21))
        fix = d.data["fix"]
        assert fix["applicability"] == "safe" and fix["edits"][0]["newText"] == " --no-cache-dir"
        assert s.published_version[s.uri("Dockerfile")] == 1


async def test_incremental_edits_multiline_crlf_and_utf16(workspace):
    async with start(workspace, settings=FAST) as s:
        text = "FROM alpine:3.20\r\n# 😀 émoji\r\nRUN echo 😀 && pip install x\r\n"
        uri = await s.open("Dockerfile", text, wait=False)
        diags = await s.wait_diagnostics(uri, 1)
        d = by_code(diags, "DL3042")
        # the emoji counts 2 UTF-16 units: `pip` starts at column 15
        assert d.range.start == lsp.Position(2, 15)
        # a multi-line edit replacing line 1 and part of line 2, in UTF-16 positions
        diags = await s.change(uri, [(1, 2, 2, 13, "note\r\nRUN echo 😀😀 && ")])
        assert await s.server_text(uri) == s.texts[uri]
        d = by_code(diags, "DL3042")
        line, col = to_position(s.texts[uri], s.texts[uri].index("pip install"))
        assert (d.range.start.line, d.range.start.character) == (line, col)
        # fix the finding by typing, then break it again with two changes in one notification
        diags = await s.change(uri, [(line, col + 11, line, col + 11, " --no-cache-dir")])
        assert "DL3042" not in codes(diags)
        diags = await s.change(uri, [(line, col + 11, line, col + 26, ""), (0, 0, 0, 0, "# c\r\n")])
        assert "DL3042" in codes(diags)
        assert await s.server_text(uri) == s.texts[uri]


async def test_quick_fix_and_fix_all(workspace):
    async with start(workspace, settings=FAST) as s:
        text = "FROM alpine:3.20\nRUN pip install a\nRUN pip install b\n"
        diags = await s.open("Dockerfile", text)
        uri = s.uri("Dockerfile")
        d = [x for x in diags if x.code == "DL3042"][1]
        actions = await s.code_actions(uri, d.range, [d])
        quick = [a for a in actions if a.title.startswith("dockwise (DL3042)")]
        # the finding's own fix, preferred, and its cache-mount alternative beside it
        assert len(quick) == 2 and quick[0].is_preferred and quick[0].kind == lsp.CodeActionKind.QuickFix
        assert quick[0].title == "dockwise (DL3042): Add `--no-cache-dir`"
        assert quick[1].title == "dockwise (DL3042): Use a cache mount for pip's cache (needs BuildKit)"
        assert not quick[1].is_preferred
        edits = quick[0].edit.changes[uri]
        assert apply_text_edits(text, edits).endswith("RUN pip install --no-cache-dir b\n")
        fix_all = await s.code_actions(uri, d.range, [], only=["source.fixAll.dockwise"])
        assert [a.kind for a in fix_all] == ["source.fixAll.dockwise"]
        change = fix_all[0].edit.document_changes[0]
        assert change.text_document.version == 1
        fixed = apply_text_edits(text, change.edits)
        assert fixed.count("--no-cache-dir") == 2
        assert len(change.edits) == 1 and change.edits[0].range.start.line == 1  # minimal, not the whole file


async def test_fix_all_is_recomputed_after_an_edit_or_a_setting_change(workspace):
    """Fix-all is remembered per check (editors ask on every cursor move), so it must never
    outlive the text or the settings it was computed for."""
    async with start(workspace, settings=FAST) as s:
        text = "FROM alpine\nRUN pip install a\n"
        await s.open("Dockerfile", text)
        uri = s.uri("Dockerfile")
        rng = lsp.Range(lsp.Position(1, 0), lsp.Position(1, 0))

        async def fixed() -> str:
            actions = await s.code_actions(uri, rng, [], only=["source.fixAll.dockwise"])
            if not actions:
                return s.texts[uri]
            change = actions[0].edit.document_changes[0]
            assert change.text_document.version == s._versions[uri]
            return apply_text_edits(s.texts[uri], change.edits)

        assert await fixed() == "FROM alpine\nRUN pip install --no-cache-dir a\n"
        assert await fixed() == "FROM alpine\nRUN pip install --no-cache-dir a\n"  # asked again: same
        await s.change(uri, [(1, 17, 1, 17, " b")])
        assert await fixed() == "FROM alpine\nRUN pip install --no-cache-dir a b\n"
        # unsafe fixes switched on: the untagged base gets pinned too
        s.client.set_configuration({**FAST, "unsafeFixes": True}, section="dockwise")
        s.client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
        for _ in range(100):
            result = await fixed()
            if not result.startswith("FROM alpine\n"):
                break
            await asyncio.sleep(0.05)
        assert result.startswith("FROM alpine:") and "--no-cache-dir a b" in result


async def test_disable_actions(workspace):
    async with start(workspace, settings=FAST) as s:
        text = "# syntax=docker/dockerfile:1\nFROM alpine:3.20\n  RUN pip install a\n"
        diags = await s.open("Dockerfile", text)
        uri = s.uri("Dockerfile")
        d = by_code(diags, "DL3042")
        actions = await s.code_actions(uri, d.range, [d], only=[lsp.CodeActionKind.QuickFix])
        local = next(a for a in actions if a.title == "dockwise: disable DL3042 for this instruction")
        glob = next(a for a in actions if a.title == "dockwise: disable DL3042 for this file")
        once = apply_text_edits(text, local.edit.changes[uri])
        assert once == "# syntax=docker/dockerfile:1\nFROM alpine:3.20\n  # dockwise: ignore=DL3042\n  RUN pip install a\n"
        whole = apply_text_edits(text, glob.edit.changes[uri])
        assert whole.startswith("# syntax=docker/dockerfile:1\n# dockwise: global ignore=DL3042\nFROM")
        # an existing pragma directly above is extended, not duplicated
        text2 = "FROM alpine:3.20\r\n# dockwise: ignore=DW200\r\nRUN pip install a\r\n"
        diags = await s.open("b.Dockerfile", text2)
        uri2 = s.uri("b.Dockerfile")
        d = by_code(diags, "DL3042")
        actions = await s.code_actions(uri2, d.range, [d])
        local = next(a for a in actions if a.title == "dockwise: disable DL3042 for this instruction")
        assert apply_text_edits(text2, local.edit.changes[uri2]) == \
            "FROM alpine:3.20\r\n# dockwise: ignore=DW200,DL3042\r\nRUN pip install a\r\n"
        # so is a file-wide one on the first line; a hadolint pragma is hadolint's, left alone
        text3 = "# dockwise: global ignore=DW200\nFROM alpine:3.20\n# hadolint ignore=DL3013\nRUN pip install a\n"
        diags = await s.open("c.Dockerfile", text3)
        uri3 = s.uri("c.Dockerfile")
        d = by_code(diags, "DL3042")
        actions = await s.code_actions(uri3, d.range, [d])
        glob3 = next(a for a in actions if a.title == "dockwise: disable DL3042 for this file")
        assert apply_text_edits(text3, glob3.edit.changes[uri3]).startswith("# dockwise: global ignore=DW200,DL3042\n")
        local3 = next(a for a in actions if a.title == "dockwise: disable DL3042 for this instruction")
        assert apply_text_edits(text3, local3.edit.changes[uri3]).endswith(
            "FROM alpine:3.20\n# hadolint ignore=DL3013\n# dockwise: ignore=DL3042\nRUN pip install a\n")
        # and applying the disable silences the finding
        diags = await s.change(uri, [(2, 0, 2, 0, "  # dockwise: ignore=DL3042\n")])
        assert "DL3042" not in codes(diags)


async def test_fix_creating_dockerignore_and_cross_file_recheck(workspace):
    (workspace / ".git").mkdir()
    (workspace / "app.py").write_text("print(1)\n")
    async with start(workspace, settings=FAST) as s:
        text = "FROM alpine:3.20\nCOPY . /app\n"
        (workspace / "Dockerfile").write_text(text)
        diags = await s.open("Dockerfile", text)
        uri = s.uri("Dockerfile")
        d = by_code(diags, "DW522")
        actions = await s.code_actions(uri, d.range, [d])
        quick = next(a for a in actions if a.title.startswith("dockwise (DW522)"))
        assert not quick.is_preferred  # unsafe
        changes = quick.edit.document_changes
        assert isinstance(changes[0], lsp.CreateFile) and changes[0].uri == s.uri(".dockerignore")
        assert ".git" in changes[1].edits[0].new_text
        # the user opens an unsaved .dockerignore: the Dockerfile is re-checked with its text
        await s.open(".dockerignore", ".git\n", language_id="ignore", wait=False)
        for _ in range(200):
            cur = s.client.diagnostics.get(uri, ())
            if "DW522" not in codes(cur):
                break
            await asyncio.sleep(0.02)
        assert "DW522" not in codes(s.client.diagnostics[uri])
        s.client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(s.uri(".dockerignore"))))
        for _ in range(200):
            if "DW522" in codes(s.client.diagnostics.get(uri, ())):
                break
            await asyncio.sleep(0.02)
        assert "DW522" in codes(s.client.diagnostics[uri])
        # the file appears on disk: a watched-file event re-checks the open Dockerfile
        (workspace / ".dockerignore").write_text(".git\n")
        s.client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent(uri=s.uri(".dockerignore"), type=lsp.FileChangeType.Created)]))
        for _ in range(200):
            if "DW522" not in codes(s.client.diagnostics.get(uri, ())):
                break
            await asyncio.sleep(0.02)
        assert "DW522" not in codes(s.client.diagnostics[uri])
        watchers = s.registrations[0].registrations[0].register_options["watchers"]
        assert {"globPattern": "**/.dockerignore"} in watchers


async def test_hover(workspace):
    async with start(workspace, settings=FAST) as s:
        text = "FROM python:3.8-slim\n# dockwise: ignore=DL3042\nRUN --mount=type=cache,target=/r pip install a\nCMD [\"python\", \"app.py\"]\n"
        await s.open("Dockerfile", text)
        uri = s.uri("Dockerfile")
        h = await s.hover(uri, 0, 1)
        assert "**FROM**" in h.contents.value and "--platform" in h.contents.value
        h = await s.hover(uri, 0, 8)
        assert "python" in h.contents.value and "end of life" in h.contents.value
        h = await s.hover(uri, 1, 22)
        assert "**DL3042** (pip-install-without-no-cache-dir)" in h.contents.value and "DL3042.md)" in h.contents.value
        h = await s.hover(uri, 2, 8)
        assert "--mount" in h.contents.value
        h = await s.hover(uri, 0, 0)
        assert "DW200" in h.contents.value  # the finding on FROM too


async def test_hover_on_several_findings_gives_one_summary_each_with_a_link(workspace):
    """A naive FROM line carries three findings: the hover names each rule once, in one short
    paragraph with a link to its documentation, not three whole documents."""
    async with start(workspace, settings=FAST) as s:
        diags = await s.open("Dockerfile", "FROM python:latest\nCOPY . /app\nCMD [\"python\", \"app.py\"]\n")
        uri = s.uri("Dockerfile")
        on_image = sorted({str(d.code) for d in diags if d.range.start.line == 0 and d.range.start.character <= 8})
        assert {"DL3007", "DW200"} <= set(on_image), on_image
        value = (await s.hover(uri, 0, 8)).contents.value
        summaries = [p for p in value.split("\n\n---\n\n")[0].split("\n\n")]
        assert [p.split("**")[1] for p in summaries] == [c for c in _order_seen(diags, 0, 8)]
        for paragraph in summaries:
            code = paragraph.split("**")[1]
            assert paragraph.endswith(f"[Rule documentation](https://github.com/dockwise/dockwise/blob/main/docs/rules/{code}.md)")
            assert "\n" not in paragraph
        assert "## What it does" not in value and "Why is this bad?" not in value
        assert "python" in value  # the image facts still follow


def _order_seen(diags, line, character):
    out = []
    for d in diags:
        r = d.range
        if (r.start.line, r.start.character) <= (line, character) <= (r.end.line, r.end.character) \
                and str(d.code) not in out:
            out.append(str(d.code))
    return out


async def test_quick_fixes_come_before_disable_actions(workspace):
    """Editors preselect the first action (VS Code keeps the server's order after the preferred
    ones): on a naive FROM line the fixes come first, the disable comments after all of them."""
    async with start(workspace, settings=FAST) as s:
        diags = await s.open("Dockerfile", "FROM python:latest\nRUN pip install flask\nCMD [\"python\", \"app.py\"]\n")
        uri = s.uri("Dockerfile")
        cursor = lsp.Range(lsp.Position(0, 8), lsp.Position(0, 8))
        on_line = [d for d in diags if d.range.start.line == 0]
        assert "DW200" in codes(on_line) and "DL3007" in codes(on_line)
        # as VS Code sends them: the whole-line finding with no fix first
        on_line.sort(key=lambda d: d.code != "DW200")
        actions = await s.code_actions(uri, cursor, on_line)
        titles = [a.title for a in actions if a.kind == lsp.CodeActionKind.QuickFix]
        fixes = [t for t in titles if t.startswith("dockwise (")]
        disables = [t for t in titles if t.startswith("dockwise: disable")]
        assert fixes and titles[0].startswith("dockwise (DL3007): Pin to `:"), titles
        assert titles == fixes + disables, titles
        assert "dockwise: disable DW200 for this instruction" in disables
        # whatever order the client lists them in (Emacs's flymake puts DW101 first): the
        # unsafe pin comes before DW101's mere suggestion
        for order in (on_line, on_line[::-1]):
            titles = [a.title for a in await s.code_actions(uri, cursor, order) if a.kind == lsp.CodeActionKind.QuickFix]
            assert titles[0].startswith("dockwise (DL3007)") and titles[1] == "dockwise (DW101): Switch to `python:slim`", titles
        # a diagnostic elsewhere in the request never comes before the one under the cursor
        pip = by_code(diags, "DL3042")
        titles = [a.title for a in await s.code_actions(uri, cursor, [pip, *on_line])]
        assert titles[0].startswith("dockwise (DL3007)"), titles
        safe = next(a for a in await s.code_actions(uri, pip.range, [pip]) if a.title.startswith("dockwise (DL3042)"))
        assert safe.is_preferred


async def test_pull_diagnostics(workspace):
    (workspace / "sub").mkdir()
    (workspace / "sub" / "Dockerfile").write_text("FROM alpine:3.20\nRUN pip install x\n")
    (workspace / "notes.txt").write_text("RUN pip install y\n")
    async with start(workspace, pull=True) as s:
        uri = await s.open("Dockerfile", "FROM alpine:3.20\nRUN pip install flask\n", wait=False)
        await asyncio.sleep(0.2)
        assert uri not in s.client.diagnostics  # pull clients get no pushes
        report = await s.client.text_document_diagnostic_async(
            lsp.DocumentDiagnosticParams(lsp.TextDocumentIdentifier(uri)))
        assert "DL3042" in codes(report.items)
        again = await s.client.text_document_diagnostic_async(
            lsp.DocumentDiagnosticParams(lsp.TextDocumentIdentifier(uri), previous_result_id=report.result_id))
        assert again.kind == "unchanged"
        ws = await s.client.workspace_diagnostic_async(lsp.WorkspaceDiagnosticParams(previous_result_ids=[]))
        uris = {i.uri for i in ws.items}
        assert s.uri("sub/Dockerfile") in uris and not any(u.endswith("notes.txt") for u in uris)


async def test_bad_settings_warn_and_use_defaults(workspace):
    async with start(workspace, settings={"debounceMs": "soon", "select": ["NOPE999"], "unsafeFixes": 3,
                                          "bogus": 1, "ignore": ["DW200"]}) as s:
        for _ in range(100):
            if len(s.client.messages) >= 4:
                break
            await asyncio.sleep(0.02)
        text = " | ".join(m.message for m in s.client.messages)
        assert "debounceMs" in text and "NOPE999" in text and "unsafeFixes" in text and "bogus" in text
        assert all(m.type == lsp.MessageType.Warning for m in s.client.messages)
        diags = await s.open("Dockerfile", "FROM alpine:3.20\nRUN pip install x\n")
        assert "DL3042" in codes(diags) and "DW200" not in codes(diags)  # the good setting applies


async def test_initialization_options_settings(workspace):
    async with start(workspace, init_settings={"debounceMs": 0, "select": ["DL3042"]}, config=False) as s:
        diags = await s.open("Dockerfile", "FROM alpine:3.20\nRUN pip install x\n")
        assert codes(diags) == ["DL3042"]


PROBLEM_TEXTS = {
    "binary": ("FROM alpine\n\x00\x01\x02binary", "binary"),
    "huge": ("FROM alpine\n" + "RUN echo " + "x" * 1_100_000 + "\n", "larger"),
    "not-utf8": ("FROM alpine\nRUN echo \udcff\n", "UTF-8"),
}


@pytest.mark.parametrize("case", sorted(PROBLEM_TEXTS))
async def test_binary_huge_and_invalid_documents(workspace, case):
    text, needle = PROBLEM_TEXTS[case]
    async with start(workspace, settings=FAST) as s:
        diags = await s.open("Dockerfile", text)
        assert len(diags) == 1 and needle in diags[0].message
        uri = s.uri("Dockerfile")
        actions = await s.code_actions(uri, diags[0].range, diags)
        assert not actions
        # still alive: a normal edit after removing the problem works
        diags = await s.change(uri, [(0, 0, 0, 0, "")])
        assert len(diags) == 1


async def test_non_dockerfile_documents_are_ignored_and_names_recognised(workspace):
    async with start(workspace, settings=FAST) as s:
        diags = await s.open("Containerfile.prod", "FROM alpine:3.20\nRUN pip install x\n", language_id="plaintext")
        assert "DL3042" in codes(diags)
        uri = await s.open("README.md", "RUN pip install x\n", language_id="markdown", wait=False)
        h = await s.hover(uri, 0, 1)
        assert h is None
        assert await s.server_text(uri) is None  # not tracked at all


async def test_malformed_request_gets_an_error_and_server_survives(workspace):
    async with start(workspace, settings=FAST) as s:
        with pytest.raises(Exception, match="(?i)method"):
            await s.client.protocol.send_request_async("dockwise/noSuchMethod", {"x": 1})
        # hand-written garbage params for a known method, straight onto the wire
        body = b'{"jsonrpc": "2.0", "id": 424242, "method": "textDocument/hover", "params": {"textDocument": 3}}'
        res = s.client.protocol.writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        if asyncio.iscoroutine(res):
            await res
        await asyncio.sleep(0.3)
        diags = await s.open("Dockerfile", "FROM alpine:3.20\nRUN pip install x\n")
        assert "DL3042" in codes(diags)


async def test_fix_all_is_resolved_lazily_for_light_bulb_requests(workspace):
    """Light-bulb requests (no `only`) come on every cursor move: when the client can resolve
    edits, fix-all is offered without its edit, which is computed only when picked."""
    async with start(workspace, settings=FAST, resolve=True) as s:
        text = "FROM alpine:3.20\nRUN pip install a\nRUN pip install b\n"
        await s.open("Dockerfile", text)
        uri = s.uri("Dockerfile")
        rng = lsp.Range(lsp.Position(1, 0), lsp.Position(1, 0))
        actions = await s.code_actions(uri, rng, [])
        lazy = [a for a in actions if a.kind == "source.fixAll.dockwise"]
        assert len(lazy) == 1 and lazy[0].edit is None
        resolved = await s.client.code_action_resolve_async(lazy[0])
        change = resolved.edit.document_changes[0]
        assert apply_text_edits(text, change.edits).count("--no-cache-dir") == 2
        explicit = await s.code_actions(uri, rng, [], only=["source.fixAll.dockwise"])
        assert explicit[0].edit is not None  # on-save requests get the edit at once


def test_stdin_that_is_not_a_pipe_is_read_the_pygls_way(tmp_path):
    """The server reads a pipe in its event loop; a file (or a terminal) goes through pygls's
    reader thread instead: both must answer."""
    import json
    import os
    import subprocess
    import sys

    def framed(msg: dict) -> bytes:
        body = json.dumps(msg).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    messages = [{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
                {"jsonrpc": "2.0", "method": "initialized", "params": {}},
                {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
                {"jsonrpc": "2.0", "method": "exit"}]
    requests = tmp_path / "requests"
    requests.write_bytes(b"".join(framed(m) for m in messages))
    from dockwise.lsp.pygls_compat import _is_pipe
    read_end, write_end = os.pipe()
    with open(read_end, "rb") as r, open(write_end, "wb"), open(requests, "rb") as f:
        assert _is_pipe(r) and not _is_pipe(f)
    for how in ("file", "pipe"):
        with open(requests, "rb") as f:
            if how == "file":
                done = subprocess.run([sys.executable, "-m", "dockwise", "lsp"], stdin=f, capture_output=True, timeout=60)
            else:
                done = subprocess.run([sys.executable, "-m", "dockwise", "lsp"], input=f.read(), capture_output=True,
                                      timeout=60)
        assert b'"id": 1' in done.stdout and b'"capabilities"' in done.stdout, (how, done.stderr)
        assert b'"id": 2' in done.stdout and done.returncode == 0, (how, done.stderr)


def test_a_late_cancel_is_not_logged_as_a_warning(caplog):
    """VS Code cancels requests already answered (every few cursor moves); pygls's warning about
    it filled the server's log in the editor. Other pygls warnings still get through."""
    import inspect
    import logging

    from pygls.protocol import json_rpc

    import dockwise.lsp.server  # noqa: F401 - installs the filter
    assert 'Cancel notification for unknown message id "%s"' in inspect.getsource(json_rpc)
    logger = logging.getLogger("pygls.protocol.json_rpc")
    with caplog.at_level(logging.WARNING, logger="pygls.protocol.json_rpc"):
        logger.warning('Cancel notification for unknown message id "%s"', 42)
        logger.warning("Unknown method %s", "foo/bar")
    assert [r.getMessage() for r in caplog.records] == ["Unknown method foo/bar"]
