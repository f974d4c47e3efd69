"""`check()`: the one entry point. Text in, diagnostics out; the CLI and server are adapters."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..classify import IGNORE_NAMES, classify
from ..dockerfile import Dockerfile, parse
from ..source import Source
from . import catalog as catalogs
from . import overlaps, suppression
from .catalog import Catalog
from .diagnostic import Diagnostic, Severity
from .dispatch import walk
from .input_memo import InputMemo
from .rule import Rule, RuleContext, Scope, Status, inputs_of
from .settings import Config, per_file_ignored
from .stage_memo import StageMemo

log = logging.getLogger("dockwise")

IGNORE_FILE_NAMES = IGNORE_NAMES
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


def check(text: str, path: str = "Dockerfile", config: Config | None = None, *,
          model: Dockerfile | None = None, context: object = None, ignore: object = None,
          ignore_path: str | None = None) -> list[Diagnostic]:
    return run(text, path, config, model=model, context=context, ignore=ignore, ignore_path=ignore_path).diagnostics


def run(text: str, path: str = "Dockerfile", config: Config | None = None, *,
        model: Dockerfile | None = None, context: object = None, ignore: object = None,
        ignore_path: str | None = None, memo: StageMemo | None = None,
        inputs: InputMemo | None = None, catalog: Catalog | None = None) -> CheckResult:
    """Check one file. `memo` and `inputs` (the language server's, one each per document)
    keep findings between checks of an edited text: of stage-local rules per stage, and of
    rules that declare what they read while an edit touches none of it. `catalog` is where
    the rules come from (the package's registry unless given)."""
    config = config or Config()
    catalog = catalog or catalogs.current()
    kind = file_kind(path)
    df = None
    if kind == "dockerfile":
        df = model if model is not None else parse(text)
        df.stages  # noqa: B018 - links instructions to stages before rules look
        source = df.source
    else:
        source = Source(text)
        if ignore is None:
            from ..ignorefile import parse_ignore_file
            ignore = parse_ignore_file(text)
    ctx = RuleContext(path=path, settings=config.settings, df=df, ignore=ignore, context=context,
                      ignore_path=ignore_path, text=text)
    rules = enabled_rules(config, kind, path, catalog)
    crashed: list[str] = []

    if df is None:
        memo = inputs = None
    # What remembered findings depend on besides the text and the rules (severity overrides:
    # the engine sets them on the findings themselves).
    setup = None if memo is None and inputs is None else \
        (repr(config.settings), path, tuple(sorted(config.severity.items())))
    if inputs is not None:
        inputs.begin(df, setup)
    if memo is not None:
        memo.parts.begin(setup)
        ctx.stage_parts = memo.parts

    def crash(rule: Rule) -> None:  # a broken rule must never take the others down
        log.exception("rule %s crashed on %s", rule.code, path)
        crashed.append(rule.code)

    def whole_file(some: list[Rule]) -> dict[str, list[Diagnostic]]:
        kept = {}
        if inputs is not None:
            kept = {rule.code: found for rule in some if (found := inputs.reuse(rule)) is not None}
        ran = walk([rule for rule in some if rule.code not in kept], ctx, crash)
        found = {rule.code: kept[rule.code] if rule.code in kept else ran[rule.code]
                 for rule in some if rule.code in kept or rule.code in ran}
        if inputs is not None:
            for code, diags in found.items():
                inputs.keep(code, diags)
        return found

    local = [r for r in rules if inputs_of(r).scope is Scope.STAGE and not r.needs_context] if memo is not None else []
    out: list[Diagnostic] = []
    if local:
        signature = (tuple(r.code for r in local), setup)
        try:
            out = memo.findings(df, local, path, config.settings, signature, whole_file)
        except Exception:  # never worse than checking without the memo
            log.exception("dockwise: the stage memo failed on %s; checking the whole file", path)
            memo.clear()
            out = [d for ds in whole_file(local).values() for d in ds]
    skip = set(local)
    rest = [rule for rule in rules if not ((rule.needs_context and context is None) or rule in skip)]
    for found in whole_file(rest).values():
        out.extend(found)
    if inputs is not None:
        inputs.end()
    if df is not None:
        out.extend(catalog.extra_findings(df, config))
    # Findings only hadolint would make (a rule's `hadolint_only` reports) never show: they
    # only keep the `# hadolint ignore=` pragmas hadolint needs from being called unused.
    hadolint_only = [d for d in out if d.extra.get("hadolint_only")]
    if hadolint_only:
        out = [d for d in out if not d.extra.get("hadolint_only")]
    out = overlaps.drop_repeats(out)
    if df is not None:
        out = _apply_suppressions(df, out, rules, catalog, hadolint_only)
    severity = config.severity
    size = len(text)
    position = source.position
    for d in out:
        if severity and d.code in severity:
            d.severity = severity[d.code]
        d.path = path
        d.start = start = max(0, min(d.start, size))
        d.end = end = max(start, min(d.end, size))
        d.line, d.column = position(start)
        d.end_line, d.end_column = position(end) if end != start else (d.line, d.column)
        if d.end_line == d.line:
            d.end_line = d.line  # one int object for both (a finding on each of 100,000 lines)
    out.sort(key=_order)
    return CheckResult(out, df, crashed)


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
