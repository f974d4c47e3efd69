"""Decoded text plus a line index: offsets <-> (line, column), and how the bytes were encoded.

Everything in the core speaks in character offsets into `Source.text`. The text keeps CRLF
and a BOM exactly as read, so that fixes can be written back byte-for-byte.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .lazy_regex import lazy_compile

BOM = "\ufeff"
_NEWLINE = lazy_compile("\n")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    had_bom: bool
    invalid_utf8: bool  # bytes that were not UTF-8 were replaced with U+FFFD
    binary: bool        # NUL bytes: most likely not a text file


def decode(data: bytes) -> Decoded:
    """Decode file bytes as UTF-8; never raises. The BOM stays in the text (offsets count it)."""
    binary = b"\x00" in data[:8192]
    try:
        text = data.decode("utf-8")
        invalid = False
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        invalid = True
    return Decoded(text, text.startswith(BOM), invalid, binary)


class Source:
    """Text with a lazily built index of line starts."""

    __slots__ = ("text", "_line_starts")

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts: list[int] | None = None

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0, *[m.end() for m in _NEWLINE.finditer(self.text)]]
        return self._line_starts

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, column in characters) of an offset."""
        starts = self.line_starts
        line = bisect_right(starts, offset) - 1
        return line, offset - starts[line]

    def offset(self, line: int, column: int) -> int:
        starts = self.line_starts
        if line >= len(starts):
            return len(self.text)
        return min(starts[line] + column, self.line_end(line))

    def line_end(self, line: int) -> int:
        """Offset of the end of a line's content (before '\\r\\n' or '\\n')."""
        starts = self.line_starts
        end = starts[line + 1] - 1 if line + 1 < len(starts) else len(self.text)
        if end > starts[line] and self.text[end - 1] == "\r" and end < len(self.text) + 1:
            if end == len(self.text) or self.text[end] == "\n":
                end -= 1
        return end

    def line_text(self, line: int) -> str:
        return self.text[self.line_starts[line]:self.line_end(line)]

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    @property
    def newline(self) -> str:
        """The file's own line ending, for inserted lines."""
        i = self.text.find("\n")
        return "\r\n" if i > 0 and self.text[i - 1] == "\r" else "\n"


def common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix (bisection: slice compares run at C speed)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the longest common suffix, at most `limit`."""
    lo, hi = 0, min(limit, len(a), len(b))
    la, lb = len(a), len(b)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[la - mid:la - lo] == b[lb - mid:lb - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo
