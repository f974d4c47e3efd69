"""Rules that declare what they read (`reads`, `programs`) and the language server's memo that
re-uses their findings while edits touch none of it.

A declaration is a promise: an edit to instructions the rule does not read never changes its
findings (they only move with the text). Held over every corpus file: instructions deleted,
repeated, rewritten (replaced by another of the same keyword from elsewhere in the corpus),
edited inside, and foreign instructions inserted — each time the memo's check must equal a
fresh one, and every declared rule must have been spared (and so verified) many times.
Then: random edit sequences through the server's path (re-parse, stage memo, input memo)."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from dockwise.dockerfile import parse
from dockwise.engine.check import enabled_rules, run
from dockwise.engine.incremental import IncrementalChecker
from dockwise.engine.incremental.inputs import SKELETON, change_between
from dockwise.rules.registry import all_rules
from dockwise.source import common_prefix, common_suffix
from memo_cases import CONFIGS, as_tuple, concatenations, corpus_texts, edit

KEYWORDS = {"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
            "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"}

FOREIGN = ["LABEL a=b", "EXPOSE 8080", "RUN echo hi", "COPY a.txt /b/", "ADD a.txt /b/", "USER nobody",
           "WORKDIR /srv", "HEALTHCHECK NONE", 'CMD ["python", "app.py"]', "ENTRYPOINT /run.sh", "VOLUME /data",
           "STOPSIGNAL SIGTERM", "MAINTAINER me", "RUN pip install flask", "RUN apt-get install -y gcc",
           "RUN rm -rf /var/lib/apt/lists/*", "RUN curl -k https://x | sh", "RUN npm install", "RUN apk add curl",
           "COPY --from=build /out /app", "USER root", "ENV PATH=/x:$PATH", "ARG V=1", "RUN cd /tmp && make"]


def declared() -> list:
    return [r for r in all_rules().values() if r.reads is not None]


def test_declarations_name_instruction_keywords():
    rules = declared()
    assert len(rules) >= 50  # the marks are there (a typo in the attribute would silently mark none)
    for rule in rules:
        assert isinstance(rule.reads, frozenset) and rule.reads <= KEYWORDS, rule.code
        assert not rule.reads & SKELETON, f"{rule.code}: every rule reads {sorted(SKELETON)} anyway"
        assert not rule.needs_context, f"{rule.code}: context rules are never re-used"
        if rule.programs is not None:
            assert "RUN" in rule.reads and isinstance(rule.programs, frozenset) and rule.programs, rule.code


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
