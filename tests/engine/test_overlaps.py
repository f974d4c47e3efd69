"""One problem, one finding: the audit of rules that fire on the same line.

Every rule runs over the shared corpus; each pair of codes found on one line must be either
resolved in `engine/overlaps.py` (one problem: only the preferred rule reports it) or listed
below as reviewed, with why the two findings are different problems. A new pair fails until
someone reviews it.
"""

import itertools
from collections import defaultdict

from dockwise.config import Config
from dockwise.engine.check import check
from dockwise.engine.overlaps import SAME_PROBLEM, drop_repeats
from dockwise.engine.diagnostic import Diagnostic, Severity
from shared_data import corpus_dockerfiles

# Findings about the image as a whole are anchored on the final stage's `FROM`; findings
# about the base image on its name. They ask different questions of one line.
FROM_LINE = ("the `FROM` line carries questions about the base (tag, variant, end of life, "
             "tag index, casing, arguments) and about the final image (user, healthcheck): "
             "each pair is two different problems")
FROM_PAIRS = """
DL3006-DL3057 DL3006-DL3063 DL3006-DW101 DL3006-DW200 DL3006-DW412 DL3006-DW455 DL3007-DL3057
DL3007-DL3063 DL3007-DW200 DL3007-DW412 DL3057-DL3063 DL3057-DL3065 DL3057-DW101 DL3057-DW150
DL3057-DW151 DL3057-DW152 DL3057-DW200 DL3057-DW412 DL3057-DW416 DL3057-DW421 DL3063-DW412
DL3063-DW416 DL3063-DW421 DL3065-DW101 DL3065-DW151 DL3065-DW200 DW101-DW150 DW101-DW151
DW101-DW200 DW150-DW151 DW150-DW152 DW150-DW200 DW150-DW412 DW150-DW455 DW151-DW200 DW152-DW200
DW200-DW412 DW412-DW421 DW412-DW455 DL3029-DW412 DL3006-DW221 DL3007-DW221 DL3057-DW221
DW221-DW412 DL3063-DW101 DL3063-DW150 DL3063-DW151 DL3063-DW152 DL3063-DL3065
"""
# One RUN (often one install command) can be unpinned, chatty, cache-leaving and unmerged at once.
RUN_LINE = ("one `RUN` or install command with several independent faults (pinning, prompts, "
            "recommends, caches, layer count, pipefail, TLS, build tools): each fix is separate")
RUN_PAIRS = """
DL3003-DL3004 DL3004-DL4006 DL3004-DW219 DL3008-DL3009 DL3008-DL3014 DL3008-DL3015 DL3008-DL3059
DL3008-DW120 DL3009-DL3015 DL3009-DL3027 DL3009-DW120 DL3009-DW219 DL3013-DL3042 DL3013-DL3059
DL3014-DL3015 DL3015-DL3059 DL3016-DW110 DL3018-DL3019 DL3018-DL3059 DL3018-DW120 DL3019-DL3059
DL3027-DL3059 DL3027-DW219 DL3028-DL3059 DL3032-DL3033 DL3038-DL3041 DL3040-DL3041 DL3042-DL3059
DL3047-DL4001 DL3047-DL4006 DL3059-DL3060 DL3059-DW110 DL3059-DW111 DL3059-DW214 DL4001-DL4006
DL4001-DW210 DL4006-DW202 DL4006-DW210 DL4006-DW214 DL3036-DL3037
"""
COPY_LINE = ("one `COPY`/`ADD` with independent faults: `ADD` for local files, a relative destination "
             "without WORKDIR, the whole context "
             "into a system directory, no `.dockerignore`, copied before the install, an image "
             "instead of a stage and an unpinned image, and a `COPY --from` that could be `--link`")
COPY_PAIRS = "DL3020-DW216 DL3020-DW522 DW216-DW522 DW300-DW522 DL3022-DW153 DL3045-DW300 DL3045-DW113 DW113-DW153"
OTHER = {
    ("DL1001", "DW490"): "an inline pragma (style) that is also unused (dead): two separate facts",
    ("DL3002", "DL3066"): "the last USER is root, and it is a name rather than a numeric id",
    ("DL3025", "DL4003"): "a shell-form CMD, and a second CMD in the stage",
    ("DL3061", "DW400"): "an instruction before FROM, and a malformed JSON array on it",
    ("DW201", "DW418"): "a secret in ENV, and the legacy `ENV key value` form: two separate fixes",
    ("DL4003", "DW426"): "a second CMD in the stage, and a flag CMD does not take",
    ("DL3009", "DL3059"): "the last RUN installing from an earlier update's lists (merge them and delete the "
                          "lists), and this RUN could merge with the one before: DL3059's fix is the first step",
}


def _pairs(text: str) -> set:
    return {tuple(p.split("-")) for p in text.split()}


REVIEWED = {**{p: FROM_LINE for p in _pairs(FROM_PAIRS)}, **{p: RUN_LINE for p in _pairs(RUN_PAIRS)},
            **{p: COPY_LINE for p in _pairs(COPY_PAIRS)}, **OTHER}


def test_no_unreviewed_pair_of_rules_on_one_line():
    config = Config(select=["ALL"], preview=True)
    found = defaultdict(list)
    for path in corpus_dockerfiles():
        text = path.read_text(encoding="utf-8", errors="replace")
        by_line = defaultdict(set)
        for d in check(text, str(path), config):
            by_line[d.line].add(d.code)
        for line, codes in by_line.items():
            for pair in itertools.combinations(sorted(codes), 2):
                found[pair].append(f"{path.name}:{line + 1}")
    repeated = {pair: where[:2] for pair, where in found.items() if pair[0] in SAME_PROBLEM and
                pair[1] in SAME_PROBLEM[pair[0]][0] or pair[1] in SAME_PROBLEM and pair[0] in SAME_PROBLEM[pair[1]][0]}
    assert not repeated, f"pairs resolved in overlaps.py still both report: {repeated}"
    new = {pair: where[:3] for pair, where in found.items() if pair not in REVIEWED}
    assert not new, f"review these pairs (resolve in engine/overlaps.py or list with a reason): {new}"
    assert len(found) > 40  # the corpus ran: these pairs are common


def _diag(code, start):
    return Diagnostic(code=code, message="m", start=start, end=start + 4, severity=Severity.WARNING)


def test_the_preferred_rule_keeps_the_finding_and_a_lone_one_stays():
    kept = drop_repeats([_diag("DL3029", 5), _diag("DW422", 5), _diag("DW422", 40)])
    assert [(d.code, d.start) for d in kept] == [("DL3029", 5), ("DW422", 40)]


PINNED = "FROM --platform=linux/amd64 python:3.12-slim AS app\nCMD [\"python\"]\n"


def test_constant_platform_is_reported_once():
    both = [d.code for d in check(PINNED, "Dockerfile", Config(select=["DL3029", "DW422"]))]
    assert both == ["DL3029"]
    assert [d.code for d in check(PINNED, "Dockerfile", Config(select=["DW422"]))] == ["DW422"]


def test_a_suppression_of_either_name_covers_the_problem():
    for pragma in ("# hadolint ignore=DL3029\n", "# dockwise: ignore=DW422\n"):
        text = pragma + PINNED
        codes = [d.code for d in check(text, "Dockerfile", Config(select=["DL3029", "DW422", "DW490"]))]
        assert codes == [], (pragma, codes)
    text = "# check=skip=FromPlatformFlagConstDisallowed\n" + PINNED
    assert [d.code for d in check(text, "Dockerfile", Config(select=["DL3029", "DW422", "DW490"]))] == []
