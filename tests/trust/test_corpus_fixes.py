"""`check --fix --unsafe-fixes` over the whole corpus keeps every file sound.

For each corpus file (on a copy, through the real fixer): BuildKit's parser (test-only oracle)
still accepts the result when it accepted the original; instructions and their order are
unchanged except where a fix says so (merged RUNs, MAINTAINER → LABEL, ADD → COPY, an ARG or
COPY replaced by a RUN mount: REMOVES); a second run finds nothing left to fix; CRLF line
endings and a BOM survive. The same again with `merge-style = "heredoc"`, whose merged RUNs are
`RUN <<EOF` scripts that DW411 accepts. A RUN that only changes owners or modes may go when the
fixed file says them in more `COPY/ADD --chown/--chmod` flags (DW112 moves
`RUN chmod +x /entrypoint.sh` into the COPY that created the file).
"""

from __future__ import annotations

import itertools

import pytest

from dockwise.config import Config
from dockwise.dockerfile import parse
from dockwise.engine.check import run
from dockwise.engine.fixer import allowed, fix_text
from dockwise.engine.rule import RuleSettings

from shared_data import corpus_dockerfiles

import dockerfile  # the BuildKit oracle (PyPI "dockerfile"), a test dependency

CONFIG = Config(select=["ALL"], preview=True)
HEREDOC = Config(select=["ALL"], preview=True, settings=RuleSettings(merge_style="heredoc"))
# the merge styles, and the cache-mount alternatives preferred to the clean-up fixes (`--prefer-fix cache-mount`)
VARIANTS = {"and": CONFIG, "heredoc": HEREDOC, "cache-mount": CONFIG.with_overrides(prefer_fixes=("cache-mount",))}
RENAMES = {"MAINTAINER": "LABEL", "ADD": "COPY"}  # what DL4000 and DL3020 change, by design
OWNERSHIP = frozenset({"chown", "chmod", "chgrp"})
NO_OPS = frozenset({"set", "true", ":"})


def _ownership_only(df, ins) -> bool:
    """A RUN whose every command is `chown`/`chmod`/`chgrp` (or `set`, `true`)."""
    script = df.script(ins) if ins.keyword == "RUN" else None
    return bool(script and script.commands) and \
        all(c.program in OWNERSHIP or c.program in NO_OPS for c in script.commands) and \
        any(c.program in OWNERSHIP for c in script.commands)


def shape(text: str, without_ownership_runs: bool = False) -> list[str]:
    df = parse(text)
    keywords = [RENAMES.get(i.keyword, i.keyword) for i in df.instructions
                if not (without_ownership_runs and _ownership_only(df, i))]
    return [k for k, _ in itertools.groupby(keywords)]  # merged RUNs collapse


def ownership_flags(text: str) -> int:
    return sum(1 for i in parse(text).instructions if i.keyword in ("COPY", "ADD")
               for f in i.flags if f.name in ("chown", "chmod"))


# Fixes that move an instruction's work into a `RUN --mount` remove instructions, by design:
# code → (the keywords one application may remove, how many at most).
REMOVES = {
    "DW201": ({"ARG", "ENV"}, 2),   # the secret `ARG` and the `ENV` copying it → a secret mount
    "DW222": ({"COPY", "RUN"}, 2),  # the credential file's COPY and the RUN that only deleted it
    "DW301": ({"COPY"}, 1),         # a COPY only the next RUN read → a bind mount
}


def same_shape(before: str, after: str, applied: list[tuple[str, str]]) -> bool:
    """Whether `after`'s instruction sequence is `before`'s, up to merges and renames, up to
    the instructions the applied fixes of REMOVES may remove (each only its keywords, at most
    its count), after which repeats collapse again, and up to RUNs that only changed owners or
    modes whose change the fixed file's COPY/ADD flags now make."""
    if _removed_at_most(shape(before), shape(after), applied):
        return True
    return (_removed_at_most(shape(before, True), shape(after, True), applied)
            and ownership_flags(after) > ownership_flags(before))


def _removed_at_most(old: list[str], new: list[str], applied: list[tuple[str, str]]) -> bool:
    if old == new:
        return True
    allowed = set().union(*(REMOVES[c][0] for c, _ in applied if c in REMOVES))
    budget = sum(REMOVES[c][1] for c, _ in applied if c in REMOVES)
    states = {(0, None, budget)}  # (how much of `new` is matched, the last kept keyword, removals left)
    for keyword in old:
        step = set()
        for matched, last, left in states:
            if keyword in allowed and left:
                step.add((matched, last, left - 1))
            if keyword == last:
                step.add((matched, last, left))  # joins the group before it once what was between is gone
            elif matched < len(new) and new[matched] == keyword:
                step.add((matched + 1, keyword, left))
        states = step
    return any(matched == len(new) for matched, _, _ in states)


def oracle_accepts(text: str) -> bool:
    try:
        dockerfile.parse_string(text)
        return True
    except dockerfile.GoParseError:
        return False


FILES = corpus_dockerfiles()


@pytest.mark.parametrize("style", ["and", "heredoc", "cache-mount"])
@pytest.mark.parametrize("chunk", range(8))
def test_fixes_keep_corpus_files_sound(chunk, style):
    config = VARIANTS[style]
    problems = []
    for path in FILES[chunk::8]:
        text = path.read_bytes().decode("utf-8", errors="replace")
        if "\ufffd" in text:
            continue  # not valid UTF-8: the CLI refuses to fix such files
        crashed = run(text, str(path.name), config).crashed
        if crashed:
            problems.append(f"{path.parent.name}/{path.name}: rules crashed: {crashed}")
        outcome = fix_text(text, str(path.name), config, unsafe=True)
        fixed = outcome.text
        name = f"{path.parent.name}/{path.name}"
        problems.extend(p.describe(name) for p in outcome.problems)  # what `--fix` warns about
        if oracle_accepts(text) and not oracle_accepts(fixed):
            problems.append(f"{name}: BuildKit no longer parses the fixed file")
        if not same_shape(text, fixed, outcome.applied):
            problems.append(f"{name}: instruction sequence changed beyond merges/renames/mount fixes")
        again = fix_text(fixed, str(path.name), config, unsafe=True)
        if again.applied:
            problems.append(f"{name}: a second run still fixes {again.applied}")
        leftover = [d.code for d in outcome.remaining if d.fix is not None and d.fix.edits and allowed(d.fix, True)]
        if leftover and not outcome.skipped:
            problems.append(f"{name}: fixable findings left without a reason: {leftover}")
        if ("\r\n" in text) != ("\r\n" in fixed) or text.startswith("\ufeff") != fixed.startswith("\ufeff"):
            problems.append(f"{name}: line endings or BOM changed")
        if text.endswith("\n") != fixed.endswith("\n"):
            problems.append(f"{name}: final newline changed")
    assert not problems, "\n".join(problems)


def test_heredoc_merges_over_the_corpus_leave_nothing_for_dw411():
    """Every RUN the heredoc merge writes starts with `set -e`: DW411 (heredoc without errexit)
    finds no more on a merged file than on the original, and the merges happen (the corpus has
    dozens of groups of RUNs)."""
    merge = Config(select=["DL3059"], settings=RuleSettings(merge_style="heredoc"))
    merged_files = 0
    problems = []
    for path in FILES:
        text = path.read_bytes().decode("utf-8", errors="replace")
        if "\ufffd" in text or "RUN" not in text:
            continue
        fixed = fix_text(text, path.name, merge, unsafe=True).text
        if fixed == text:
            continue
        merged_files += 1
        before = [d for d in run(text, path.name, Config(select=["DW411"])).diagnostics if d.code == "DW411"]
        after = [d for d in run(fixed, path.name, Config(select=["DW411"])).diagnostics if d.code == "DW411"]
        if len(after) > len(before):
            problems.append(f"{path.parent.name}/{path.name}: DW411 fires on the merged heredoc")
    assert merged_files >= 50 and not problems, "\n".join(problems)


def test_crlf_bom_and_tabs_survive_a_fix():
    text = "\ufeffFROM python:3.12\r\nRUN pip install flask \\\r\n\t&& echo ok\r\n"
    out = fix_text(text, "Dockerfile", Config(select=["DL3042"])).text
    assert out == "\ufeffFROM python:3.12\r\nRUN pip install --no-cache-dir flask \\\r\n\t&& echo ok\r\n"


def test_shape_allows_only_ownership_runs_moved_into_copy_flags():
    before = "FROM alpine\nCOPY run.sh /run.sh\nRUN chmod 755 /run.sh\nCMD [\"/run.sh\"]\n"
    assert same_shape(before, "FROM alpine\nCOPY --chmod=755 run.sh /run.sh\nCMD [\"/run.sh\"]\n", [])
    # the RUN gone without the flag that says it, or a RUN doing more than chmod gone
    assert not same_shape(before, "FROM alpine\nCOPY run.sh /run.sh\nCMD [\"/run.sh\"]\n", [])
    more = before.replace("chmod 755 /run.sh", "chmod 755 /run.sh && apk add curl")
    assert not same_shape(more, "FROM alpine\nCOPY --chmod=755 run.sh /run.sh\nCMD [\"/run.sh\"]\n", [])


def test_same_shape_allows_only_what_the_applied_mount_fixes_remove():
    before = "FROM node:20\nARG NPM_TOKEN\nRUN npm ci\nARG X\nRUN npm run build\n"
    after_arg = "FROM node:20\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\nARG X\nRUN npm run build\n"
    assert same_shape(before, after_arg, [("DW201", "Pass …")])
    assert not same_shape(before, after_arg, [])                       # no such fix applied
    assert not same_shape(before, after_arg, [("DW301", "Mount …")])   # that fix removes COPYs only
    both = "FROM node:20\nRUN a\nRUN b\n"  # two ARGs gone: the RUNs around them are one group
    assert same_shape(before, both, [("DW201", "…"), ("DW201", "…")])
    with_copy = "FROM a\nARG T\nCOPY x .\nRUN y\n"
    assert not same_shape(with_copy, "FROM a\nRUN y\n", [("DW201", "…")] * 3)  # a COPY is not the ARG fix's
    assert not same_shape(with_copy, "FROM a\nRUN y\n", [("DW201", "…"), ("DW301", "…")][:1])
    assert same_shape(with_copy, "FROM a\nRUN y\n", [("DW201", "…"), ("DW301", "…")])
    copy = "FROM a\nCOPY x /x\nRUN y\nCOPY . .\n"
    assert same_shape(copy, "FROM a\nRUN --mount=type=bind,source=x,target=/x y\nCOPY . .\n", [("DW301", "…")])


@pytest.mark.parametrize("chunk", range(4))
def test_each_suggestion_applied_alone_keeps_the_file_sound_and_cures_its_finding(chunk):
    """Suggestions are never applied in bulk (`--fix` leaves them to the user, who applies one
    in the editor): each, applied alone to its corpus file, must still leave a file BuildKit
    parses, change the instructions only as its rule may, and remove its finding."""
    from dockwise.engine.diagnostic import Applicability
    from dockwise.engine.fixer import apply_edits

    problems, applied = [], 0
    for path in FILES[chunk::4]:
        text = path.read_bytes().decode("utf-8", errors="replace")
        if "\ufffd" in text:
            continue
        found = run(text, path.name, CONFIG).diagnostics
        for d in found:
            for fix in d.fixes:
                if fix.applicability is not Applicability.SUGGESTION or not fix.edits:
                    continue
                applied += 1
                name = f"{path.parent.name}/{path.name}:{d.line + 1} {d.code} {fix.title!r}"
                after = apply_edits(text, list(fix.edits))
                if oracle_accepts(text) and not oracle_accepts(after):
                    problems.append(f"{name}: BuildKit no longer parses the file")
                if not same_shape(text, after, [(d.code, fix.title)]):
                    problems.append(f"{name}: instruction sequence changed beyond what {d.code} may change")
                before = sum(1 for f in found if f.code == d.code)
                left = sum(1 for f in run(after, path.name, CONFIG).diagnostics if f.code == d.code)
                if left >= before:
                    problems.append(f"{name}: its finding is still there")
    assert applied and not problems, "\n".join(problems)
