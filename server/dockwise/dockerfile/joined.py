"""Continuation-joined text that remembers where each character came from."""

from __future__ import annotations

from bisect import bisect_right


class Joined:
    """Pieces of source text glued together; index i of `text` maps back to a source offset.

    `starts[k]` is the index in `text` where piece k begins and `sources[k]` its source offset.
    """

    __slots__ = ("text", "starts", "sources")

    def __init__(self, pieces: list[tuple[str, int]] = ()) -> None:
        starts, sources, texts = [], [], []
        n = 0
        for piece, source_start in pieces:
            starts.append(n)
            sources.append(source_start)
            texts.append(piece)
            n += len(piece)
        self.text = "".join(texts)
        self.starts = starts
        self.sources = sources

    def to_source(self, i: int) -> int:
        """Source offset of text[i] (i == len(text) maps to just after the last character)."""
        if not self.starts:
            return 0
        if len(self.starts) == 1:  # one physical line: no search needed
            return self.sources[0] + i
        k = bisect_right(self.starts, i) - 1
        if k < 0:
            k = 0
        return self.sources[k] + (i - self.starts[k])

    def end_to_source(self, j: int) -> int:
        """Source offset just after text[j-1]: an exclusive end never jumps into the next piece."""
        if j <= 0:
            return self.to_source(0)
        return self.to_source(j - 1) + 1

    def shifted(self, delta: int) -> "Joined":
        j = Joined()
        j.text = self.text
        j.starts = self.starts
        j.sources = [s + delta for s in self.sources]
        return j
