"""Hover: rule docs on a finding or a code in a pragma, instruction help, base-image facts."""

from __future__ import annotations

import datetime as dt
import re

from lsprotocol import types as lsp

from ..rules.registry import all_rules, resolve
from ..engine.suppression import PRAGMA
from .documents import Document
from .instructions import INSTRUCTIONS, describe

_WORD = re.compile(r"[A-Za-z0-9_\-]+")


def hover(service, doc: Document, pos: lsp.Position) -> lsp.Hover | None:
    if doc.problem is not None:
        return None
    offset = doc.index.offset(pos)
    parts: list[str] = []
    summaries: list[str] = []  # one paragraph per rule, shown together as the first part
    rules = all_rules()
    seen: set[str] = set()
    for d in service.diagnostics(doc):
        r = d.range
        if (r.start.line, r.start.character) <= (pos.line, pos.character) <= (r.end.line, r.end.character):
            code = str(d.code)
            if code in rules and code not in seen:
                seen.add(code)
                summaries.append(_rule_summary(rules[code]))
    df = doc.model
    if df is not None:
        for c in df.comments:
            if c.start <= offset < c.end:
                m = PRAGMA.match(c.text)
                if m:
                    for w in _WORD.finditer(doc.text, c.start, c.end):
                        if w.start() <= offset <= w.end():
                            for code in resolve(w.group()) if len(resolve(w.group())) <= 3 else ():
                                if code not in seen and code in rules:
                                    seen.add(code)
                                    summaries.append(_rule_summary(rules[code]))
                break
        ins = _instruction_at(df, offset)
        if ins is not None:
            if ins.start <= offset <= ins.keyword_end and ins.keyword in INSTRUCTIONS:
                parts.append(describe(ins.keyword))
            for f in ins.flags:
                if f.start <= offset <= f.end:
                    meaning = INSTRUCTIONS.get(ins.keyword, ("", "", {}))[2].get(f"--{f.name}")
                    if meaning:
                        parts.append(f"`--{f.name}` ({ins.keyword}): {meaning}")
            if ins.keyword == "FROM":
                info = _image_info(service, df, ins, offset)
                if info:
                    parts.append(info)
    if summaries:
        parts.insert(0, "\n\n".join(summaries))
    if not parts:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(lsp.MarkupKind.Markdown, "\n\n---\n\n".join(parts)))


def _rule_summary(rule) -> str:
    """One paragraph per rule, linking to its full documentation: a hover on a line with three
    findings must stay readable (the editor shows each finding's own message above it)."""
    return f"**{rule.code}** ({rule.name}): {rule.summary()} [Rule documentation]({rule.url()})"


def _instruction_at(df, offset: int):
    for ins in df.instructions:
        if ins.start <= offset <= ins.end:
            return ins
        if ins.start > offset:
            break
    return None


def _image_info(service, df, ins, offset: int) -> str | None:
    stage = next((s for s in df.stages if s.from_ is ins), None)
    if stage is None or stage.image_word is None:
        return None
    w = stage.image_word
    if not (w.start <= offset <= w.end):
        return None
    ref = stage.ref
    if ref is None:
        if stage.base_stage is not None:
            return f"Stage `{stage.base_stage.name}` (built earlier in this file)"
        return None
    if ref.is_scratch:
        return "`scratch`: the empty image"
    from ..knowledge import eol, images
    name, tag = ref.name, ref.tag
    lines = [f"**{ref.full_name}:{tag or 'latest'}**" + (f" @ `{ref.digest}`" if ref.digest else "")]
    if ref.digest:
        lines.append(_digest_age(ref.digest))
    try:
        version = images.version_of(name, tag)
        if version:
            lines.append(f"- version: {version}")
        pinned = images.pin(name, tag)
        if pinned and pinned != (tag or "latest"):
            lines.append(f"- floating tag; currently the same as `{name}:{pinned}`")
        smaller = images.variants(name, tag)
        if smaller:
            lines.append("- smaller variants: " + ", ".join(f"`{v}`" for v in smaller[:5]))
        info = eol.eol_info(name, tag, dt.date.today())
        if info is not None:
            lines.append(_eol_line(info))
            if info.distro is not None:
                lines.append(_eol_line(info.distro))
    except Exception as e:  # noqa: BLE001 - knowledge tables must never break hover
        service.log(f"dockwise: image facts for {ref.raw} failed: {e!r}")
    if len(lines) == 1:
        lines.append("- not in dockwise's image index")
    return "\n".join(lines)


def _digest_age(digest: str) -> str:
    """How old the pinned digest is, when dockwise's own digest cache saw it (no network)."""
    import time

    from ..registry import DigestCache
    when = DigestCache().pinned_at(digest)
    if when is None:
        return "- pinned digest: age unknown (not resolved by dockwise on this machine)"
    days = int((time.time() - when) // 86400)
    return f"- pinned digest resolved {days} day(s) ago (`dockwise check --fix --pin-digests` updates it)"


def _eol_line(info) -> str:
    from ..knowledge.image_names import image_reference
    when = info.eol.isoformat() if info.eol else "not announced"
    state = "**end of life**" if info.is_eol else "supported"
    newest = info.latest_supported
    more = f"; newest supported: `{image_reference(info.product, newest)}`" if newest and info.is_eol else ""
    return f"- `{image_reference(info.product, info.cycle)}`: {state} (end of life: {when}){more}"
