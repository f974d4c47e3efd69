"""Regular expressions compiled on first use instead of when their module is imported.

A one-file `dockwise check` uses few of the package's module-level patterns; compiling all of
them at import cost ~15 ms of every start. `lazy_compile` stands in for `re.compile` at module
level: the pattern is compiled the first time one of its methods or attributes is used, and from
then on those are the compiled pattern's own, so a hot loop pays nothing extra. A lazy pattern
is used like a compiled one (`.match`, `.sub`, `.pattern`, ...); it is not a `re.Pattern`, so it
cannot be handed to `re.match(pattern, ...)` and the like."""

from __future__ import annotations

import re

_FORWARDED = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer",
              "scanner", "flags", "groups", "groupindex")


class LazyPattern:
    def __init__(self, pattern: str | bytes, flags: int = 0):
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str):
        """Only reached for attributes not set yet: the first use compiles the pattern and keeps
        the compiled pattern's methods and attributes on this object."""
        if name.startswith("__") or name not in _FORWARDED:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for attr in _FORWARDED:
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self._flags})"


def lazy_compile(pattern: str | bytes, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)`, compiled when first used."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]  # used as a re.Pattern
