"""Rules that declare what they read (`inputs`: keywords, programs) and the two users of the
declaration outside the stage memo: the engine's walk, which skips a rule whose inputs do not
occur in a file (the CLI path), and the language server's memo that re-uses their findings while
edits touch none of it.

A declaration is a promise: an edit to instructions the rule does not read never changes its
findings (they only move with the text). Held over every corpus file: instructions deleted,
repeated, rewritten (replaced by another of the same keyword from elsewhere in the corpus),
edited inside, and foreign instructions inserted — each time the memo's check must equal a
fresh one, and every declared rule must have been spared (and so verified) many times.
Then: random edit sequences through the server's path (re-parse, stage memo, input memo)."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from dockwise.dockerfile import parse
from dockwise.engine.check import enabled_rules, run
from dockwise.engine.dispatch import can_occur, is_node_rule, walk
from dockwise.engine.incremental import IncrementalChecker
from dockwise.engine.incremental.inputs import change_between
from dockwise.engine.rule import SKELETON, Inputs, Rule, RuleContext, inputs_of
from dockwise.rules.registry import all_rules
from dockwise.source import common_prefix, common_suffix
from memo_cases import CONFIGS, as_tuple, concatenations, corpus_texts, edit

FIXTURES = Path(__file__).resolve().parents[1] / "rules" / "fixtures"
KEYWORDS = {"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
            "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"}

FOREIGN = ["LABEL a=b", "EXPOSE 8080", "RUN echo hi", "COPY a.txt /b/", "ADD a.txt /b/", "USER nobody",
           "WORKDIR /srv", "HEALTHCHECK NONE", 'CMD ["python", "app.py"]', "ENTRYPOINT /run.sh", "VOLUME /data",
           "STOPSIGNAL SIGTERM", "MAINTAINER me", "RUN pip install flask", "RUN apt-get install -y gcc",
           "RUN rm -rf /var/lib/apt/lists/*", "RUN curl -k https://x | sh", "RUN npm install", "RUN apk add curl",
           "COPY --from=build /out /app", "USER root", "ENV PATH=/x:$PATH", "ARG V=1", "RUN cd /tmp && make"]


def declared() -> list:
    return [r for r in all_rules().values() if inputs_of(r).keywords is not None]


def test_declarations_name_instruction_keywords():
    rules = declared()
    assert len(rules) >= 50  # the declarations are there
    for rule in rules:
        inputs = inputs_of(rule)
        assert isinstance(inputs.keywords, frozenset) and inputs.keywords <= KEYWORDS, rule.code
        assert not rule.needs_context, f"{rule.code}: context rules are never re-used"
        if inputs.programs is not None:
            assert "RUN" in inputs.keywords and isinstance(inputs.programs, frozenset) and inputs.programs, rule.code
            assert all(isinstance(p, str) and p for p in inputs.programs), rule.code


def test_node_rules_declare_what_the_walk_hands_them():
    """A rule with node hooks leaves `check` to the walk, and declares the keywords its
    `check_instruction` and the programs its `check_command` are called for."""
    for rule in all_rules().values():
        hooks = [h for h in ("check_instruction", "check_command") if hasattr(rule, h)]
        if not hooks:
            continue
        assert is_node_rule(rule), f"{rule.code}: a rule with node hooks must not override check"
        inputs = inputs_of(rule)
        if "check_instruction" in hooks:
            assert inputs.keywords, rule.code
        if "check_command" in hooks:
            assert inputs.programs and "RUN" in inputs.keywords, rule.code


def _begin(ins) -> int:
    return ins.comments[0].start if ins.comments else ins.head


def mutations(text: str, rng: random.Random, same_keyword: dict[str, list[str]], count: int):
    """`count` edits, each (start, old_end, new text), around randomly chosen instructions."""
    df = parse(text)
    if not df.instructions:
        return
    for _ in range(count):
        ins = rng.choice(df.instructions)
        begin, end = _begin(ins), min(len(text), ins.end + 1)
        kind = rng.randrange(5)
        if kind == 0:
            yield begin, end, ""                                        # deleted
        elif kind == 1:
            yield begin, begin, text[begin:end] + ("" if text[begin:end].endswith("\n") else "\n")  # repeated
        elif kind == 2:
            yield begin, begin, rng.choice(FOREIGN) + "\n"             # something inserted before it
        elif kind == 3 and same_keyword.get(ins.keyword):
            yield ins.head, ins.end, rng.choice(same_keyword[ins.keyword])  # rewritten
        else:
            at = rng.randrange(ins.start, ins.end + 1)
            yield at, min(at + rng.randrange(2), ins.end), rng.choice(["x", " ", "-", "'", "&&", ""])


@pytest.fixture(scope="module")
def texts() -> list[str]:
    found = corpus_texts()
    return found + concatenations(found, 40, seed=7)


def test_declared_rules_keep_their_findings_through_edits_to_what_they_do_not_read(texts):
    rng = random.Random(3)
    same_keyword: dict[str, list[str]] = {}
    for text in rng.sample(texts, 200):
        df = parse(text)
        for ins in df.instructions:
            if ins.sub is None and len(same_keyword.setdefault(ins.keyword, [])) < 300:
                same_keyword[ins.keyword].append(text[ins.head:ins.end])
    spared: Counter[str] = Counter()
    wrong: dict[str, str] = {}
    for n, text in enumerate(texts):
        config = CONFIGS["configured" if n % 3 == 0 else "default"]
        for start, old_end, new in mutations(text, rng, same_keyword, 6):
            checker = IncrementalChecker(stage_memo=False)
            checker.check(text, "Dockerfile", config, model=parse(text))
            changed = text[:start] + new + text[old_end:]
            got = checker.check(changed, "Dockerfile", config, model=parse(changed)).diagnostics
            want = run(changed, "Dockerfile", config).diagnostics
            spared.update(checker.inputs.spared)
            if [as_tuple(d) for d in got] != [as_tuple(d) for d in want]:
                codes = {d[0] for d in set(map(as_tuple, got)) ^ set(map(as_tuple, want))}
                for code in codes:
                    wrong.setdefault(code, f"{text[:200]!r}\n-- edit {start}:{old_end} -> {new!r}")
    assert not wrong, "\n\n".join(f"{code}: {example}" for code, example in sorted(wrong.items()))
    enabled = {r.code for r in enabled_rules(CONFIGS["default"], "dockerfile", "Dockerfile")}
    rarely = {r.code: spared[r.code] for r in declared() if r.code in enabled and spared[r.code] < 100}
    assert not rarely, f"declared rules spared too rarely to be held to their declaration: {rarely}"


def test_the_server_path_equals_fresh_checks_through_random_edits(texts):
    rng = random.Random(17)
    candidates = [t for t in texts if 2_000 < len(t) < 20_000 and "RUN " in t]
    config = CONFIGS["configured"]
    spared = checks = 0
    for text in rng.sample(candidates, 12):
        checker = IncrementalChecker()
        model = parse(text)
        checker.check(text, "Dockerfile", config, model=model)
        runs = [i for i, line in enumerate(text.split("\n")) if line.startswith("RUN ")]
        for step in range(25):
            if step % 2 and runs:  # typing inside a RUN, as most keystrokes do
                lines = text.split("\n")
                row = rng.choice(runs)
                start = sum(len(line) + 1 for line in lines[:row]) + rng.randrange(len(lines[row]) + 1)
                old_end, new = start, rng.choice(["x", " ", "a", "-"])
            else:
                start, old_end, new = edit(text, rng)
            text = text[:start] + new + text[old_end:]
            model = checker.reparse(model, text, start, old_end, len(new))
            got = checker.check(text, "Dockerfile", config, model=model).diagnostics
            want = run(text, "Dockerfile", config).diagnostics
            assert [as_tuple(d) for d in got] == [as_tuple(d) for d in want]
            spared += len(checker.inputs.spared)
            checks += 1
    assert checks == 300 and spared > 300 * 20


def _change(old: str, new: str):
    return change_between(parse(old), parse(new))


def test_the_change_names_the_instructions_an_edit_touched_before_and_after():
    base = "FROM alpine\n# a note\nCOPY a /a\nRUN apt-get update && pip install x\nLABEL a=b\n"
    c = _change(base, base.replace("pip install x", "pip install y"))
    assert c.keywords == {"RUN"} and c.programs == {"apt-get", "pip"} and c.delta == 0
    assert _change(base, base.replace("&& pip", "&& sudo pip")).programs == {"apt-get", "pip", "sudo"}
    c = _change(base, base.replace("pip install", "npm install"))
    assert c.programs == {"apt-get", "pip", "npm"}                  # the RUN as it was and as it is
    assert _change(base, base.replace("# a note", "# a nose")).keywords == {"COPY"}  # its comment
    assert _change(base, base.replace("LABEL a=b\n", "")).keywords == {"LABEL"}
    assert _change(base, base.replace("COPY a /a\n", "COPY a /a\nUSER x\n")).keywords == {"USER"}
    # a continuation that swallows the next line: the instructions after no longer line up
    assert _change(base, base.replace("/a\nRUN", "/a \\\nRUN")).keywords is None
    assert _change(base, "# escape=`\n" + base).keywords is None     # parser directives: anything
    assert _change(base, base.replace("\n", "\r\n", 1)).keywords is None  # the line ending fixes insert
    assert _change(base, base).keywords == frozenset()


def test_a_rule_that_reads_nothing_changed_gets_its_findings_back_moved():
    text = "FROM alpine:3.20\nADD a.txt /a\nRUN echo hi\nADD b.txt /b\n"
    checker = IncrementalChecker(stage_memo=False)
    first = checker.check(text, "Dockerfile", CONFIGS["default"], model=parse(text)).diagnostics
    edited = text.replace("echo hi", "echo hello there")
    again = checker.check(edited, "Dockerfile", CONFIGS["default"], model=parse(edited)).diagnostics
    inputs = checker.inputs
    assert "DL3020" in inputs.spared and "DL4006" not in inputs.spared  # DL4006 reads every RUN
    before = [d.start for d in first if d.code == "DL3020"]
    assert before == [text.index("ADD a"), text.index("ADD b")]
    # the one before the edit stays, the one after it moves with the text
    assert [d.start for d in again if d.code == "DL3020"] == [before[0], before[1] + len("hello there") - len("hi")]


def test_common_prefix_and_suffix():
    assert common_prefix("abcdef", "abcxef") == 3 and common_suffix("abcdef", "abcxef", 3) == 2
    assert common_prefix("", "abc") == 0 and common_suffix("abc", "abc", 0) == 0
    assert common_suffix("aaaa", "aaaaa", 4) == 4


def _without_inputs(text: str, rule: Rule) -> str:
    """`text` without the instructions the rule reads (besides the skeleton): with `programs`,
    only the RUNs running one of them go."""
    inputs = inputs_of(rule)
    gone = inputs.keywords - SKELETON
    df = parse(text)
    cut = []
    for ins in df.instructions:
        own = ins.sub or ins
        if ins.keyword not in gone and own.keyword not in gone:
            continue
        if own.keyword == "RUN" and inputs.programs is not None and not (gone - {"RUN"}) & {ins.keyword, own.keyword}:
            script = df.script(own)
            runs = set() if script is None else {c.program for c in script.commands} | {
                c.argv[0].value.rsplit("/", 1)[-1] for c in script.commands if c.argv}
            if runs.isdisjoint(inputs.programs):
                continue
        cut.append((_begin(ins), min(len(text), ins.end + 1)))
    kept, at = [], 0
    for start, end in cut:
        kept.append(text[at:start])
        at = end
    return "".join(kept) + text[at:]


def _skeleton_only(text: str) -> str:
    df = parse(text)
    return "".join(text[_begin(ins):ins.end + 1] for ins in df.instructions
                   if ins.keyword in SKELETON and ins.sub is None)


@pytest.mark.parametrize("config_name", sorted(CONFIGS))
def test_a_rule_finds_nothing_where_its_inputs_cannot_occur(texts, config_name):
    """The walk (and the registry, which does not import such a rule) skips a rule none of whose
    declared keywords or programs occurs in the file, unless it `reports_missing`: each corpus
    file without what the rule reads must give it no finding when run on its own."""
    config = CONFIGS[config_name]
    skippable = [r for r in enabled_rules(config, "dockerfile", "Dockerfile")
                 if inputs_of(r).keywords is not None and not inputs_of(r).reports_missing]
    assert len(skippable) > 50
    checked = Counter()
    wrong: dict[str, str] = {}
    # the rules' own fixtures hold the corner cases; a file of skeleton instructions alone
    # (FROM, ARG, ENV, SHELL) tests what a rule finds on those
    fixtures = [p.read_text() for p in sorted(FIXTURES.glob("*/input*.Dockerfile"))]
    for text in texts[::2] + fixtures + [_skeleton_only(t) for t in texts[::4] + fixtures]:
        for rule in skippable:
            cut = _without_inputs(text, rule)
            df = parse(cut)
            ctx = RuleContext(path="Dockerfile", settings=config.settings, df=df, text=cut)
            if can_occur(rule, df):
                continue  # its inputs still occur (a skeleton keyword it names, a program elsewhere)
            checked[rule.code] += 1
            found = list(rule.check(ctx)) if not is_node_rule(rule) else []
            if found:
                wrong.setdefault(rule.code, f"{cut[:300]!r}: {found[0].message}")
    assert not wrong, "\n\n".join(f"{code}: {example}" for code, example in sorted(wrong.items()))
    assert sum(checked.values()) > 10_000


@pytest.mark.parametrize("config_name", sorted(CONFIGS))
def test_the_walk_finds_what_each_rule_finds_alone(texts, config_name):
    """The CLI path (one walk, rules skipped where their inputs do not occur, node rules handed
    their nodes) finds exactly what running each enabled rule alone over the file finds."""
    config = CONFIGS[config_name]
    rules = [r for r in enabled_rules(config, "dockerfile", "Dockerfile") if not r.needs_context]
    skipped = 0
    for text in texts:
        df = parse(text)
        df.stages  # noqa: B018
        ctx = RuleContext(path="Dockerfile", settings=config.settings, df=df, text=text)
        together = walk(rules, ctx, None)
        for rule in rules:
            alone = list(rule.check(ctx))
            assert [as_tuple(d) for d in together[rule.code]] == [as_tuple(d) for d in alone], rule.code
        skipped += sum(not can_occur(r, df) for r in rules)
    assert skipped > 1_000  # the walk did skip rules, and they found nothing


class _EveryRule:
    """The registry's catalog with every rule imported up front (no stand-ins)."""

    def rules(self):
        return all_rules()

    def __getattr__(self, name):
        from dockwise.rules.registry import CATALOG
        return getattr(CATALOG, name)


def test_the_cli_path_finds_what_running_every_rule_finds(texts, monkeypatch):
    """`run` as the CLI calls it (rules chosen from the generated table, modules imported only
    where their inputs occur, one walk) equals `run` with every rule imported and none skipped,
    suppressions, overlaps and severities included."""
    config = CONFIGS["configured"]
    lazy = [[as_tuple(d) for d in run(text, "Dockerfile", config).diagnostics] for text in texts]
    monkeypatch.setattr(Inputs, "can_occur", lambda self, keywords, programs: True)
    eager = [[as_tuple(d) for d in run(text, "Dockerfile", config, catalog=_EveryRule()).diagnostics]
             for text in texts]
    assert sum(map(len, lazy)) > 10_000
    for text, got, want in zip(texts, lazy, eager):
        assert got == want, text[:300]


def test_a_node_hook_must_be_declared_when_the_class_is_made():
    from dockwise.engine.diagnostic import Category

    with pytest.raises(TypeError, match="must name RUN and the programs"):
        class NoPrograms(Rule):
            code, name, category = "DW996", "no-programs", Category.CORRECTNESS
            inputs = Inputs(keywords={"RUN"})

            def check_command(self, cmd, ins, script, ctx):
                return ()
    with pytest.raises(TypeError, match="must name the keywords"):
        class NoKeywords(Rule):
            code, name, category = "DW995", "no-keywords", Category.CORRECTNESS

            def check_instruction(self, ins, ctx):
                return ()


def test_a_node_rule_that_raises_loses_its_findings_and_no_other_rule_does():
    from dockwise.engine.diagnostic import Category

    class Boom(Rule):
        code, name, category = "DW997", "boom", Category.CORRECTNESS
        inputs = Inputs(keywords={"RUN", "COPY"})

        def check_instruction(self, ins, ctx):
            if "boom" in ins.rest:
                raise RuntimeError("a bug in the rule")
            yield self.report(ins.start, ins.end)

    class Runs(Rule):
        code, name, category = "DW998", "runs", Category.CORRECTNESS
        inputs = Inputs(keywords={"RUN"})

        def check_instruction(self, ins, ctx):
            yield self.report(ins.start, ins.end)

    text = "FROM alpine:3.20\nCOPY a /a\nRUN echo boom\nRUN echo boom again\nRUN echo fine\n"
    ctx = RuleContext(path="Dockerfile", settings=CONFIGS["default"].settings, df=parse(text), text=text)
    crashed = []
    found = walk([Boom(), Runs()], ctx, lambda rule: crashed.append(rule.code))
    assert crashed == ["DW997"]                      # once, however many nodes it would have raised on
    assert list(found) == ["DW998"] and len(found["DW998"]) == 3
    with pytest.raises(RuntimeError):
        list(Boom().check(ctx))                      # alone (the stage memo, tests): it propagates
