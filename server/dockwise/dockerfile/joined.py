"""Continuation-joined text that remembers where each character came from."""

from __future__ import annotations

from bisect import bisect_right


class Joined:
    """Pieces of source text glued together; index i of `text` maps back to a source offset.

    `starts[k]` is the index in `text` where piece k begins and `sources[k]` its source offset.
    """

    __slots__ = ("text", "starts", "sources")

    def __init__(self, text: str = "", starts: list[int] | None = None, sources: list[int] | None = None) -> None:
        self.text = text
        self.starts = [] if starts is None else starts
        self.sources = [] if sources is None else sources

    def to_source(self, i: int) -> int:
        """Source offset of text[i] (i == len(text) maps to just after the last character)."""
        starts = self.starts
        if len(starts) == 1:  # one physical line: no search needed
            return self.sources[0] + i
        if not starts:
            return 0
        k = bisect_right(starts, i, 1) - 1  # (lo=1: an index before the text maps through piece 0)
        return self.sources[k] + (i - starts[k])

    def end_to_source(self, j: int) -> int:
        """Source offset just after text[j-1]: an exclusive end never jumps into the next piece."""
        if j <= 0:
            return self.to_source(0)
        starts = self.starts
        if len(starts) == 1:
            return self.sources[0] + j
        if not starts:
            return 1
        k = bisect_right(starts, j - 1, 1) - 1  # the piece holding text[j-1]
        return self.sources[k] + (j - starts[k])

    def shifted(self, delta: int) -> "Joined":
        return Joined(self.text, self.starts, [s + delta for s in self.sources])
