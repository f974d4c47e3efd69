"""`check()`: the one entry point. Text in, diagnostics out; the CLI and server are adapters."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from ..classify import classify
from ..dockerfile import Dockerfile, parse
from ..source import Source
from . import catalog as catalogs
from . import overlaps, suppression
from .catalog import Catalog
from .diagnostic import Diagnostic, DiagnosticDraft, Severity
from .dispatch import walk
from .rule import Rule, RuleContext, Status
from .settings import Config, per_file_ignored


def _log():
    import logging  # only when something crashed: a plain check logs nothing
    return logging.getLogger("dockwise")


UNUSED_SUPPRESSION = "DW490"
UNKNOWN_SUPPRESSION = "DW491"
RULE_CRASH = "DW499"


def file_kind(path: str) -> str:
    """What a file named explicitly is checked as: an ignore file when its name says so (see
    `classify`), else a Dockerfile whatever its name (`dockwise check build/prod.txt`)."""
    return "dockerignore" if classify(path) == "dockerignore" else "dockerfile"


def enabled_rules(config: Config, kind: str, path: str = "", catalog: Catalog | None = None) -> list[Rule]:
    """The rules a configuration turns on for a file kind (a shared list: never modify it)."""
    return _enabled_entry(config, kind, path, catalog or catalogs.current())[0]


def needs_context(config: Config, kind: str, path: str = "", catalog: Catalog | None = None) -> bool:
    """Whether an enabled rule reads the build context (or uses it when known)."""
    return _enabled_entry(config, kind, path, catalog or catalogs.current())[1]


def _enabled_entry(config: Config, kind: str, path: str, catalog: Catalog) -> tuple[list[Rule], bool]:
    # Keyed on the selection's values, not the Config object: configurations may be mutated
    # or rebuilt per file, and a selection is the same for every file sharing it.
    key = (None if config.select is None else tuple(config.select), tuple(config.extend_select),
           tuple(config.ignore), tuple(per_file_ignored(config, path)) if path else (), config.preview, kind,
           catalog)
    entry = _enabled.get(key)
    if entry is None:
        if len(_enabled) >= 256:
            _enabled.clear()
        rules = _select_rules(config, kind, key[3], catalog)
        entry = _enabled[key] = (rules, any(r.needs_context or r.uses_context for r in rules))
    return entry


_enabled: dict[tuple, tuple[list[Rule], bool]] = {}


def _select_rules(config: Config, kind: str, per_file: tuple[str, ...], catalog: Catalog) -> list[Rule]:
    """The default set, or what `select` names, plus `extend-select`, minus `ignore`. A prefix,
    ALL or a name shared by several rules leaves out preview rules (unless preview is on) and
    deprecated rules; naming one rule exactly always selects it."""
    rules = catalog.rules()

    def by_group(code: str) -> bool:
        rule = rules[code]
        return rule.status is not Status.DEPRECATED and (config.preview or not rule.preview)

    if config.select is None:
        chosen = {c for c, r in rules.items() if r.default_enabled and by_group(c)}
    else:
        chosen = set()
        for sel in config.select:
            codes = catalog.resolve(sel)
            exact = len(codes) == 1 and sel.strip().upper() not in ("ALL",)
            chosen |= {c for c in codes if exact or by_group(c)}
    for sel in config.extend_select:
        codes = catalog.resolve(sel)
        exact = len(codes) == 1
        chosen |= {c for c in codes if exact or by_group(c)}
    for sel in list(config.ignore) + list(per_file):
        chosen -= set(catalog.resolve(sel))
    return [r for c, r in rules.items() if c in chosen and r.file_kind == kind]


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic]
    model: Dockerfile | None
    crashed: list[str]            # rules that raised (logged and skipped)


def check(text: str, path: str = "Dockerfile", config: Config | None = None, context: object = None, *,
          model: Dockerfile | None = None, ignore: object = None, ignore_path: str | None = None,
          catalog: Catalog | None = None) -> list[Diagnostic]:
    """The findings on one file, frozen, in text order: text in, diagnostics out."""
    return run(text, path, config, model=model, context=context, ignore=ignore, ignore_path=ignore_path,
               catalog=catalog).diagnostics


def run(text: str, path: str = "Dockerfile", config: Config | None = None, *,
        model: Dockerfile | None = None, context: object = None, ignore: object = None,
        ignore_path: str | None = None, catalog: Catalog | None = None) -> CheckResult:
    """Check one file (`check()`, with the model and the rules that crashed). `model` is the
    text's parse when the caller has it; `catalog` is where the rules come from (the package's
    registry unless given). The language server's checks of an edited text keep findings
    between checks instead: `engine.incremental.IncrementalChecker`."""
    return run_job(prepare(text, path, config, model=model, context=context, ignore=ignore, ignore_path=ignore_path,
                           catalog=catalog))


def run_job(job: "Job") -> CheckResult:
    """A prepared check, every rule run: their findings made final."""
    ran = run_rules(job.df, job.rules, job.ctx)
    return finish(job, [d for found in ran.found.values() for d in found], ran.crashed)


@dataclass(slots=True)
class Job:
    """One check under way: the file, its model and what its rules see and are."""

    text: str
    path: str
    config: Config
    catalog: Catalog
    df: Dockerfile | None     # None for an ignore file
    source: Source
    ctx: RuleContext
    rules: list[Rule]         # enabled for the file (a shared list: never modify it)


def prepare(text: str, path: str, config: Config | None, *, model: Dockerfile | None = None,
            context: object = None, ignore: object = None, ignore_path: str | None = None,
            catalog: Catalog | None = None) -> Job:
    """What a check of `text` needs before rules run: the model (parsed unless given), the
    rules' context and the enabled rules."""
    config = config or Config()
    catalog = catalog or catalogs.current()
    kind = file_kind(path)
    df = None
    if kind == "dockerfile":
        df = model if model is not None else parse(text)
        source = df.source
    else:
        source = Source(text)
        if ignore is None:
            from ..ignorefile import parse_ignore_file
            ignore = parse_ignore_file(text)
    ctx = RuleContext(path=path, settings=config.settings, df=df, ignore=ignore, context=context,
                      ignore_path=ignore_path, text=text)
    return Job(text, path, config, catalog, df, source, ctx, enabled_rules(config, kind, path, catalog))


@dataclass(slots=True)
class Ran:
    found: dict[str, list[Diagnostic]]   # by rule code, in the order the rules were given
    crashed: dict[str, Exception]        # rules that raised, and what


def run_rules(model: Dockerfile | None, rules: list[Rule], ctx: RuleContext) -> Ran:
    """Run the rules on the model (`ctx.df`) that can run, in one walk (engine/dispatch.py): a
    rule reading the build context is left out when none is known, and a rule none of whose
    inputs occur in the file is not run."""
    crashed: dict[str, Exception] = {}

    def crash(rule: Rule) -> None:  # a broken rule must never take the others down
        crashed[rule.code] = sys.exc_info()[1]

    context = ctx.context
    found = walk([rule for rule in rules if not (rule.needs_context and context is None)], ctx, crash)
    return Ran(found, crashed)


def finish(job: Job, out: list[Diagnostic], crashed: dict[str, Exception]) -> CheckResult:
    """The rules' findings made final: the catalog's own, repeats and suppressed ones left out,
    severity overrides applied, and each a new frozen Diagnostic with its path and line/column,
    in text order."""
    for code, error in crashed.items():
        _log().error("rule %s crashed on %s", code, job.path, exc_info=error)
    df, config, path = job.df, job.config, job.path
    if df is not None:
        out.extend(job.catalog.extra_findings(df, config))
    # Findings only hadolint would make (a rule's `hadolint_only` reports) never show: they
    # only keep the `# hadolint ignore=` pragmas hadolint needs from being called unused.
    hadolint_only = [d for d in out if d.extra.get("hadolint_only")]
    if hadolint_only:
        out = [d for d in out if not d.extra.get("hadolint_only")]
    out = overlaps.drop_repeats(out)
    if df is not None:
        out = _apply_suppressions(df, out, job.rules, job.catalog, hadolint_only)
    severity = severity_by_code(config.severity, job.catalog) if config.severity else None
    size = len(job.text)
    position = job.source.position
    final = []
    for d in out:
        start = max(0, min(d.start, size))
        end = max(start, min(d.end, size))
        line, column = position(start)
        end_line, end_column = position(end) if end != start else (line, column)
        if end_line == line:
            end_line = line  # one int object for both (a finding on each of 100,000 lines)
        f = DiagnosticDraft(d.code, d.message, start, end, severity.get(d.code, d.severity) if severity else d.severity,
                            d.fix, d.name, d.related, d.unnecessary, d.deprecated, d.url, path, line, column,
                            end_line, end_column, d.extra, d.alternatives)
        f.__class__ = Diagnostic  # frozen (diagnostic.DiagnosticDraft says why this way)
        final.append(f)
    final.sort(key=_order)
    return CheckResult(final, df, list(crashed))


def severity_by_code(overrides: dict[str, Severity], catalog: Catalog) -> dict[str, Severity]:
    """The configured severities per code: a key may be a code, a name or a prefix (as in
    `select`); a narrower one wins (`DL = "info"` with `DL3008 = "error"`)."""
    key = (tuple(overrides.items()), catalog)
    found = _severities.get(key)
    if found is None:
        if len(_severities) >= 64:
            _severities.clear()
        found = {}
        for codes, level in sorted(((catalog.resolve(k), v) for k, v in overrides.items()), key=lambda kv: -len(kv[0])):
            found.update(dict.fromkeys(codes, level))
        _severities[key] = found
    return found


_severities: dict[tuple, dict[str, Severity]] = {}


def _order(d: Diagnostic) -> tuple[int, str]:
    return d.start, d.code


def _apply_suppressions(df: Dockerfile, diags: list[Diagnostic], selected: list[Rule], catalog: Catalog,
                        hadolint_only: list[Diagnostic] = ()) -> list[Diagnostic]:
    pragmas = suppression.collect(df, catalog.resolve)
    if not pragmas:
        return diags
    for d in hadolint_only:
        suppression.mark_hadolint_use(pragmas, d.code, d.start)
    suppression.mark_buildkit_use(pragmas, df)
    enabled = {r.code for r in selected}
    report_unused = UNUSED_SUPPRESSION in enabled and not suppression.declares_generated(df)
    kept = [d for d in diags if not _suppressed(pragmas, d)]
    rules = catalog.rules()
    for p in pragmas:
        for written, codes in p.codes.items():
            gone = catalog.removed(written) if not codes else None
            if gone is not None:
                # An old pragma for a removed rule: known, and suppressing nothing any more.
                if report_unused:
                    kept.append(rules[UNUSED_SUPPRESSION].report(
                        p.start, p.end, f"Unused suppression of {written}: that rule was removed ({gone})",
                        unnecessary=True))
            elif not codes:
                if UNKNOWN_SUPPRESSION in enabled and not _foreign(written):
                    r = rules[UNKNOWN_SUPPRESSION]
                    kept.append(r.report(p.start, p.end, f"Unknown rule {written!r} in suppression comment"))
            elif written not in p.used and "*" not in codes and any(c in enabled for c in codes) \
                    and report_unused:
                r = rules[UNUSED_SUPPRESSION]
                kept.append(r.report(p.start, p.end, f"Unused suppression of {written}: nothing to suppress here",
                                     unnecessary=True))
    return kept


def _suppressed(pragmas, d: Diagnostic) -> bool:
    """Suppressed by a pragma naming its rule or another rule for the same problem (each
    pragma that matches counts as used)."""
    hit = suppression.is_suppressed(pragmas, d.code, d.start)
    for alias in overlaps.aliases(d.code):
        hit = suppression.is_suppressed(pragmas, alias, d.start) or hit
    return hit


def _foreign(code: str) -> bool:
    """ShellCheck codes in hadolint pragmas belong to ShellCheck, which may be off: not unknown."""
    return code.upper().startswith("SC") and code[2:].isdigit()


def exceeds(diags: list[Diagnostic], threshold: Severity) -> bool:
    return any(d.severity >= threshold for d in diags)
