"""The shape of a rule. Rules are pure: they read the model and settings, and yield diagnostics."""

from __future__ import annotations

import enum
import inspect
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Callable, ClassVar, Iterable

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


class Scope(enum.Enum):
    """How much of the file a rule's findings on a stage follow from."""

    FILE = "file"
    # Findings on a stage follow from the stage, the stages it is built FROM and the global
    # ARGs alone (and on the preamble from the preamble): the language server re-checks only
    # the stages an edit touched. Held to it by tests/engine/test_stage_memo.py.
    STAGE = "stage"


# What every rule may read whatever it declares: the stages and the variables (and ONBUILD,
# which holds instructions of any keyword).
SKELETON = frozenset({"FROM", "ARG", "ENV", "SHELL", "ONBUILD"})


@dataclass(frozen=True, slots=True)
class Inputs:
    """What a rule's findings follow from: one declaration, used three ways. The engine's walk
    hands the rule only these instructions and commands and skips the rule in a file where
    none occurs; the language server re-uses its findings while edits touch none of them; the
    registry does not even import its module for such a file.

    `keywords`: the instruction keywords it reads besides `SKELETON`, which every rule may
    read (None: every instruction, the comments and the raw text). Naming a skeleton keyword
    (FROM) only asks the walk for those instructions too.
    `programs`: with RUN among the keywords, RUNs are read only through their commands running
    one of these (`Command.program`, or the command's first word as written, e.g. `sudo`).
    `scope`: `Scope.STAGE` when findings on a stage follow from that stage alone (see Scope).
    `reports_missing`: findings may say what the file lacks (no HEALTHCHECK, no USER), so the
    rule runs even in a file where none of its keywords or programs occurs.
    Held to the corpus by tests/engine/test_input_memo.py and tests/engine/test_stage_memo.py."""

    keywords: frozenset[str] | None = None
    programs: frozenset[str] | None = None
    scope: Scope = Scope.FILE
    reports_missing: bool = False

    def __post_init__(self) -> None:
        for name in ("keywords", "programs"):  # accept any iterable of names
            value = getattr(self, name)
            if value is not None and not isinstance(value, frozenset):
                object.__setattr__(self, name, frozenset((value,) if isinstance(value, str) else value))

    def can_occur(self, keywords: "frozenset[str] | set[str]", programs: "Callable[[], set[str]]") -> bool:
        """Whether a file whose instructions have `keywords` (ONBUILD's inner ones included)
        and whose RUNs run `programs()` (each command's program and first word) can give this
        rule a finding."""
        if self.keywords is None or self.reports_missing or not self.keywords - SKELETON:
            return True
        if any(k in keywords for k in self.keywords if k != "RUN"):
            return True
        if "RUN" not in self.keywords or "RUN" not in keywords:
            return False
        return self.programs is None or not self.programs.isdisjoint(programs())


ANYTHING = Inputs()


def inputs_of(rule: "Rule | type[Rule]") -> Inputs:
    """A rule's declared inputs (`ANYTHING`, judged as a whole file, when it declares none)."""
    return rule.inputs or ANYTHING


def has_node_hooks(cls: type) -> bool:
    return hasattr(cls, "check_instruction") or hasattr(cls, "check_command")


# How the fixes that merge RUNs write the merged RUN: `a && \\` chains, or one `RUN <<EOF` script.
MERGE_STYLES = ("and", "heredoc")


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
    merge_style: str = "and"       # how a fix merges RUNs: one of MERGE_STYLES


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


def per_stage(ctx: RuleContext, stage, tag: str, compute, also=None) -> list[Diagnostic]:
    """`compute()`'s findings (a list) for one stage of a whole-file rule, kept across the
    language server's checks of an edited document.

    For a rule that is not stage-local (which stages ship depends on later stages) but works
    stage by stage: `compute()` must read only the stage, the stages it is built FROM, the
    preamble, and the stages `also()` gives (with theirs), and report only inside them. Its
    findings are kept keyed by those texts and the stages' indexes (a message may name an
    unnamed stage by its index), and an edit elsewhere gives them back, moved, without running
    it. Outside the language server, `compute()` simply runs. (The memo is
    `engine.incremental.stages.StageParts`; this lives here so that rules do not import it.)"""
    memo = ctx.stage_parts
    if memo is None:
        return list(compute())
    return memo.findings(ctx.df, stage, tag, compute, also)


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
    # What the findings follow from (see `Inputs`); None: anything in the file, judged whole.
    inputs: ClassVar["Inputs | None"] = None

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        # a node hook is called only for what `inputs` names: say so when the class is made
        inputs = inputs_of(cls)
        if hasattr(cls, "check_instruction") and not inputs.keywords:
            raise TypeError(f"{cls.__name__} has check_instruction: its inputs must name the keywords it is for")
        if hasattr(cls, "check_command") and not (inputs.programs and "RUN" in inputs.keywords):
            raise TypeError(f"{cls.__name__} has check_command: its inputs must name RUN and the programs it is for")

    def check(self, ctx: RuleContext) -> Iterable[Diagnostic]:
        """The rule's findings on the file. A rule judging the file as a whole overrides it; a
        rule judging one node at a time defines `check_instruction` and/or `check_command`
        instead, and this walks the model for it alone (the engine walks once for all of them)."""
        if not has_node_hooks(type(self)):
            raise NotImplementedError(f"{type(self).__name__} defines neither check nor a node hook")
        if ctx.df is None:
            return []
        from .dispatch import walk  # engine/dispatch.py imports this module

        return walk([self], ctx, None)[self.code]

    # Node hooks, called by the engine's one walk over the model (engine/dispatch.py) in file
    # order, each only with what `inputs` declares:
    #   check_instruction(ins, ctx): each instruction (ONBUILD's inner one too) with one of
    #     `inputs.keywords`;
    #   check_command(cmd, ins, script, ctx): each shell command of a RUN whose program
    #     (`Command.program`: after sudo/env wrappers) is one of `inputs.programs`.
    # Each returns an iterable of diagnostics (a generator is fine) or None.

    def disk_inputs(self, path: str, context: object) -> tuple[str, ...]:
        """Files and folders outside the build context whose state the findings on `path`
        follow from (a sibling folder's listing, a file that may appear): the language server
        stats them before each check and checks again when one changed. Stats only: listing
        them here may read folders, but the server asks once per change, not per check."""
        return ()

    # -- helpers for rule authors -------------------------------------------------------
    def report(self, start: int, end: int, message: str | None = None, *, fix: Fix | None = None,
               related: tuple[Related, ...] = (), alternatives: tuple[Fix, ...] = (), **extra) -> Diagnostic:
        """A finding. With `hadolint_only=True` it is one hadolint makes but dockwise
        deliberately does not: never shown, it only keeps a `# hadolint ignore=` there used.
        `alternatives`: other fixes the user may pick instead of `fix` (with no `fix`, the first
        becomes it)."""
        if alternatives and fix is None:
            fix, *rest = alternatives
            alternatives = tuple(rest)
        unnecessary = extra.pop("unnecessary", False)
        deprecated = extra.pop("deprecated", False)
        # one URL string per rule and one shared empty `extra` (never written to): a file can
        # have a finding on each of 100,000 lines
        d = DiagnosticDraft(code=self.code, message=message or self.message, start=start, end=end,
                            severity=self.severity, fix=fix, name=self.name, related=related,
                            unnecessary=unnecessary, deprecated=deprecated, url=self.url(),
                            extra=extra or _NO_EXTRA, alternatives=tuple(alternatives))
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
