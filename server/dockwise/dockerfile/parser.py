"""Segment a Dockerfile exactly as BuildKit's parser does, keeping every position.

The shape follows BuildKit's `parser.Parse`: parser directives only at the very top; a line
ending in the escape character continues the instruction; comment lines and blank lines inside
a continuation are skipped; heredocs (`<<EOF`) on RUN/COPY/ADD read body lines up to their
terminator; the first word is the keyword, then `--flags`, then arguments split the way each
instruction splits them. Nothing here raises: problems become `ParseError`s.
"""

from __future__ import annotations

import json
import re

from ..source import BOM, Source
from .joined import Joined
from .model import Comment, Dockerfile, Flag, Heredoc, Instruction, KeyValue, ParseError, Word

KNOWN = frozenset({
    "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
    "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
})
HEREDOC_KEYWORDS = frozenset({"RUN", "COPY", "ADD"})
DIRECTIVE_RE = re.compile(r"^#[ \t\n\f\r]*([a-zA-Z][a-zA-Z0-9]*)[ \t\n\f\r]*=[ \t\n\f\r]*(.+?)[ \t\n\f\r]*$")
DIRECTIVES = frozenset({"syntax", "escape", "check"})
ASCII_WS = "\t\v\f\r "                     # BuildKit's reWhitespace: [\t\v\f\r ]+
ASCII_WS_RUN = re.compile(r"[\t\v\f\r ]+")
HEREDOC_RE = re.compile(r"^(\d*)<<(-?)([^<]*)$")
JSON_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_JSON = json.JSONDecoder(parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))


_ASCII_SPACE = frozenset(" \t\n\v\f\r")


def go_space(c: str) -> bool:
    """Go's unicode.IsSpace (Python's isspace also counts \\x1c-\\x1f)."""
    if c < "\x80":
        return c in _ASCII_SPACE
    return c.isspace()


def go_lstrip_len(s: str, i: int = 0, end: int | None = None) -> int:
    end = len(s) if end is None else end
    while i < end and go_space(s[i]):
        i += 1
    return i


def go_rstrip_len(s: str, begin: int, end: int) -> int:
    while end > begin and go_space(s[end - 1]):
        end -= 1
    return end


class _Lines:
    """Physical lines: content bounds without the line ending, as Go's trimNewline sees them."""

    __slots__ = ("text", "starts", "count")

    def __init__(self, source: Source) -> None:
        self.text = source.text
        self.starts = source.line_starts
        self.count = len(self.starts)
        if self.count > 1 and self.starts[-1] == len(self.text):
            self.count -= 1  # the text ends with a newline: no empty line after it

    def bounds(self, i: int) -> tuple[int, int, int]:
        """(start, content end, next line start) of line i."""
        start = self.starts[i]
        nxt = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        end = nxt
        text = self.text
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        if i == 0 and text.startswith(BOM):
            start += 1
            end = max(end, start)
        return start, end, nxt


class _State:
    __slots__ = ("escape", "directives_done", "directives", "errors")

    def __init__(self) -> None:
        self.escape = "\\"
        self.directives_done = False
        self.directives: dict[str, tuple[str, int, int]] = {}
        self.errors: list[ParseError] = []

    def set_escape(self, value: str, start: int, end: int) -> None:
        if value not in ("\\", "`"):
            self.errors.append(ParseError("invalid-escape", f"invalid escape token {value!r} does not match ` or \\", start, end))
            return
        self.escape = value

    def continuation(self, text: str, begin: int, end: int) -> int:
        """Where a trailing, unescaped escape character starts (BuildKit's line continuation), or -1.

        The escape must be the last non-blank character and not itself escaped: `a\\\\` ends
        the instruction, a line holding only the escape continues it."""
        j = end
        while j > begin and text[j - 1] in " \t":
            j -= 1
        esc = self.escape
        if j > begin and text[j - 1] == esc and (j - 1 == begin or text[j - 2] != esc):
            return j - 1
        return -1


def parse(text: str) -> Dockerfile:
    source = Source(text)
    lines = _Lines(source)
    state = _State()
    instructions: list[Instruction] = []
    comments: list[Comment] = []
    directives_end = _scan(lines, 0, state, instructions, comments)
    for k, ins in enumerate(instructions):
        ins.index = k
    return Dockerfile(source, instructions, comments, state.directives, state.errors,
                      escape=state.escape, directives_end=directives_end,
                      had_bom=text.startswith(BOM))


def _directive(state: _State, stripped: str, start: int) -> bool:
    """BuildKit's DirectiveParser: only an unbroken run of `# key=value` lines at the top."""
    if state.directives_done:
        return False
    m = DIRECTIVE_RE.match(stripped)
    if not m or m.group(1).lower() not in DIRECTIVES:
        state.directives_done = True
        return False
    name = m.group(1).lower()
    vstart, vend = start + m.start(2), start + m.end(2)
    if name in state.directives:
        state.errors.append(ParseError("duplicate-directive", f"only one {name} parser directive can be used", start, start + len(stripped)))
        return True
    state.directives[name] = (m.group(2), vstart, vend)
    if name == "escape":
        state.set_escape(m.group(2), vstart, vend)
    return True


def _scan(lines: _Lines, i: int, state: _State, out: list[Instruction], comments: list[Comment],
          stop_at: int | None = None) -> int:
    """Read instructions from physical line i on; returns where the directives block ended.

    With `stop_at`, stop before the first instruction starting at or after that offset
    (used by incremental re-parsing, which then reuses the old instructions).
    """
    text = lines.text
    pending: list[Comment] = []
    directives_end = 0
    n = lines.count
    while i < n:
        start, end, _ = lines.bounds(i)
        if stop_at is not None and start >= stop_at and not pending:
            return -i - 1  # tell the caller where we stopped (encoded as negative)
        lead = go_lstrip_len(text, start, end)
        is_comment = lead < end and text[lead] == "#"
        was_directive = _directive(state, text[lead:end], lead)
        if was_directive:
            directives_end = lines.starts[i + 1] if i + 1 < len(lines.starts) else len(text)
        i += 1
        if is_comment:
            c = Comment(text[lead + 1:end].strip(), lead, end, i - 1)
            comments.append(c)
            if not was_directive:
                pending.append(c)
            continue
        cut = state.continuation(text, lead, end)
        eol = cut < 0
        content_end = end if eol else cut
        if eol and content_end == lead:
            pending = []  # a blank line detaches comments from the next instruction
            continue
        pieces = [(text[lead:content_end], lead)]
        empty_continuation = False
        last_end = end
        while not eol and i < n:
            s2, e2, _ = lines.bounds(i)
            i += 1
            l2 = go_lstrip_len(text, s2, e2)
            if l2 < e2 and text[l2] == "#":
                comments.append(Comment(text[l2 + 1:e2].strip(), l2, e2, i - 1))
                last_end = e2
                continue
            if l2 == e2:
                empty_continuation = True
                last_end = e2
                continue
            cut = state.continuation(text, s2, e2)
            if cut >= 0:
                pieces.append((text[s2:cut], s2))
            else:
                pieces.append((text[s2:e2], s2))
                eol = True
            last_end = e2
        ins = _instruction(Joined(pieces), 0, state)
        if ins is None:
            continue
        ins.empty_continuation = empty_continuation
        ins.head = start
        ins.tail = lines.starts[i - 1]
        ins.comments = tuple(pending)
        pending = []
        ins.end = last_end
        carrier = ins.sub if ins.keyword == "ONBUILD" and ins.sub is not None else ins
        if carrier.keyword in HEREDOC_KEYWORDS and not carrier.json and "<<" in ins.line.text:
            docs = []
            for fd, chomp, name, quoted, marker in _heredoc_markers(ins):
                i, doc = _read_heredoc(lines, i, fd, chomp, name, quoted, marker)
                docs.append(doc)
                ins.end = doc.end
                ins.tail = lines.starts[i - 1] if i > 0 else 0
                if not doc.terminated:
                    state.errors.append(ParseError("unterminated-heredoc", f"unterminated heredoc {name!r}", marker.start, marker.end))
            ins.heredocs = tuple(docs)
            if carrier is not ins:
                carrier.heredocs = ins.heredocs
        out.append(ins)
    return directives_end


def _read_heredoc(lines: _Lines, i: int, fd: int, chomp: bool, name: str, quoted: bool,
                  marker: Word) -> tuple[int, Heredoc]:
    text = lines.text
    n = lines.count
    body_start = lines.bounds(i)[0] if i < n else len(text)
    parts = []
    while i < n:
        start, end, nxt = lines.bounds(i)
        i += 1
        candidate = text[start:end].lstrip("\t") if chomp else text[start:end]
        if candidate == name:
            return i, Heredoc(name, chomp, quoted, fd, marker, "".join(parts), body_start, start, end)
        parts.append(text[start:nxt])
    end = len(text)
    while end > body_start and text[end - 1] in "\r\n":
        end -= 1
    return i, Heredoc(name, chomp, quoted, fd, marker, "".join(parts), body_start, len(text), end, terminated=False)


def _shell_words(s: str, begin: int, end: int):
    """Whitespace-separated words honouring quotes and escapes, kept raw (BuildKit's lexer with
    RawQuotes/RawEscapes, as used to find heredoc markers)."""
    i = begin
    while i < end:
        while i < end and go_space(s[i]):
            i += 1
        if i >= end:
            return
        w = i
        quote = ""
        while i < end:
            c = s[i]
            if quote:
                if c == quote:
                    quote = ""
                elif c == "\\" and quote == '"' and i + 1 < end:
                    i += 1
            elif c in "'\"":
                quote = c
            elif c == "\\" and i + 1 < end:
                i += 1
            elif go_space(c):
                break
            i += 1
        yield w, i


def _heredoc_markers(ins: Instruction):
    text = ins.line.text
    for w, e in _shell_words(text, 0, len(text)):
        m = HEREDOC_RE.match(text[w:e])
        if not m or not m.group(3):
            continue
        raw = m.group(3)
        name = raw.replace('"', "").replace("'", "").replace("\\", "")
        if not name:
            continue
        quoted = name != raw
        s, t = ins.span_in_line(w, e)
        yield int(m.group(1) or 0), m.group(2) == "-", name, quoted, Word(text[w:e], s, t)


def _instruction(line: Joined, begin: int, state: _State) -> Instruction | None:
    """BuildKit's newNodeFromLine over line.text[begin:]."""
    text = line.text
    a = go_lstrip_len(text, begin)
    z = go_rstrip_len(text, a, len(text))
    if a >= z:
        return None
    k = a
    while k < z and text[k] not in ASCII_WS:
        k += 1
    raw_keyword = text[a:k]
    keyword = raw_keyword.upper()
    j = k
    while j < z and text[j] in ASCII_WS:
        j += 1
    flags, rest_index = _extract_flags(line, j, z) if j < z else ((), z)
    rest_index = go_lstrip_len(text, rest_index, z)
    rest = text[rest_index:z]
    ks, ke = line.to_source(a), line.end_to_source(k)
    ins = Instruction(keyword=keyword, raw_keyword=raw_keyword, start=ks, end=line.end_to_source(z),
                      keyword_end=ke, line=line, flags=flags, rest=rest, rest_index=rest_index)
    handler = _DISPATCH.get(keyword)
    if handler is None:
        state.errors.append(ParseError("unknown-instruction", f"unknown instruction: {raw_keyword}", ks, ke))
        return ins
    handler(ins, state)
    return ins


def _extract_flags(line: Joined, i: int, end: int) -> tuple[tuple[Flag, ...], int]:
    """BuildKit's extractBuilderFlags: leading `--words`, quotes and backslashes processed."""
    text = line.text
    flags = []
    while True:
        while i < end and go_space(text[i]):
            i += 1
        if i >= end or not text.startswith("--", i) or i + 1 >= end:
            return tuple(flags), i
        w = i
        word = []
        quote = ""
        blank_ok = False
        while i < end:
            c = text[i]
            if quote:
                if c == quote:
                    quote = ""
                    i += 1
                    continue
                if c == "\\":
                    if i + 1 == end:
                        i += 1
                        continue
                    i += 1
                    c = text[i]
                word.append(c)
                i += 1
                continue
            if go_space(c):
                break
            if c in "'\"":
                quote = c
                blank_ok = True
                i += 1
                continue
            if c == "\\":
                if i + 1 == end:
                    i += 1
                    continue
                i += 1
                c = text[i]
            word.append(c)
            i += 1
        value = "".join(word)
        if value == "--":
            return tuple(flags), i
        if not (blank_ok or value):
            continue
        body = value[2:]
        name, eq, val = body.partition("=")
        ws, we = line.to_source(w), line.end_to_source(i)
        raw = text[w:i]
        vi = raw.find("=")
        vs = line.to_source(w + vi + 1) if vi >= 0 else we
        flags.append(Flag(name, val if eq else None, ws, we, vs, we))


def _word(ins: Instruction, value: str, i: int, j: int) -> Word:
    s, e = ins.span_in_line(i, j)
    return Word(value, s, e)


def _whitespace_words(ins: Instruction) -> list[tuple[int, int]]:
    text, z = ins.line.text, ins.rest_index + len(ins.rest)
    spans = []
    i = ins.rest_index
    while i < z:
        while i < z and text[i] in ASCII_WS:
            i += 1
        if i >= z:
            break
        w = i
        while i < z and text[i] not in ASCII_WS:
            i += 1
        spans.append((w, i))
    return spans


def _parse_string(ins: Instruction, state: _State) -> None:
    if ins.rest:
        ins.args = (ins.rest,)
        ins.words = (_word(ins, ins.rest, ins.rest_index, ins.rest_index + len(ins.rest)),)


def _parse_whitespace_delimited(ins: Instruction, state: _State) -> None:
    text = ins.line.text
    spans = _whitespace_words(ins)
    ins.args = tuple(text[a:b] for a, b in spans)
    ins.words = tuple(_word(ins, text[a:b], a, b) for a, b in spans)


def _try_json(ins: Instruction, begin: int, state: _State) -> bool | None:
    """True: JSON array of strings (args set); False: not JSON; None: JSON with non-strings."""
    text = ins.line.text
    z = ins.rest_index + len(ins.rest)
    i = go_lstrip_len(text, begin, z)
    if i >= z or text[i] != "[":
        return False
    try:
        value, stop = _JSON.raw_decode(text[i:z])
    except ValueError:
        return False
    if not isinstance(value, list):
        return False
    if not all(isinstance(v, str) for v in value):
        s, e = ins.span_in_line(i, z)
        state.errors.append(ParseError("json-not-strings", "when using JSON array syntax, arrays must be comprised of strings only", s, e))
        return None
    words = []
    for m, v in zip(JSON_STRING_RE.finditer(text, i, i + stop), value):
        words.append(_word(ins, v, m.start(), m.end()))
    ins.json = True
    ins.args = ins.args + tuple(value)
    ins.words = ins.words + tuple(words)
    return True


def _parse_maybe_json(ins: Instruction, state: _State) -> None:
    if ins.rest and _try_json(ins, ins.rest_index, state) is False:
        _parse_string(ins, state)


def _parse_maybe_json_to_list(ins: Instruction, state: _State) -> None:
    if _try_json(ins, ins.rest_index, state) is False:
        _parse_whitespace_delimited(ins, state)


def _parse_health(ins: Instruction, state: _State) -> None:
    text, z = ins.line.text, ins.rest_index + len(ins.rest)
    i = ins.rest_index
    while i < z and not go_space(text[i]):
        i += 1
    if i == ins.rest_index:
        return
    ins.args = (text[ins.rest_index:i],)
    ins.words = (_word(ins, ins.args[0], ins.rest_index, i),)
    j = go_lstrip_len(text, i, z)
    if j < z and _try_json(ins, j, state) is False:
        ins.args += (text[j:z],)
        ins.words += (_word(ins, text[j:z], j, z),)


def _parse_words(ins: Instruction, escape: str) -> list[tuple[str, int, int]]:
    """BuildKit's parseWords: split on whitespace outside quotes; words stay raw."""
    text, z = ins.line.text, ins.rest_index + len(ins.rest)
    words = []
    i = ins.rest_index
    while i < z:
        while i < z and go_space(text[i]):
            i += 1
        if i >= z:
            break
        w = i
        buf = []
        quote = ""
        while i < z:
            c = text[i]
            if quote:
                if c == quote:
                    quote = ""
                elif c == escape and quote != "'":
                    if i + 1 == z:
                        i += 1
                        quote = ""
                        continue
                    buf.append(c)
                    i += 1
                    c = text[i]
                buf.append(c)
                i += 1
                continue
            if go_space(c):
                break
            if c in "'\"":
                quote = c
            if c == escape:
                if i + 1 == z:
                    i += 1
                    continue
                buf.append(c)
                i += 1
                c = text[i]
            buf.append(c)
            i += 1
        words.append(("".join(buf), w, i))
    return words


def _parse_name_val(ins: Instruction, state: _State) -> None:
    words = _parse_words(ins, state.escape)
    if not words:
        return
    if "=" not in words[0][0]:
        text, z = ins.line.text, ins.rest_index + len(ins.rest)
        m = ASCII_WS_RUN.search(text, ins.rest_index, z)
        if m is None:
            s, e = ins.span_in_line(ins.rest_index, z)
            state.errors.append(ParseError("missing-value", f"{ins.keyword} must have two arguments", s, e))
            key = _word(ins, ins.rest, ins.rest_index, z)
            ins.pairs = (KeyValue(key, None, False),)
            ins.args = (ins.rest,)
            return
        key = _word(ins, text[ins.rest_index:m.start()], ins.rest_index, m.start())
        value = _word(ins, text[m.end():z], m.end(), z)
        ins.pairs = (KeyValue(key, value, False),)
        ins.args = (key.value, value.value, "")
        return
    pairs, args = [], []
    for value, a, b in words:
        if "=" not in value:
            s, e = ins.span_in_line(a, b)
            state.errors.append(ParseError("missing-equals", f"Syntax error - can't find = in {value!r}. Must be of the form: name=value", s, e))
            continue
        k, _, v = value.partition("=")
        eq = ins.line.text.index("=", a)
        pairs.append(KeyValue(_word(ins, k, a, eq), _word(ins, v, eq + 1, b), True))
        args += [k, v, "="]
    ins.pairs = tuple(pairs)
    ins.args = tuple(args)


def _parse_name_or_name_val(ins: Instruction, state: _State) -> None:
    words = _parse_words(ins, state.escape)
    ins.args = tuple(w for w, _, _ in words)
    ins.words = tuple(_word(ins, w, a, b) for w, a, b in words)
    pairs = []
    for value, a, b in words:
        k, eq, v = value.partition("=")
        if eq:
            e = ins.line.text.index("=", a)
            pairs.append(KeyValue(_word(ins, k, a, e), _word(ins, v, e + 1, b), True))
        else:
            pairs.append(KeyValue(_word(ins, k, a, b), None, False))
    ins.pairs = tuple(pairs)


def _parse_onbuild(ins: Instruction, state: _State) -> None:
    if not ins.rest:
        return
    sub = _instruction(ins.line, ins.rest_index, state)
    if sub is not None:
        ins.sub = sub
        ins.args = (sub.keyword,) + sub.args


_DISPATCH = {
    "ADD": _parse_maybe_json_to_list, "COPY": _parse_maybe_json_to_list,
    "VOLUME": _parse_maybe_json_to_list,
    "ARG": _parse_name_or_name_val,
    "CMD": _parse_maybe_json, "ENTRYPOINT": _parse_maybe_json, "RUN": _parse_maybe_json,
    "SHELL": _parse_maybe_json,
    "ENV": _parse_name_val, "LABEL": _parse_name_val,
    "EXPOSE": _parse_whitespace_delimited, "FROM": _parse_whitespace_delimited,
    "HEALTHCHECK": _parse_health,
    "MAINTAINER": _parse_string, "STOPSIGNAL": _parse_string, "USER": _parse_string,
    "WORKDIR": _parse_string,
    "ONBUILD": _parse_onbuild,
}
