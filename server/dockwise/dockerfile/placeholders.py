"""Placeholders of other template tools that look like Dockerfile variables.

Dev container templates write `${templateOption:imageVariant}`, filled in by their own tool
before any build. Docker's `${name:…}` only knows the modifiers `:-`, `:+` and `:?`, so a
name followed by `:` and anything else is not a build variable, and rules about variables
must not report it as an undefined one.
"""

from __future__ import annotations

from ..lazy_regex import lazy_compile

_FOREIGN = lazy_compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*):[^-+?}]")


def foreign_placeholder_names(text: str) -> set[str]:
    """Names used as `${name:word}` placeholders of another template tool."""
    if "${" not in text:
        return set()
    return set(_FOREIGN.findall(text))
