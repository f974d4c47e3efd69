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
from itertools import accumulate

from ..source import BOM, Source
from .joined import Joined
from .model import Comment, Dockerfile, Flag, Heredoc, Instruction, KeyValue, ParseError, Word
from .stages import link_stages

KNOWN = frozenset({
    "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
    "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
})
HEREDOC_KEYWORDS = frozenset({"RUN", "COPY", "ADD"})
DIRECTIVE_RE = re.compile(r"^#[ \t\n\f\r]*([a-zA-Z][a-zA-Z0-9]*)[ \t\n\f\r]*=[ \t\n\f\r]*(.+?)[ \t\n\f\r]*$")
DIRECTIVES = frozenset({"syntax", "escape", "check"})
ASCII_WS = "\t\v\f\r "                     # BuildKit's reWhitespace: [\t\v\f\r ]+
ASCII_WS_RUN = re.compile(f"[{ASCII_WS}]+")
HEREDOC_RE = re.compile(r"^(\d*)<<(-?)([^<]*)$")
JSON_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_JSON = json.JSONDecoder(parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))


# Go's unicode.IsSpace, as a set and as a regex class (Python's isspace and `\s` also count
# \x1c-\x1f, which Go does not).
_GO_WS = "\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_GO_SPACES = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
                       + "".join(map(chr, range(0x2000, 0x200b))))
_GO_WS_RUN = re.compile(f"[{_GO_WS}]*")
_GO_WORD = re.compile(f"[^{_GO_WS}]*")
_ASCII_WORD = re.compile(f"[^{ASCII_WS}]+")
# blanks, the keyword (up to ASCII whitespace), then the blanks before flags or arguments
_HEAD = re.compile(f"[{_GO_WS}]*([^{ASCII_WS}]*)[{_GO_WS}]*")
_PLAIN_FLAG = re.compile(f"[^{_GO_WS}'\"\\\\]*")  # a flag word without quotes or backslashes


def go_lstrip_len(s: str, i: int = 0, end: int | None = None) -> int:
    m = _GO_WS_RUN.match(s, i, len(s) if end is None else end)
    return m.end() if m is not None else i  # None: i is already past end


def go_rstrip_len(s: str, begin: int, end: int) -> int:
    while end > begin and s[end - 1] in _GO_SPACES:
        end -= 1
    return end


def _plain_continuations(esc: str) -> tuple[re.Pattern, re.Pattern]:
    """Regexes to read the common continuation lines many at a time.

    The first matches a run of whole lines that end right in the escape character. Such a
    line continues the instruction (`_State.continuation`) unless the escape is itself escaped
    or the line is a comment: the second finds those, so that the run can stop before them."""
    e = re.escape(esc)
    run = re.compile(rf"(?:[^\n]*{e}\n)*")
    blank = _GO_WS.replace("\n", "")
    odd = re.compile(rf"^[{blank}]*#|{e}{e}\n", re.MULTILINE)
    return run, odd


_PLAIN_CONTINUATIONS = {"\\": _plain_continuations("\\"), "`": _plain_continuations("`")}


def _word_pattern(esc: str) -> re.Pattern:
    """One word of BuildKit's parseWords, kept raw: quotes may hold blanks, the escape character
    takes the next character with it, and a lone escape at the very end is dropped (the
    `drop` groups)."""
    e = re.escape(esc)
    return re.compile(
        rf"(?:[^{_GO_WS}'\"{e}]+"
        rf"|{e}[\s\S]"
        rf"|\"(?:[^\"{e}]+|{e}[\s\S])*(?:\"|(?P<qdrop>{e})?\Z)"
        rf"|'[^']*(?:'|\Z)"
        rf"|(?P<drop>{e})\Z)+")


_WORD = {"\\": _word_pattern("\\"), "`": _word_pattern("`")}


class _Lines:
    """Physical lines: content bounds without the line ending, as Go's trimNewline sees them."""

    __slots__ = ("text", "starts", "count")

    def __init__(self, text: str, starts: list[int]) -> None:
        self.text = text
        self.starts = starts
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

    def __init__(self, escape: str = "\\", directives: dict[str, tuple[str, int, int]] | None = None) -> None:
        """A scan from the top, or (given the parser directives read there) one resumed after them."""
        self.escape = escape
        self.directives_done = directives is not None
        self.directives: dict[str, tuple[str, int, int]] = dict(directives) if directives is not None else {}
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


def parse(text: str, *, resume_from: Dockerfile | None = None,
          edit: tuple[int, int, int] | None = None) -> Dockerfile:
    """The model of `text`, its stages linked.

    With `resume_from` (the model of the text before one edit) and `edit` = (start, old_end,
    new_len) (the edit replaced `[start, old_end)` of the old text with the `new_len`
    characters at `start`), only the instructions the edit touched are read again
    (`dockerfile.incremental`): the model equals a fresh parse of `text`."""
    if resume_from is not None and edit is not None:
        from .incremental import resume
        return resume(resume_from, text, *edit)
    source = Source(text)
    lines = _Lines(text, source.line_starts)
    state = _State()
    instructions: list[Instruction] = []
    comments: list[Comment] = []
    directives_end = _scan(lines, 0, state, instructions, comments)
    for k, ins in enumerate(instructions):
        ins.index = k
    df = Dockerfile(source, instructions, comments, state.directives, state.errors,
                    escape=state.escape, directives_end=directives_end,
                    had_bom=text.startswith(BOM))
    link_stages(df)
    return df


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
    starts = lines.starts
    n = lines.count
    last = len(starts) - 1
    size = len(text)
    pending: list[Comment] = []
    directives_end = 0
    while i < n:
        # the line's bounds, as _Lines.bounds gives them (inlined: this runs for every line)
        start = starts[i]
        end = starts[i + 1] - 1 if i < last else size  # without its "\n"
        while end > start and text[end - 1] == "\r":
            end -= 1
        if i == 0 and text.startswith(BOM):
            start += 1
            end = max(end, start)
        if stop_at is not None and start >= stop_at and not pending:
            return -i - 1  # tell the caller where we stopped (encoded as negative)
        if start < end and text[start] not in _GO_SPACES:
            lead = start  # most lines start at their first column
        else:
            lead = _GO_WS_RUN.match(text, start, end).end()
        i += 1
        if lead < end and text[lead] == "#":
            comment = Comment(text[lead + 1:end].strip(), lead, end, i - 1)
            comments.append(comment)
            if not state.directives_done and _directive(state, text[lead:end], lead):
                directives_end = starts[i] if i < len(starts) else size
            else:
                pending.append(comment)
            continue
        state.directives_done = True  # anything but a comment ends the directives block
        if lead == end:
            pending = []  # a blank line detaches comments from the next instruction
            continue
        # state.continuation(text, lead, end), with its common cases first
        esc = state.escape
        c = text[end - 1]
        if c == esc:
            cut = end - 1 if end - 1 == lead or text[end - 2] != esc else -1
        elif c == " " or c == "\t":
            cut = state.continuation(text, lead, end)
        else:
            cut = -1
        first = text[lead:end if cut < 0 else cut]
        if cut < 0:  # one physical line
            ins = _instruction(Joined(first, ONE_PIECE, (lead,)), 0, state)
            last_end = end
        else:
            last_end, i, line, empty_continuation = _continued(lines, i, state, first, lead, end, comments)
            ins = _instruction(line, 0, state)
            if ins is not None and empty_continuation:
                ins.empty_continuation = True
        if ins is None:
            continue
        ins.head = start
        ins.tail = starts[i - 1]
        ins.end = last_end
        if pending:
            ins.comments = tuple(pending)
            pending = []
        if "<<" in ins.line.text:  # (checked first: it is rare)
            i = _heredocs(lines, i, ins, state)
        out.append(ins)
    return directives_end


def _heredocs(lines: _Lines, i: int, ins: Instruction, state: _State) -> int:
    """Read the bodies of the instruction's heredocs from line i on; returns the next line."""
    carrier = ins.sub if ins.keyword == "ONBUILD" and ins.sub is not None else ins
    if carrier.keyword not in HEREDOC_KEYWORDS or carrier.json:
        return i
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
    return i


def _continued(lines: _Lines, i: int, state: _State, first: str, lead: int, end: int,
               comments: list[Comment]) -> tuple[int, int, Joined, bool]:
    """Read the lines that continue an instruction whose first piece `first` (from `lead`,
    line content ending at `end`) ends with the escape character; from line i on.

    Returns the content end of the last line read, the next line, the joined text and whether
    an empty line was skipped. Comment lines in between go to `comments`."""
    text = lines.text
    starts = lines.starts
    n = lines.count
    last = len(starts) - 1
    esc = state.escape
    plain_run, plain_odd = _PLAIN_CONTINUATIONS[esc]
    plain_end = esc + "\n"
    texts = [first]
    sources = [lead]
    empty_continuation = False
    cut = 0
    while cut >= 0 and i < n:
        s2 = starts[i]
        # (only worth a try when this line ends right in the escape)
        run_end = plain_run.match(text, s2).end() if i < last and text[starts[i + 1] - 2] == esc else s2
        if run_end > s2:
            run = text[s2:run_end]
            if "#" in run or esc + plain_end in run:
                odd = plain_odd.search(text, s2, run_end)
                if odd is not None:  # stop before that line
                    run_end = text.rfind("\n", s2, odd.start()) + 1
                    run = text[s2:run_end]
        if run_end > s2:  # whole lines at once: each piece is its line without `escape\n`
            pieces = run.split(plain_end)
            pieces.pop()  # (the run ends with `escape\n`: an empty string after it)
            texts += pieces
            sources += starts[i:i + len(pieces)]
            i += len(pieces)
            end = run_end - 1
            continue
        end = starts[i + 1] - 1 if i < last else len(text)
        while end > s2 and text[end - 1] == "\r":
            end -= 1
        i += 1
        l2 = _GO_WS_RUN.match(text, s2, end).end()
        if l2 == end:
            empty_continuation = True
            continue
        if text[l2] == "#":
            comments.append(Comment(text[l2 + 1:end].strip(), l2, end, i - 1))
            continue
        cut = state.continuation(text, s2, end)
        texts.append(text[s2:end if cut < 0 else cut])
        sources.append(s2)
    offsets = list(accumulate(map(len, texts), initial=0))
    offsets.pop()
    return end, i, Joined("".join(texts), offsets, sources), empty_continuation


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


# A word of BuildKit's shell lexer with RawQuotes/RawEscapes, kept raw: quotes may hold blanks,
# a backslash takes the next character along (in double quotes too, not in single quotes).
_SHELL_WORD = re.compile(
    rf"(?:[^{_GO_WS}'\"\\]|\\[\s\S]?"
    rf"|\"(?:[^\"\\]|\\[\s\S]?)*(?:\"|\Z)"
    rf"|'[^']*(?:'|\Z))+")


def _heredoc_markers(ins: Instruction):
    text = ins.line.text
    for word in _SHELL_WORD.finditer(text):
        w, e = word.span()
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


_KEYWORDS: dict[str, tuple[str, str]] = {}  # as written -> (as written, upper case), known keywords only
ONE_PIECE = (0,)  # the `starts` of every one-line instruction's Joined; its `sources` is a tuple too (never modified)


def _instruction(line: Joined, begin: int, state: _State) -> Instruction | None:
    """BuildKit's newNodeFromLine over line.text[begin:]."""
    text = line.text
    z = len(text)
    if z and text[-1] in _GO_SPACES:
        z = go_rstrip_len(text, begin, z)
    m = _HEAD.match(text, begin, z)
    a, k = m.span(1)
    if a >= z:
        return None
    raw_keyword = m.group(1)
    known = _KEYWORDS.get(raw_keyword)
    if known is not None:  # one string per spelling, not two per instruction
        raw_keyword, keyword = known
    else:
        keyword = raw_keyword.upper()
        if keyword in _DISPATCH and len(_KEYWORDS) < 256:
            _KEYWORDS[raw_keyword] = (raw_keyword, keyword)
    rest_index = m.end()
    flags = ()
    if text.startswith("--", rest_index):
        flags, rest_index = _extract_flags(line, rest_index, z)
        rest_index = go_lstrip_len(text, rest_index, z)
    rest = text[rest_index:z]
    if len(line.starts) == 1:
        base = line.sources[0]
        ks, ke, end = base + a if a else base, base + k, base + z  # (the line's own int at column 0)
    else:
        ks, ke, end = line.to_source(a), line.end_to_source(k), line.end_to_source(z)
    ins = Instruction(keyword, raw_keyword, ks, end, ke, line, flags, rest, rest_index)
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
        i = go_lstrip_len(text, i, end)
        if i >= end or not text.startswith("--", i) or i + 1 >= end:
            return tuple(flags), i
        w = i
        i = _PLAIN_FLAG.match(text, i, end).end()
        if i < end and text[i] not in _GO_SPACES:  # a quote or a backslash
            value, i = _flag_word(text, w, end)
        else:
            value = text[w:i]
        if value == "--":
            return tuple(flags), i
        # (the word starts with "--", so its value is never empty)
        name, eq, val = value[2:].partition("=")
        ws, we = line.to_source(w), line.end_to_source(i)
        vi = text.find("=", w, i)
        vs = line.to_source(vi + 1) if vi >= 0 else we
        flags.append(Flag(name, val if eq else None, ws, we, vs, we))


def _flag_word(text: str, i: int, end: int) -> tuple[str, int]:
    """One flag word from i with quotes removed and backslash escapes processed; (value, end)."""
    word = []
    quote = ""
    while i < end:
        c = text[i]
        if quote and c == quote:
            quote = ""
            i += 1
            continue
        if not quote:
            if c in _GO_SPACES:
                break
            if c in "'\"":
                quote = c
                i += 1
                continue
        if c == "\\":  # escapes the next character, inside quotes too; a trailing one is dropped
            i += 1
            if i == end:
                continue
            c = text[i]
        word.append(c)
        i += 1
    return "".join(word), i


def _word(line: Joined, value: str, i: int, j: int) -> Word:
    """The Word for `line.text[i:j]`."""
    if len(line.starts) == 1:
        base = line.sources[0]
        return Word(value, base + i, base + j)
    return Word(value, line.to_source(i), line.end_to_source(j))


def _words(line: Joined, found) -> list[Word]:
    """Words for (value, i, j) items: `value` read from `line.text[i:j]`."""
    if len(line.starts) == 1:  # one piece: offsets move by a constant
        base = line.sources[0]
        return [Word(v, base + i, base + j) for v, i, j in found]
    return [Word(v, line.to_source(i), line.end_to_source(j)) for v, i, j in found]


def _matched_words(line: Joined, found) -> list[Word]:
    """Words for regex matches over `line.text`."""
    if len(line.starts) == 1:
        base = line.sources[0]
        return [Word(m.group(), base + m.start(), base + m.end()) for m in found]
    return [Word(m.group(), line.to_source(m.start()), line.end_to_source(m.end())) for m in found]


def _parse_string(ins: Instruction, state: _State) -> None:
    if ins.rest:
        ins.args = (ins.rest,)
        ins.words = (_word(ins.line, ins.rest, ins.rest_index, ins.rest_index + len(ins.rest)),)


def _parse_whitespace_delimited(ins: Instruction, state: _State) -> None:
    line = ins.line
    words = _matched_words(line, _ASCII_WORD.finditer(line.text, ins.rest_index, ins.rest_index + len(ins.rest)))
    ins.args = tuple([w.value for w in words])
    ins.words = tuple(words)


def _try_json(ins: Instruction, begin: int, state: _State) -> bool | None:
    """True: JSON array of strings (args set); False: not JSON; None: JSON with non-strings.

    `begin` is never on a blank (callers pass an already stripped position)."""
    text = ins.line.text
    z = ins.rest_index + len(ins.rest)
    if begin >= z or text[begin] != "[":
        return False
    try:
        value, stop = _JSON.raw_decode(text[begin:z])
    except ValueError:
        return False
    if not isinstance(value, list):
        return False
    if not all(isinstance(v, str) for v in value):
        s, e = ins.span_in_line(begin, z)
        state.errors.append(ParseError("json-not-strings", "when using JSON array syntax, arrays must be comprised of strings only", s, e))
        return None
    found = JSON_STRING_RE.finditer(text, begin, begin + stop)
    words = _words(ins.line, [(v, m.start(), m.end()) for m, v in zip(found, value)])
    ins.json = True
    ins.args = ins.args + tuple(value)
    ins.words = ins.words + tuple(words)
    return True


def _parse_maybe_json(ins: Instruction, state: _State) -> None:
    rest = ins.rest
    if rest and (rest[0] != "[" or _try_json(ins, ins.rest_index, state) is False):
        _parse_string(ins, state)


def _parse_maybe_json_to_list(ins: Instruction, state: _State) -> None:
    if not ins.rest.startswith("[") or _try_json(ins, ins.rest_index, state) is False:
        _parse_whitespace_delimited(ins, state)


def _parse_health(ins: Instruction, state: _State) -> None:
    text, z = ins.line.text, ins.rest_index + len(ins.rest)
    i = _GO_WORD.match(text, ins.rest_index, z).end()
    if i == ins.rest_index:
        return
    ins.args = (text[ins.rest_index:i],)
    ins.words = (_word(ins.line, ins.args[0], ins.rest_index, i),)
    j = go_lstrip_len(text, i, z)
    if j < z and _try_json(ins, j, state) is False:
        ins.args += (text[j:z],)
        ins.words += (_word(ins.line, text[j:z], j, z),)


def _parse_words(ins: Instruction, escape: str) -> list[tuple[str, int, int]]:
    """BuildKit's parseWords: split on whitespace outside quotes; words stay raw."""
    text, z = ins.line.text, ins.rest_index + len(ins.rest)
    pattern = _WORD[escape]
    words = [(m.group(), m.start(), m.end()) for m in pattern.finditer(text, ins.rest_index, z)]
    if words and text[z - 1] == escape:
        value, a, b = words[-1]
        m = pattern.match(text, a, z)
        if m.group("drop") or m.group("qdrop"):
            words[-1] = (value[:-1], a, b)  # BuildKit drops an escape that has nothing left to escape
    return words


def _parse_name_val(ins: Instruction, state: _State) -> None:
    if not ins.rest:
        return
    line = ins.line
    text, z = line.text, ins.rest_index + len(ins.rest)
    if "=" not in _WORD[state.escape].match(text, ins.rest_index, z).group():
        # the legacy `KEY value` form (the first word decides: no need to split the others)
        m = ASCII_WS_RUN.search(text, ins.rest_index, z)
        if m is None:
            s, e = ins.span_in_line(ins.rest_index, z)
            state.errors.append(ParseError("missing-value", f"{ins.keyword} must have two arguments", s, e))
            key = _word(line, ins.rest, ins.rest_index, z)
            ins.pairs = (KeyValue(key, None, False),)
            ins.args = (ins.rest,)
            return
        key = _word(line, text[ins.rest_index:m.start()], ins.rest_index, m.start())
        value = _word(line, text[m.end():z], m.end(), z)
        ins.pairs = (KeyValue(key, value, False),)
        ins.args = (key.value, value.value, "")
        return
    found, args = [], []
    for value, a, b in _parse_words(ins, state.escape):
        if "=" not in value:
            s, e = ins.span_in_line(a, b)
            state.errors.append(ParseError("missing-equals", f"Syntax error - can't find = in {value!r}. Must be of the form: name=value", s, e))
            continue
        k, _, v = value.partition("=")
        eq = a + len(k)  # the value is the raw text from a on
        found += [(k, a, eq), (v, eq + 1, b)]
        args += [k, v, "="]
    kv = _words(line, found)
    ins.pairs = tuple([KeyValue(kv[n], kv[n + 1], True) for n in range(0, len(kv), 2)])
    ins.args = tuple(args)


def _parse_name_or_name_val(ins: Instruction, state: _State) -> None:
    words = _parse_words(ins, state.escape)
    line = ins.line
    ins.args = tuple([w for w, _, _ in words])
    ins.words = tuple(_words(line, words))
    pairs = []
    for value, a, b in words:
        k, eq, v = value.partition("=")
        if eq:
            e = a + len(k)  # the value is the raw text from a on
            pairs.append(KeyValue(_word(line, k, a, e), _word(line, v, e + 1, b), True))
        else:
            pairs.append(KeyValue(_word(line, k, a, b), None, False))
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
