"""The one walk over a model: each instruction goes to the rules that declared its keyword, each
shell command to the rules that declared its program, and a rule none of whose declared inputs
occurs in the file is not run at all (see `rule.Inputs`)."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Callable

from .rule import Rule, RuleContext, inputs_of

if TYPE_CHECKING:
    from ..dockerfile import Dockerfile
    from .diagnostic import Diagnostic

# Called inside the `except` when a rule raises (so it may log the traceback); the rule's
# findings are dropped and it gets nothing more. None: the exception propagates.
OnCrash = Callable[[Rule], None]


def walk(rules: list[Rule], ctx: RuleContext, on_crash: OnCrash | None) -> dict[str, list[Diagnostic]]:
    """Each rule's findings on `ctx`'s file by code, in the order of `rules` (a rule that
    crashed is left out). A rule's own findings come in the order it made them: whole-file
    rules from `check(ctx)`, node rules in file order."""
    found: dict[str, list[Diagnostic]] = {rule.code: [] for rule in rules}
    df = ctx.df
    present = _present(df) if df is not None else None
    by_keyword: dict[str, list[tuple[Rule, Callable]]] = {}
    by_program: dict[str, list[tuple[Rule, Callable]]] = {}
    for rule in rules:
        inputs = inputs_of(rule)
        if present is not None and not inputs.can_occur(present.keywords, present.programs):
            continue
        hooks = _hooks.get(rule) if df is not None else None
        if hooks is None and df is not None:
            if len(_hooks) > 4096:  # rules made on the fly (tests, hosts): never grow without bound
                _hooks.clear()
            hooks = _hooks[rule] = _node_hooks(rule)
        if hooks:
            on_instruction, on_command = hooks
            if on_instruction is not None:
                for keyword in inputs.keywords:
                    by_keyword.setdefault(keyword, []).append((rule, on_instruction))
            if on_command is not None:
                for program in inputs.programs:
                    by_program.setdefault(program, []).append((rule, on_command))
            continue
        try:
            found[rule.code] = list(rule.check(ctx))
        except Exception:
            if on_crash is None:
                raise
            on_crash(rule)
            del found[rule.code]
    if by_keyword or by_program:
        _walk_nodes(df, ctx, found, by_keyword, by_program, on_crash)
    return found


def _walk_nodes(df: Dockerfile, ctx: RuleContext, found: dict[str, list[Diagnostic]],
                by_keyword: dict[str, list[tuple[Rule, Callable]]],
                by_program: dict[str, list[tuple[Rule, Callable]]], on_crash: OnCrash | None) -> None:
    crashed: set[str] = set()

    def call(rule: Rule, hook: Callable, *args) -> None:
        if rule.code in crashed:
            return
        try:
            out = hook(*args)
            if out is not None:
                found[rule.code].extend(out)
        except Exception:
            if on_crash is None:
                raise
            on_crash(rule)
            crashed.add(rule.code)
            del found[rule.code]

    for ins in df.all_instructions():
        for rule, hook in by_keyword.get(ins.keyword, ()):
            call(rule, hook, ins, ctx)
        if by_program and ins.keyword == "RUN":
            names = df.run_names(ins)  # (a RUN an edit moved is moved only when a rule reads it)
            if names is None or by_program.keys().isdisjoint(names[0]):
                continue
            script = df.script(ins)
            for cmd in script.commands:
                for rule, hook in by_program.get(cmd.program, ()):
                    call(rule, hook, cmd, ins, script, ctx)


def can_occur(rule: Rule, df: Dockerfile) -> bool:
    """Whether the rule's declared inputs occur in the model (else the walk does not run it)."""
    present = _present(df)
    return inputs_of(rule).can_occur(present.keywords, present.programs)


# A rule's node hooks (bound methods), or () for a whole-file rule: looked up once per rule
# object (rules live as long as the process; the registry makes one of each).
_hooks: dict[Rule, tuple] = {}


def _node_hooks(rule: Rule) -> tuple:
    if not is_node_rule(rule):
        return ()
    return getattr(rule, "check_instruction", None), getattr(rule, "check_command", None)


def is_node_rule(rule: Rule) -> bool:
    """A rule that judges nodes (instructions, commands) and leaves `check` to the walk."""
    # by attribute, not by type: the registry hands the engine stand-ins that import the rule
    # when first asked (rules/registry.py `LazyRule`)
    return getattr(rule.check, "__func__", None) is Rule.check and (
        hasattr(rule, "check_instruction") or hasattr(rule, "check_command"))


def _present(df: Dockerfile) -> "_Present":
    """The model's facts, kept in its index: a rule run alone (`Rule.check`, the stage memo's
    units) walks a model that was just asked about."""
    index = df.index
    if index.present is None:
        index.present = _Present(df)
    return index.present


def programs_run(script) -> frozenset[str]:
    """What a script runs, as `Inputs.programs` names it: each command's program, and its first
    word as written (`sudo`)."""
    return script.names()[1]


class _Present:
    """What a file holds, as far as `Inputs.can_occur` asks: its instructions' keywords (ONBUILD's
    inner ones too), and the programs its RUNs run (worked out only when asked)."""

    def __init__(self, df: Dockerfile) -> None:
        self.model = weakref.ref(df)  # weakly: the model holds this in its index
        self.keywords = {ins.keyword for ins in df.all_instructions()}
        self._programs: set[str] | None = None

    def programs(self) -> set[str]:
        if self._programs is None:
            found: set[str] = set()
            df = self.model()
            for ins in df.all_instructions():
                if ins.keyword == "RUN":
                    names = df.run_names(ins)
                    if names is not None:
                        found |= names[1]
            self._programs = found
        return self._programs
