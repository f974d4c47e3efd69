"""What a rule reports: a diagnostic with an exact span and, maybe, a fix made of text edits.

Positions are character offsets into the decoded text (str indices). Conversion to
line/column goes through `dockwise.source.Source`; conversion to LSP's UTF-16 lives in the
language-server adapter only.
"""

from __future__ import annotations

import enum
import sys
from dataclasses import MISSING, dataclass, field, fields


class Severity(enum.IntEnum):
    """Ordered so that `severity >= threshold` means "at least this bad"."""

    STYLE = 1
    INFO = 2
    WARNING = 3
    ERROR = 4

    @classmethod
    def parse(cls, name: str) -> "Severity":
        key = name.strip().lower()
        aliases = {"style": cls.STYLE, "info": cls.INFO, "warning": cls.WARNING, "error": cls.ERROR,
                   "hint": cls.STYLE, "information": cls.INFO, "warn": cls.WARNING}
        if key not in aliases:
            raise ValueError(f"unknown severity {name!r} (expected error, warning, info or style)")
        return aliases[key]

    @property
    def label(self) -> str:
        return self.name.lower()


class Applicability(enum.Enum):
    """How far a fix may be trusted (ruff's model)."""

    SAFE = "safe"              # keeps meaning: --fix, fix-on-save, fix-all
    UNSAFE = "unsafe"          # may change behaviour: only with --unsafe-fixes or when chosen
    SUGGESTION = "suggestion"  # shown, never applied in bulk


class Category(enum.Enum):
    SIZE = "size"
    SECURITY = "security"
    CACHE = "cache"
    CORRECTNESS = "correctness"
    MAINTAINABILITY = "maintainability"


# The styles of alternative fixes a user may prefer (`prefer-fixes` in the configuration,
# `--prefer-fix` on the command line) to a finding's own fix.
FIX_KINDS = {
    "cache-mount": "a BuildKit cache mount instead of deleting a package manager's cache",
    "secret-mount": "a BuildKit secret mount instead of a secret in a layer",
    "bind-mount": "a BuildKit bind mount instead of copying a file used only while building",
}


class FixAvailability(enum.Enum):
    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


def _pickled_by_fields(cls):
    """Pickle instances as their constructor's arguments: parallel checks send thousands of
    them between processes, and the default way for slotted classes loads much slower."""
    names = tuple(f.name for f in fields(cls))

    def __reduce__(self):
        return cls, tuple(getattr(self, n) for n in names)

    cls.__reduce__ = __reduce__
    return cls


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] with `text` (start == end inserts, empty text deletes)."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if 0 < len(self.text) <= 64:  # the same short text repeats (` && \` on each of 100,000 RUNs): one copy
            object.__setattr__(self, "text", sys.intern(self.text))

    @staticmethod
    def insert(at: int, text: str) -> "Edit":
        return Edit(at, at, text)

    @staticmethod
    def delete(start: int, end: int) -> "Edit":
        return Edit(start, end, "")


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Fix:
    """A titled set of sorted, non-overlapping edits to one file.

    `other_files` carries edits to other files (e.g. a pattern added to .dockerignore):
    a mapping from path to (edits, create_if_missing). `kind` names the style of an
    alternative fix (one of FIX_KINDS), by which a user prefers it to the finding's own fix.
    """

    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE
    other_files: tuple["FileEdit", ...] = ()
    kind: str = ""

    def __post_init__(self) -> None:
        if len(self.edits) == 1 and type(self.edits) is tuple:
            return  # (most fixes: no second tuple)
        ordered = tuple(sorted(self.edits, key=lambda e: (e.start, e.end)))
        for a, b in zip(ordered, ordered[1:]):
            if b.start < a.end:
                raise ValueError(f"fix {self.title!r} has overlapping edits")
        object.__setattr__(self, "edits", ordered)

    @property
    def span(self) -> tuple[int, int]:
        return (self.edits[0].start, self.edits[-1].end) if self.edits else (0, 0)


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class FileEdit:
    """Edits to a file other than the one being checked; `create` when it may not exist yet."""

    path: str
    edits: tuple[Edit, ...]
    create: bool = False


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Related:
    """A place elsewhere that explains a diagnostic (e.g. the .dockerignore pattern behind it)."""

    message: str
    path: str | None  # None: the same file
    start: int
    end: int


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding, frozen: the language server keeps rules' findings between checks, so nothing
    handed out may change them. `check()` returns new ones with `path` and line/column set."""

    code: str
    message: str
    start: int
    end: int
    severity: Severity
    fix: Fix | None = None
    name: str = ""                 # the rule's kebab-case name
    related: tuple[Related, ...] = ()
    unnecessary: bool = False      # LSP tag: code that has no effect
    deprecated: bool = False       # LSP tag
    url: str = ""
    path: str = ""                 # set by check(); rules leave it empty
    line: int = 0                  # 0-based, set by check()
    column: int = 0                # 0-based character column, set by check()
    end_line: int = 0
    end_column: int = 0
    extra: dict = field(default_factory=dict)
    # Other fixes the user may pick instead of `fix` (e.g. a cache mount beside the clean-up);
    # never without `fix` (`Rule.report` makes the first one the fix then).
    alternatives: tuple[Fix, ...] = ()

    @property
    def fixable(self) -> bool:
        return self.fix is not None and self.fix.applicability is not Applicability.SUGGESTION

    @property
    def fixes(self) -> tuple[Fix, ...]:
        """The finding's own fix, then its alternatives."""
        return () if self.fix is None else (self.fix, *self.alternatives)


def _mutable_twin(cls):
    """A slotted, mutable dataclass with the fields (so the memory layout) of `cls`."""
    namespace: dict = {"__annotations__": {f.name: f.type for f in fields(cls)}}
    for f in fields(cls):
        if f.default is not MISSING:
            namespace[f.name] = f.default
        elif f.default_factory is not MISSING:
            namespace[f.name] = field(default_factory=f.default_factory)
    return dataclass(slots=True)(type(f"{cls.__name__}Draft", (), namespace))


# How the engine makes Diagnostics where it makes many (each finding of each check): a frozen
# dataclass's __init__ sets every field through `object.__setattr__`, 17 calls per finding,
# paid on every keystroke in the language server. A draft takes the same arguments; assigning
# its class then makes it a Diagnostic (same layout), frozen from there on:
#     d = DiagnosticDraft(...); d.__class__ = Diagnostic
DiagnosticDraft = _mutable_twin(Diagnostic)
