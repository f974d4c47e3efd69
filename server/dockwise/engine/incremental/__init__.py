"""The language server's checks of an edited document: `IncrementalChecker`, one per document,
owns what is kept between its checks and runs again only what an edit can have changed.

- `stages.StageMemo`: the findings of stage-local rules per stage (a unit of the file), and
  `stages.StageParts`, those of whole-file rules that work stage by stage (`per_stage`).
- `inputs.InputMemo`: the findings of rules that declare what they read, while edits touch
  none of it.

The rules themselves run through `engine.check.run_rules`, and the findings are made final by
`engine.check.finish`, as in a plain `check()`: the same findings, whatever was kept.
"""

from __future__ import annotations

from ...dockerfile import Dockerfile, parse
from ..catalog import Catalog
from ..check import CheckResult, Job, _log, finish, prepare, run_job, run_rules
from ..diagnostic import Diagnostic
from ..rule import Rule, Scope, inputs_of
from ..settings import Config
from .inputs import InputMemo
from .stages import StageMemo


__all__ = ["IncrementalChecker"]


class IncrementalChecker:
    """Checks of one document as it is edited. `stage_memo` and `input_memo` choose the memos
    it keeps (both unless told; tests compare each alone with fresh checks)."""

    def __init__(self, *, stage_memo: bool = True, input_memo: bool = True) -> None:
        self.stages: StageMemo | None = StageMemo() if stage_memo else None
        self.inputs: InputMemo | None = InputMemo() if input_memo else None

    def reparse(self, model: Dockerfile, text: str, start: int, old_end: int, new_len: int) -> Dockerfile:
        """The model of `text`, made from `model` (of the text before an edit that replaced
        `[start, old_end)` with `new_len` characters) by re-reading only what the edit touched."""
        return parse(text, resume_from=model, edit=(start, old_end, new_len))

    def forget_inputs(self) -> None:
        """Something rules read besides the text changed (a file on disk): findings kept
        because an edit did not touch what a rule reads no longer hold, nor do those kept per
        stage (a rule may judge a stage's COPY by the context's files)."""
        if self.inputs is not None:
            self.inputs = InputMemo()
        if self.stages is not None:
            self.stages.clear()

    def kept(self) -> tuple:
        """What the next check replaces (the last model checked, the findings kept): a caller
        that holds it until the result is out moves freeing it off the path to that result."""
        return (self.inputs and (self.inputs.model, self.inputs.found), self.stages and self.stages.entries)

    def check(self, text: str, path: str = "Dockerfile", config: Config | None = None, *,
              model: Dockerfile | None = None, context: object = None, ignore: object = None,
              ignore_path: str | None = None, catalog: Catalog | None = None) -> CheckResult:
        """`engine.check.run()` of the text, re-using what the last check found where the edits
        since cannot have changed it."""
        job = prepare(text, path, config, model=model, context=context, ignore=ignore,
                      ignore_path=ignore_path, catalog=catalog)
        if job.df is None:  # an ignore file: small, and nothing is kept
            return run_job(job)
        return _Check(self, job).run()


class _Check:
    """One check of an IncrementalChecker's document."""

    def __init__(self, checker: IncrementalChecker, job: Job) -> None:
        self.job = job
        self.inputs = checker.inputs
        self.stages = checker.stages
        self.crashed: dict[str, Exception] = {}
        config = job.config
        # What kept findings depend on besides the text and the rules (severity overrides are
        # applied to the final findings, never to kept ones).
        self.setup = (repr(config.settings), job.path, tuple(sorted(config.severity.items())))

    def run(self) -> CheckResult:
        job, inputs, stages = self.job, self.inputs, self.stages
        df = job.df
        if inputs is not None:
            inputs.begin(df, self.setup)
        if stages is not None:
            stages.parts.begin(self.setup)
            job.ctx.stage_parts = stages.parts
        local = [r for r in job.rules if inputs_of(r).scope is Scope.STAGE and not r.needs_context] \
            if stages is not None else []
        out: list[Diagnostic] = []
        if local:
            signature = (tuple(r.code for r in local), self.setup)
            try:
                out = stages.findings(df, local, job.path, job.config.settings, signature, self.whole_file)
            except Exception:  # never worse than checking without the memo
                _log().exception("dockwise: the stage memo failed on %s; checking the whole file", job.path)
                stages.clear()
                out = [d for ds in self.whole_file(local).values() for d in ds]
        if local:
            done = set(local)
            rest = [r for r in job.rules if r not in done]
        else:
            rest = job.rules
        for found in self.whole_file(rest).values():
            out.extend(found)
        if inputs is not None:
            inputs.end()
        return finish(job, out, self.crashed)

    def whole_file(self, rules: list[Rule]) -> dict[str, list[Diagnostic]]:
        """The rules' findings on the whole model, in their order: those the input memo still
        holds, and the others' found by running them (rules that raise are left out)."""
        inputs = self.inputs
        kept: dict[str, list[Diagnostic]] = {}
        if inputs is not None:
            for rule in rules:
                found = inputs.reuse(rule)
                if found is not None:
                    kept[rule.code] = found
        again = [r for r in rules if r.code not in kept] if kept else rules
        ran = run_rules(self.job.df, again, self.job.ctx)
        self.crashed.update(ran.crashed)
        out: dict[str, list[Diagnostic]] = {}
        for rule in rules:
            found = kept.get(rule.code)
            if found is None:
                found = ran.found.get(rule.code)
                if found is None:
                    continue
            out[rule.code] = found
            if inputs is not None:
                inputs.keep(rule.code, found)
        return out
