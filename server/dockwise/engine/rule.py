"""The shape of a rule. Rules are pure: they read the model and settings, and yield diagnostics."""

from __future__ import annotations

import enum
import inspect
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Iterable

from .diagnostic import Applicability, Category, Diagnostic, DiagnosticDraft, Edit, Fix, FixAvailability, Related, Severity

if TYPE_CHECKING:
    from ..dockerfile.model import Dockerfile

DOCS_URL = "https://github.com/dockwise/dockwise/blob/main/docs/rules/{code}.md"
_URLS: dict[str, str] = {}
_NO_EXTRA: dict = {}


class Status(str, enum.Enum):
    """A code's lifecycle: preview rules are opt-in, deprecated ones run only when named, removed
    ones keep their code so that old pragmas and configurations still resolve."""

    STABLE = "stable"
    PREVIEW = "preview"
    DEPRECATED = "deprecated"
    REMOVED = "removed"


@dataclass
class RuleSettings:
    """What rules may be told by configuration (never read by rules from disk)."""

    trusted_registries: tuple[str, ...] = ()
    label_schema: dict[str, str] = field(default_factory=dict)   # label → type (DL3048–DL3058)
    strict_labels: bool = False
    eol_warning_days: int = 90
    today: date = field(default_factory=date.today)
    allowed_users: tuple[str, ...] = ()
    target: str | None = None      # the stage `docker build --target` builds (None: the usual guess)


@dataclass
class RuleContext:
    """Everything a rule sees. `context` is a read-only view of the build context when known."""

    path: str
    settings: RuleSettings
    df: "Dockerfile | None" = None
    ignore: object = None          # dockwise.ignorefile.IgnoreFile for .dockerignore rules
    context: object = None         # dockwise.buildcontext snapshot for context-aware rules
    ignore_path: str | None = None # the ignore file that applies to this Dockerfile, if any
    text: str = ""
    # The language server's memo of whole-file rules' findings per stage (None elsewhere): see
    # `engine.incremental.stages.per_stage`.
    stage_parts: object = None


class Rule:
    """Subclass per rule module; the docstring is the rule's documentation."""

    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity] = Severity.WARNING
    fix_availability: ClassVar[FixAvailability] = FixAvailability.NEVER
    message: ClassVar[str] = ""
    fix_title: ClassVar[str] = ""
    buildkit_name: ClassVar[str | None] = None
    # Declared once, in dockwise/rules/registry.py, and set from it when the class is loaded.
    status: ClassVar[Status]
    since: ClassVar[str]
    default_enabled: ClassVar[bool]
    preview: ClassVar[bool]
    file_kind: ClassVar[str] = "dockerfile"   # or "dockerignore"
    needs_context: ClassVar[bool] = False
    # Uses the build context's facts (which builds name the file) when they are known, and
    # still runs without them: the context is worked out for it as for a context rule.
    uses_context: ClassVar[bool] = False
    # Findings on a stage follow from the stage, the stages it is built FROM and the global
    # ARGs alone (and on the preamble from the preamble): the language server re-checks only
    # the stages an edit touched. Held to it by tests/engine/test_stage_memo.py.
    stage_local: ClassVar[bool] = False
    # What the rule's findings follow from, besides FROM, ARG, ENV, SHELL and ONBUILD (None:
    # anything): instruction keywords, and with RUN, optionally only the RUNs with a command
    # running one of `programs` (its `program`, or its first word as written: `sudo`). The
    # language server re-runs a rule only when an edit touches what it reads. Held to it by
    # tests/engine/test_input_memo.py.
    reads: ClassVar[frozenset[str] | None] = None
    programs: ClassVar[frozenset[str] | None] = None

    def check(self, ctx: RuleContext) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def disk_inputs(self, path: str, context: object) -> tuple[str, ...]:
        """Files and folders outside the build context whose state the findings on `path`
        follow from (a sibling folder's listing, a file that may appear): the language server
        stats them before each check and checks again when one changed. Stats only: listing
        them here may read folders, but the server asks once per change, not per check."""
        return ()

    # -- helpers for rule authors -------------------------------------------------------
    def report(self, start: int, end: int, message: str | None = None, *, fix: Fix | None = None,
               related: tuple[Related, ...] = (), **extra) -> Diagnostic:
        """A finding. With `hadolint_only=True` it is one hadolint makes but dockwise
        deliberately does not: never shown, it only keeps a `# hadolint ignore=` there used."""
        unnecessary = extra.pop("unnecessary", False)
        deprecated = extra.pop("deprecated", False)
        # one URL string per rule and one shared empty `extra` (never written to): a file can
        # have a finding on each of 100,000 lines
        d = DiagnosticDraft(code=self.code, message=message or self.message, start=start, end=end,
                            severity=self.severity, fix=fix, name=self.name, related=related,
                            unnecessary=unnecessary, deprecated=deprecated, url=self.url(),
                            extra=extra or _NO_EXTRA)
        d.__class__ = Diagnostic  # frozen from here on (diagnostic.DiagnosticDraft says why)
        return d

    def make_fix(self, edits: Iterable[Edit], applicability: Applicability = Applicability.SAFE,
                 title: str | None = None, **kw) -> Fix:
        return Fix(title or self.fix_title, tuple(edits), applicability, **kw)

    @classmethod
    def url(cls) -> str:
        url = _URLS.get(cls.code)
        if url is None:
            url = _URLS[cls.code] = DOCS_URL.format(code=cls.code)
        return url

    @classmethod
    def docs(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        doc = cls.docs()
        return doc.split("\n\n", 1)[0].replace("\n", " ") if doc else cls.message
