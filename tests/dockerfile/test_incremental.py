"""Incremental re-parsing equals a full parse, and re-tokenises only what an edit touches."""

from __future__ import annotations

import random

import pytest

from dockwise.dockerfile import incremental, parser
from dockwise.dockerfile.parser import parse
from shared_data import corpus_dockerfiles


def dump_ins(ins):
    return (ins.keyword, ins.raw_keyword, ins.start, ins.end, ins.keyword_end, ins.head, ins.tail,
            ins.line.text, tuple(ins.line.starts), tuple(ins.line.sources), ins.rest, ins.rest_index,
            tuple((f.name, f.value, f.start, f.end, f.value_start, f.value_end) for f in ins.flags),
            ins.args, tuple((w.value, w.start, w.end) for w in ins.words),
            tuple(((p.key.value, p.key.start, p.key.end),
                   (p.value.value, p.value.start, p.value.end) if p.value else None, p.equals) for p in ins.pairs),
            ins.json,
            tuple((h.name, h.chomp, h.quoted, h.fd, (h.marker.value, h.marker.start, h.marker.end), h.content,
                   h.body_start, h.body_end, h.end, h.terminated) for h in ins.heredocs),
            dump_ins(ins.sub) if ins.sub is not None else None,
            tuple((c.text, c.start, c.end, c.line) for c in ins.comments),
            ins.empty_continuation, ins.index, ins.stage.index if ins.stage is not None else None)


def dump(df):
    return {
        "instructions": [dump_ins(i) for i in df.instructions],
        "comments": [(c.text, c.start, c.end, c.line) for c in df.comments],
        "errors": [(e.code, e.message, e.start, e.end) for e in df.errors],
        "directives": df.directives, "escape": df.escape, "directives_end": df.directives_end,
        "had_bom": df.had_bom, "line_starts": df.source.line_starts, "text": df.text,
        "stages": [(s.index, s.from_.index, s.name, s.image, s.platform, sorted(s.unresolved),
                    s.base_stage.index if s.base_stage is not None else None,
                    [i.index for i in s.instructions]) for s in df.stages],
        "global_args": df.global_args,
    }


SNIPPETS = ["\n", "\\\n", "RUN echo hi\n", "# comment\n", "<<EOF\n", "EOF\n", "\r\n", " ", "x",
            "COPY <<EOT /a\nbody\nEOT\n", "# dockwise: ignore=DL3042\n", "FROM alpine AS b\n", "\\",
            "`\n", "é😀", "# escape=`\n", "ENV A=1 \\\n  B=2\n", "ONBUILD RUN <<X\nx\nX\n", "\t", "-"]

EXTRA = [
    "# syntax=docker/dockerfile:1\n# escape=\\\nFROM alpine\nRUN <<EOF\necho a\nEOF\n# c\nRUN a \\\n  # inner\n  b\n",
    "FROM alpine\r\nRUN apk add \\\r\n   curl\r\n\r\n# note\r\nCMD [\"x\"]\r\n",
    "# escape=`\nFROM mcr.microsoft.com/windows\nRUN a `\n  b\nCOPY <<-EOF /x\n\tbody\n\tEOF\n",
    "\ufeffFROM alpine\nRUN pip install x\n",
]


def texts():
    files = corpus_dockerfiles()
    rnd = random.Random(7)
    chosen = rnd.sample(files, min(60, len(files)))
    out = []
    for p in chosen:
        data = p.read_bytes()
        if b"\x00" in data:
            continue
        out.append(data.decode("utf-8", "replace"))
    return out + EXTRA


def random_edit(rnd: random.Random, text: str):
    n = len(text)
    kind = rnd.random()
    start = rnd.randint(0, n)
    if rnd.random() < 0.5 and n:  # land at a line start or end, where structure changes
        nl = [i + 1 for i, c in enumerate(text) if c == "\n"] or [0]
        start = min(rnd.choice(nl) - rnd.choice((0, 0, 1, 2)), n)
        start = max(start, 0)
    if kind < 0.35:
        end = start
    else:
        end = min(n, start + rnd.choice((1, 1, 2, 5, 20, 80)))
    new = "" if kind > 0.7 else rnd.choice(SNIPPETS) * rnd.choice((1, 1, 2))
    return start, end, new


@pytest.mark.parametrize("seed", range(8))
def test_random_edits_equal_full_parse(seed):
    rnd = random.Random(seed)
    for text in texts():
        df = parse(text)
        for _ in range(12):
            start, end, new = random_edit(rnd, text)
            new_text = text[:start] + new + text[end:]
            got = parse(new_text, resume_from=df, edit=(start, end, len(new)))
            want = parse(new_text)
            assert dump(got) == dump(want), (seed, repr(text[:200]), start, end, new)
            text, df = new_text, got


def big_file() -> str:
    parts = []
    for p in corpus_dockerfiles():
        data = p.read_bytes()
        if b"\x00" in data or p.name.startswith("buildkit"):
            continue
        t = data.decode("utf-8", "replace")
        if "escape=" in t[:200] or "\r" in t:
            continue
        parts.append(t if t.endswith("\n") else t + "\n")
        if sum(x.count("\n") for x in parts) >= 5000:
            break
    text = "".join(parts)
    lines = text.split("\n")[:5000]
    return "\n".join(lines) + "\n"


def test_one_line_edit_in_big_file_retokenises_little(monkeypatch):
    text = big_file()
    assert text.count("\n") == 5000
    df = parse(text)
    # a RUN in the middle of the file
    runs = [i for i in df.instructions if i.keyword == "RUN" and not i.heredocs and i.start > len(text) // 2]
    target = runs[0]
    at = target.keyword_end + 1
    calls = []
    real = parser._instruction

    def counting(line, begin, state):
        calls.append(line.text[:30])
        return real(line, begin, state)

    monkeypatch.setattr(parser, "_instruction", counting)
    new_text = text[:at] + "apt-get update && " + text[at:]
    got = parse(new_text, resume_from=df, edit=(at, at, len("apt-get update && ")))
    assert len(calls) <= 3, calls  # the edited RUN and the one before it
    monkeypatch.setattr(parser, "_instruction", real)
    assert dump(got) == dump(parse(new_text))
    assert got.instructions[target.index].rest.startswith("apt-get update && ")


def test_edits_inside_directives_fall_back_and_match():
    text = "# syntax=docker/dockerfile:1\nFROM alpine\nRUN a \\\n b\n"
    df = parse(text)
    new_text = "# escape=`\n" + text
    got = parse(new_text, resume_from=df, edit=(0, 0, len("# escape=`\n")))
    assert dump(got) == dump(parse(new_text))
    assert got.escape == "`"


def test_cached_stage_and_script_are_recomputed():
    text = "FROM alpine\nRUN pip install a\nFROM debian\nRUN pip install b\n"
    df = parse(text)
    for ins in df.instructions:
        df.script(ins)
    new_text = text.replace("FROM alpine\n", "FROM alpine AS base\n")
    at = len("FROM alpine")
    got = parse(new_text, resume_from=df, edit=(at, at, len(" AS base")))
    assert dump(got) == dump(parse(new_text))
    last = got.instructions[-1]
    script = got.script(last)
    assert script is not None
    assert got.stages[1].from_ is got.instructions[2]
    assert got.stages[0].name == "base" and last.stage is got.stages[1]


def _script_dump(df):
    out = []
    for ins in df.instructions:
        s = df.script(ins)
        out.append(None if s is None else [(c.start, c.end, c.operator_after, c.in_pipeline,
                                            [(w.value, w.start, w.end, w.literal) for w in c.argv]) for c in s.commands])
    return out


def test_shell_analysis_moved_with_shifted_instructions_equals_a_fresh_one():
    rng = random.Random(11)
    files = [p for p in corpus_dockerfiles() if "RUN" in p.read_text(errors="replace")][:40]
    for path in files:
        text = path.read_text(errors="replace")
        old = parse(text)
        _script_dump(old)  # analyse every RUN so the cached scripts get shifted
        i = rng.randrange(len(text) // 2 + 1)
        insert = rng.choice(["\n", "RUN echo hi && ls\n", "# c\n", "ENV A=1\n", "é🐳"])
        new_text = text[:i] + insert + text[i:]
        new = parse(new_text, resume_from=old, edit=(i, i, len(insert)))
        assert _script_dump(new) == _script_dump(parse(new_text)), path.name


def test_a_new_shell_instruction_turns_analysis_off_for_reused_runs():
    text = "FROM alpine\nRUN echo a\nRUN echo b\n"
    old = parse(text)
    assert _script_dump(old)[1] is not None
    ins = 'SHELL ["powershell", "-Command"]\n'
    new_text = text.replace("RUN echo a\n", "RUN echo a\n" + ins)
    at = text.index("RUN echo b")
    new = parse(new_text, resume_from=old, edit=(at, at, len(ins)))
    assert _script_dump(new)[3] is None


def concatenated(lines: int) -> str:
    """About `lines` lines of corpus Dockerfiles one after another (many stages, comments,
    heredocs and continuations), as a big real-world file looks to the parser."""
    text = big_file()
    out = text
    while out.count("\n") < lines:
        out += text
    return "\n".join(out.split("\n")[:lines]) + "\n"


@pytest.mark.parametrize("seed", range(2))
def test_random_edits_to_a_20000_line_file_equal_full_parse(seed):
    rnd = random.Random(100 + seed)
    text = concatenated(20_000)
    df = parse(text)
    for n in range(10):
        # several edits in a row without reading the model (queued changes applied together),
        # then a comparison with a fresh parse
        for _ in range(1 + n % 3):
            start, end, new = random_edit_anywhere(rnd, text)
            new_text = text[:start] + new + text[end:]
            df = parse(new_text, resume_from=df, edit=(start, end, len(new)))
            text = new_text
        assert dump(df) == dump(parse(text)), (seed, n)


def random_edit_anywhere(rnd: random.Random, text: str):
    """`random_edit` without its scan of every line (too slow at 20,000 lines)."""
    start = rnd.randint(0, len(text))
    if rnd.random() < 0.5:
        start = text.rfind("\n", 0, start) + 1
    end = start if rnd.random() < 0.4 else min(len(text), start + rnd.choice((1, 2, 5, 20, 80)))
    new = "" if rnd.random() < 0.3 else rnd.choice(SNIPPETS) * rnd.choice((1, 1, 2))
    return start, end, new


def test_chained_edits_read_between_equal_full_parse():
    """Models made lazily from models still lazy, read part-way (a stand-in moved twice)."""
    rnd = random.Random(5)
    for text in texts()[:20]:
        df = parse(text)
        for _ in range(6):
            start, end, new = random_edit(rnd, text)
            new_text = text[:start] + new + text[end:]
            df = parse(new_text, resume_from=df, edit=(start, end, len(new)))
            text = new_text
            if rnd.random() < 0.5 and df.instructions:  # read one instruction's positions only
                df.instructions[rnd.randrange(len(df.instructions))].start  # noqa: B018
        assert dump(df) == dump(parse(text))


def work_of_one_character_edit(lines: int, monkeypatch) -> tuple[int, int, int]:
    """(instructions re-tokenised, instructions moved, runs kept) for one character typed into
    a RUN in the middle of a file of `lines` lines, before anything reads the new model."""
    text = concatenated(lines)
    df = parse(text)
    df.instructions  # noqa: B018
    target = [i for i in df.instructions if i.keyword == "RUN" and not i.heredocs and i.start > len(text) // 2][0]
    at = target.keyword_end + 1
    calls = []
    real = parser._instruction
    monkeypatch.setattr(parser, "_instruction", lambda *a: calls.append(1) or real(*a))
    before = incremental.moved_count
    new = parse(text[:at] + "x" + text[at:], resume_from=df, edit=(at, at, 1))
    moved = incremental.moved_count - before
    monkeypatch.setattr(parser, "_instruction", real)
    return len(calls), moved, len(new.resumed.pending[0].runs)


def test_a_one_character_edit_does_the_same_work_in_a_file_four_times_as_long(monkeypatch):
    small = work_of_one_character_edit(5_000, monkeypatch)
    large = work_of_one_character_edit(20_000, monkeypatch)
    assert small == large, (small, large)
    retokenised, moved, runs = large
    assert retokenised <= 3 and moved <= 2 and runs <= 3, large


def test_reading_one_instruction_moves_only_that_one():
    text = concatenated(5_000)
    df = parse(text)
    df.instructions  # noqa: B018
    at = text.index("\nRUN ", len(text) // 4) + 5
    new = parse(text[:at] + "x" + text[at:], resume_from=df, edit=(at, at, 1))
    before = incremental.moved_count
    # Keywords and arguments need no moving; linking the stages (the end of the parse, when
    # the instructions are first read) moves the FROMs after the edit alone.
    keywords = [i.keyword for i in new.instructions]
    froms_after = sum(1 for i in df.instructions if i.keyword == "FROM" and i.start > at)
    assert 0 < froms_after < len(df.instructions) // 10
    assert incremental.moved_count == before + froms_after and len(keywords) == len(df.instructions)
    last = new.instructions[-1]
    assert last.keyword != "FROM"
    assert (last.start, last.end) == (df.instructions[-1].start + 1, df.instructions[-1].end + 1)
    assert incremental.moved_count == before + froms_after + 1


def test_asking_which_runs_run_a_program_moves_only_those():
    """After an edit near the top, a rule about one tool moves the RUNs running it, not every
    RUN after the edit (which programs a RUN runs does not depend on where it is)."""
    from dockwise.rules.support.helpers import commands, runs, runs_any, runs_with
    text = "FROM debian:12\n" + "".join(f"RUN echo {n} && \"\" x\n" for n in range(300)) \
        + "RUN apt-get update && apt-get install -y curl\n"
    df = parse(text)
    runs(df)  # every RUN's shell analysis made, as after a check
    at = text.index("echo 3") + 4
    new = parse(text[:at] + "x" + text[at:], resume_from=df, edit=(at, at, 1))
    new.instructions  # noqa: B018 - the parse finished (linking the stages moves the FROMs)
    before = incremental.moved_count
    found = runs_with(new, "apt-get")
    assert [ins.keyword for ins, _ in found] == ["RUN"] and found[0][1].commands[0].start == \
        text.index("apt-get update") + 1
    assert runs_any(new, "apt-get") and not runs_any(new, "apk")
    assert incremental.moved_count == before + 1
    # every RUN once, though a command runs a program named by an empty word (`""`)
    assert any(c.program == "" for _, _, c in commands(new))
    assert len(runs(new)) == 301 == len(runs_with(new, "echo", "echox", "apt-get"))
    assert len(commands(new)) == len({id(c) for _, _, c in commands(new)}) == 300 * 2 + 2


def test_a_dropped_model_leaves_no_cyclic_garbage():
    """The language server frees a replaced model by reference counting alone: no full garbage
    collection per check (which would walk every open document). So neither a parsed nor a
    re-parsed model, with its stages, variables and shell analyses, may hold a reference cycle."""
    import gc

    from dockwise.engine.check import check
    text = concatenated(600)
    check(text)  # modules imported on first use (a class made by a slotted dataclass leaves one)
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        df = parse(text)
        check(text, model=df)  # every rule: stages, scripts, pictures, variables
        at = text.index("\nRUN ", len(text) // 2) + 5
        new_text = text[:at] + "x" + text[at:]
        new = parse(new_text, resume_from=df, edit=(at, at, 1))
        check(new_text, model=new)
        del df, new
        gc.collect()
        cyclic = [type(o).__name__ for o in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert cyclic == [], sorted(set(cyclic))
