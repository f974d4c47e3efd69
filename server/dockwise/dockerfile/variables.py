"""BuildKit's word expansion: quotes, escapes and `$VAR` / `${VAR…}` forms.

Used wherever BuildKit expands variables (FROM, COPY/ADD, ENV, ARG, LABEL, WORKDIR, USER, …).
The result says which names were referenced but unknown, so rules can tell "resolved" from
"depends on a build argument".
"""

from __future__ import annotations

from dataclasses import dataclass, field


# Limits where the language allows blow-up: `ARG A2=${A1}${A1}` doubles at each step, and
# `${a:-${a:-…}}` nests without end. BuildKit has none; a real Dockerfile is far below both.
MAX_VALUE = 64 * 1024     # characters of one expanded word (longer: cut, `truncated`)
MAX_NESTING = 32          # `${…}` inside `${…}`: deeper ones are kept as written


@dataclass(slots=True)
class Expanded:
    value: str
    used: set[str] = field(default_factory=set)       # every variable referenced
    unknown: set[str] = field(default_factory=set)    # referenced but not defined
    dynamic: set[str] = field(default_factory=set)    # defined, but only known at build time
                                                      # (`ARG V` without default, TARGETARCH…)
    truncated: bool = False                           # cut at MAX_VALUE or MAX_NESTING


def _name_end(s: str, i: int) -> int:
    while i < len(s) and (s[i].isalnum() or s[i] == "_"):
        i += 1
    return i


def is_plain(word: str, escape: str = "\\") -> bool:
    """No variable, quote or escape: `expand` gives the word back unchanged (most words)."""
    return "$" not in word and "'" not in word and '"' not in word and escape not in word


def expand(word: str, env: dict[str, str | None], escape: str = "\\", _depth: int = 0) -> Expanded:
    """Expand one word as BuildKit's shell lexer does (quotes removed)."""
    if is_plain(word, escape):
        return Expanded(word)  # skip the character-by-character scan
    out = Expanded("")
    buf: list[str] = []
    i, n = 0, len(word)
    quote = ""
    size = 0  # characters in buf, checked against MAX_VALUE at each variable
    while i < n:
        c = word[i]
        if quote == "'":
            if c == "'":
                quote = ""
            else:
                buf.append(c)
            i += 1
            continue
        if c == escape:
            if i + 1 < n:
                nxt = word[i + 1]
                if quote == '"' and nxt not in ('"', "$", escape):
                    buf.append(c)
                buf.append(nxt)
                i += 2
            else:
                i += 1
            continue
        if c == "'" and not quote:
            quote = "'"
            i += 1
            continue
        if c == '"':
            quote = "" if quote == '"' else '"'
            i += 1
            continue
        if c == "$":
            before = len(buf)
            i = _dollar(word, i, env, escape, buf, out, _depth)
            size += sum(len(x) for x in buf[before:])
            if size > MAX_VALUE:
                out.truncated = True
                break
            continue
        buf.append(c)
        size += 1
        i += 1
    out.value = "".join(buf)[:MAX_VALUE] if out.truncated else "".join(buf)
    return out


def _lookup(name: str, env: dict[str, str | None], out: Expanded) -> str | None:
    out.used.add(name)
    if name in env:
        value = env[name]
        if value is None:
            out.dynamic.add(name)
        return value
    out.unknown.add(name)
    return None


def _dollar(s: str, i: int, env, escape, buf: list[str], out: Expanded, nesting: int = 0) -> int:
    n = len(s)
    if i + 1 >= n:
        buf.append("$")
        return i + 1
    c = s[i + 1]
    if c == "{":
        j = _name_end(s, i + 2)
        name = s[i + 2:j]
        if not name:
            buf.append("${")
            return i + 2
        if j < n and s[j] == "}":
            value = _lookup(name, env, out)
            buf.append(value or "")
            return j + 1
        # ${NAME<op>word}
        depth, k = 1, j
        while k < n and depth:
            if s[k] == "{":
                depth += 1
            elif s[k] == "}":
                depth -= 1
                if depth == 0:
                    break
            k += 1
        body = s[j:k]
        value = _lookup(name, env, out)
        if nesting >= MAX_NESTING:
            out.truncated = True
            buf.append(s[i:k + 1])
            return k + 1
        for op in (":-", ":+", ":?", "-", "+", "?"):
            if body.startswith(op):
                arg = expand(body[len(op):], env, escape, nesting + 1)
                out.used |= arg.used
                out.truncated |= arg.truncated
                unset_or_empty = not value if op.startswith(":") else value is None and name not in env
                base = op[-1]
                if base == "-":
                    buf.append(arg.value if unset_or_empty else (value or ""))
                    if unset_or_empty:
                        out.unknown |= arg.unknown
                        out.dynamic |= arg.dynamic
                        out.unknown.discard(name)
                elif base == "+":
                    buf.append("" if unset_or_empty else arg.value)
                    out.unknown.discard(name)
                else:
                    buf.append(value or "")
                break
        else:
            buf.append(value or "")  # ${NAME#pat} and friends: keep the value, pattern ignored
        return k + 1
    if c.isalpha() or c == "_":
        j = _name_end(s, i + 1)
        buf.append(_lookup(s[i + 1:j], env, out) or "")
        return j
    buf.append("$")
    return i + 1


def unquote(word: str, escape: str = "\\") -> str:
    """Quotes and escapes removed, variables left as written."""
    return expand(word.replace("$", "\x00"), {}, escape).value.replace("\x00", "$")
