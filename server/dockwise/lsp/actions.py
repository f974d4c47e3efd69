"""Code actions: quick fixes from each diagnostic's `data`, disable comments, fix-all, pin digest."""

from __future__ import annotations

import os
from dataclasses import replace

from lsprotocol import types as lsp

from ..config import Config
from ..engine import overlaps
from ..engine.check import enabled_rules
from ..engine.diagnostic import Applicability, FixAvailability
from ..engine.fixer import fix_text, to_apply
from ..engine.suppression import PRAGMA
from . import convert
from .documents import Document, path_to_uri

FIX_ALL = "source.fixAll.dockwise"
FIX_ALL_TITLE = "dockwise: fix all auto-fixable problems"
PIN_DIGEST_COMMAND = "dockwise.pinDigest"
_FIX_RANK = {"safe": 0, "unsafe": 1, "suggestion": 2}  # the order quick fixes are offered in


def _dockwise_pragma(comment, global_: bool) -> bool:
    """A `# dockwise: [global] ignore=…` comment (engine.suppression's grammar), to extend."""
    m = PRAGMA.match(comment.text)
    return m is not None and m.group(1).lower() == "dockwise:" and bool(m.group(2)) == global_


def _wants(only, kind: str) -> bool:
    if not only:
        return True
    return any(kind == k or kind.startswith(k + ".") for k in only)


def code_actions(service, doc: Document, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    only = params.context.only
    out: list[lsp.CodeAction] = []
    if doc.problem is not None:
        return out
    # Only the diagnostics under the requested range (the specification's meaning): a client
    # that sends every diagnostic of the file must not get a quick fix for each.
    ours = [d for d in params.context.diagnostics if d.source == "dockwise" and d.code and _overlaps(d.range, params.range)]
    doc_changes = _supports_document_changes(service)
    if _wants(only, lsp.CodeActionKind.QuickFix):
        # Editors preselect the first action (or the preferred one): the fixes come first, those
        # of the diagnostics under the cursor before the others, safe before unsafe before mere
        # suggestions (whatever order the client listed the diagnostics in), and the disable
        # comments last.
        fixes: list[tuple[bool, int, lsp.CodeAction]] = []
        disables: list[lsp.CodeAction] = []
        seen_disable: set[str] = set()
        for d in ours:
            data = d.data if isinstance(d.data, dict) else None
            if data is None or data.get("version") != doc.version:
                data = _current_data(service, doc, d)
            # the finding's own fix, then the alternatives offered beside it (a cache mount
            # beside the clean-up), each its own quick fix
            for fix in [data["fix"], *data.get("alternatives", ())] if data and data.get("fix") else ():
                action = _quick_fix(service, doc, d, fix, doc_changes)
                if action is not None:
                    rank = _FIX_RANK.get(fix.get("applicability", "safe"), len(_FIX_RANK))
                    fixes.append((not _overlaps(d.range, params.range), rank, action))
            code = str(d.code)
            if code in seen_disable:
                continue
            seen_disable.add(code)
            if doc.kind == "dockerfile" and doc.model is not None:
                disables.extend(_disable_actions(doc, d, code))
        fixes.sort(key=lambda f: f[:2])
        out.extend(action for *_, action in fixes)
        if service.settings.pin_digests and doc.model is not None:
            out.extend(_pin_digest_actions(doc, params.range))
        out.extend(disables)
    if _wants(only, FIX_ALL):
        if not only and _supports_resolving_edits(service):
            # A light-bulb request (no `only`) comes on every cursor move: offer fix-all without
            # computing it, and compute the edit only if the user picks it (codeAction/resolve).
            if _has_applicable_fix(service, doc):
                out.append(lsp.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL,
                                          data={"uri": doc.uri, "version": doc.version}))
        else:
            action = fix_all(service, doc)
            if action is not None:
                out.append(action)
    return out


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    """Whether two ranges share a position (ends included: a cursor at a diagnostic's edge is on it)."""
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and \
        (b.start.line, b.start.character) <= (a.end.line, a.end.character)


def _supports_resolving_edits(service) -> bool:
    td = service.server.client_capabilities.text_document
    ca = td.code_action if td else None
    support = ca.resolve_support if ca else None
    return bool(support and "edit" in (support.properties or ()))


def resolve(service, action: lsp.CodeAction) -> lsp.CodeAction:
    """Fill in the edit of a fix-all action offered lazily (for a stale version: no edit)."""
    data = action.data if isinstance(action.data, dict) else {}
    doc = service.docs.get(data.get("uri", ""))
    if action.kind != FIX_ALL or doc is None or data.get("version") != doc.version:
        return action
    full = fix_all(service, doc)
    if full is not None:
        action.edit = full.edit
    return action


def _supports_document_changes(service) -> bool:
    ws = service.server.client_capabilities.workspace
    return bool(ws and ws.workspace_edit and ws.workspace_edit.document_changes)


def _current_data(service, doc: Document, d: lsp.Diagnostic) -> dict | None:
    """The fix of the current check's diagnostic matching this one (client data was stale)."""
    diags = service.diagnostics(doc)
    for cur in diags:
        if cur.code == d.code and cur.range == d.range:
            return cur.data
    for cur in diags:
        if cur.code == d.code and cur.range.start.line == d.range.start.line:
            return cur.data
    return None


def _quick_fix(service, doc: Document, d: lsp.Diagnostic, fix: dict, doc_changes: bool) -> lsp.CodeAction | None:
    edits = [convert.edit_from_json(e) for e in fix["edits"]]
    others = fix.get("otherFiles") or []
    if not edits and not others:
        return None
    appl = convert.applicability(fix.get("applicability", "safe"))
    if others and doc_changes:
        changes: list = []
        if edits:
            changes.append(lsp.TextDocumentEdit(lsp.OptionalVersionedTextDocumentIdentifier(doc.uri, doc.version), edits))
        for fe in others:
            uri = path_to_uri(fe["path"])
            if fe.get("create") and not os.path.exists(fe["path"]) and uri not in service.docs:
                changes.append(lsp.CreateFile(uri=uri, options=lsp.CreateFileOptions(ignore_if_exists=True)))
            target = service.docs.get(uri)
            changes.append(lsp.TextDocumentEdit(
                lsp.OptionalVersionedTextDocumentIdentifier(uri, target.version if target else None),
                [convert.edit_from_json(e) for e in fe["edits"]]))
        edit = lsp.WorkspaceEdit(document_changes=changes)
    else:
        mapping = {doc.uri: edits} if edits else {}
        for fe in others:
            mapping.setdefault(path_to_uri(fe["path"]), []).extend(convert.edit_from_json(e) for e in fe["edits"])
        edit = lsp.WorkspaceEdit(changes=mapping)
    return lsp.CodeAction(
        title=f"dockwise ({d.code}): {fix['title']}",
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[d],
        is_preferred=appl is Applicability.SAFE,
        edit=edit,
    )


def _instruction_at(doc: Document, offset: int):
    for ins in doc.model.instructions:
        if ins.head <= offset <= ins.end:
            return ins
        if ins.head > offset:
            break
    return None


def _disable_actions(doc: Document, d: lsp.Diagnostic, code: str) -> list[lsp.CodeAction]:
    df = doc.model
    text = doc.text
    nl = df.source.newline
    out = []
    offset = doc.index.offset(d.range.start)
    ins = _instruction_at(doc, offset)
    if ins is not None and ins.head >= df.directives_end:
        above = ins.comments[-1] if ins.comments else None
        line_start = ins.head
        if above is not None and _dockwise_pragma(above, global_=False) \
                and df.source.line_of(above.start) == df.source.line_of(line_start) - 1:
            end = above.end
            while end > above.start and text[end - 1] in " \t":
                end -= 1
            edit = lsp.TextEdit(doc.index.range(end, end), f",{code}")
        else:
            indent_end = line_start
            while indent_end < ins.start and text[indent_end] in " \t":
                indent_end += 1
            indent = text[line_start:indent_end]
            edit = lsp.TextEdit(doc.index.range(line_start, line_start), f"{indent}# dockwise: ignore={code}{nl}")
        out.append(lsp.CodeAction(
            title=f"dockwise: disable {code} for this instruction", kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[d], edit=lsp.WorkspaceEdit(changes={doc.uri: [edit]})))
    at = df.directives_end
    existing = None
    for c in df.comments:
        if c.start >= at and _dockwise_pragma(c, global_=True) and df.source.line_of(c.start) == df.source.line_of(at):
            existing = c
            break
    if existing is not None:
        end = existing.end
        while end > existing.start and text[end - 1] in " \t":
            end -= 1
        edit = lsp.TextEdit(doc.index.range(end, end), f",{code}")
    else:
        prefix = nl if at > 0 and text[at - 1] not in "\n" else ""
        edit = lsp.TextEdit(doc.index.range(at, at), f"{prefix}# dockwise: global ignore={code}{nl}")
    out.append(lsp.CodeAction(
        title=f"dockwise: disable {code} for this file", kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[d], edit=lsp.WorkspaceEdit(changes={doc.uri: [edit]})))
    return out


def _has_applicable_fix(service, doc: Document) -> bool:
    service.lint(doc)  # cached for the current version
    unsafe = service.settings.unsafe_fixes
    prefer = service.setup_for(doc)[0].prefer_fixes
    return any(d.fix is not None and (fix := to_apply(d, unsafe, prefer)) is not None and fix.edits
               for d in doc.diagnostics)


def fix_all(service, doc: Document) -> lsp.CodeAction | None:
    if not _has_applicable_fix(service, doc):
        return None  # nothing to apply: skip the re-check passes
    unsafe = service.settings.unsafe_fixes
    # Editors ask again on every cursor move; the fixed text depends only on the check it
    # started from (a new version, setting or context makes a new diagnostics list).
    cached = doc.fixed
    if cached is not None and cached[0] is doc.diagnostics and cached[1] == unsafe:
        edit = cached[2]
    else:
        cfg, kw = service.setup_for(doc)
        # the document's check is the fixer's first pass (`_has_applicable_fix` made it current);
        # the passes after it look only for fixes
        outcome = fix_text(doc.text, doc.path, fixing_config(cfg, doc.kind, doc.path), unsafe=unsafe,
                           first=doc.diagnostics, **kw)
        for problem in outcome.problems:  # refused, so not in the edit: tell the user why
            service.log(f"dockwise: {problem.describe(doc.path)}", lsp.MessageType.Warning)
        changed = outcome.changed and outcome.text != doc.text
        edit = convert.minimal_edit(doc.index, doc.text, outcome.text) if changed else None
        doc.fixed = (doc.diagnostics, unsafe, edit)
    if edit is None:
        return None
    return lsp.CodeAction(
        title=FIX_ALL_TITLE, kind=FIX_ALL,
        edit=lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
            lsp.OptionalVersionedTextDocumentIdentifier(doc.uri, doc.version), [edit])])
        if _supports_document_changes(service) else lsp.WorkspaceEdit(changes={doc.uri: [edit]}))


def fixing_config(cfg: Config, kind: str, path: str) -> Config:
    """`cfg` with only the rules that can fix (and those that report the same problem, which
    may take a finding's place: engine/overlaps.py). Fix-all's passes after the first use it:
    the fixed text is the same (a rule that never fixes adds no edit, and whether a pragma
    silences a finding does not depend on other rules), and a 5,000-line file's re-check costs
    about half as much. Its remaining diagnostics are incomplete: never publish them."""
    enabled = enabled_rules(cfg, kind, path)
    codes = {r.code for r in enabled if r.fix_availability is not FixAvailability.NEVER}
    codes |= {alias for code in codes for alias in overlaps.aliases(code)} & {r.code for r in enabled}
    return replace(cfg, select=sorted(codes), extend_select=[])


def _pin_digest_actions(doc: Document, rng: lsp.Range) -> list[lsp.CodeAction]:
    start = doc.index.offset(rng.start)
    end = doc.index.offset(rng.end)
    out = []
    for stage in doc.model.stages:
        w = stage.image_word
        ref = stage.ref
        if w is None or ref is None or ref.digest or ref.is_scratch:
            continue
        if w.start <= end and start <= w.end:
            out.append(lsp.CodeAction(
                title=f"dockwise: pin {w.value} to its current digest", kind=lsp.CodeActionKind.RefactorRewrite,
                command=lsp.Command(f"Pin {w.value} to its digest", PIN_DIGEST_COMMAND,
                                    [doc.uri, doc.version, w.start, w.end, stage.image])))
    return out


def pin_digest_edit(service, args) -> lsp.WorkspaceEdit | None:
    """Run by the command (network): resolve the digest and build the edit."""
    uri, version, start, end, image = args
    doc = service.docs.get(uri)
    if doc is None or doc.version != version:
        return None
    from ..registry import resolve_digest
    digest = resolve_digest(image, timeout=10)
    written = doc.text[start:end]
    return lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(doc.index.range(end, end), f"@{digest}")]}) \
        if "@" not in written else None

