"""One problem, one finding: rules that report the same problem on the same span.

Two catalogues dockwise follows (hadolint's and BuildKit's) sometimes name one problem twice.
Where both rules are enabled and fire on the same span, only the one listed as preferred is
kept; a suppression naming either rule covers both there (the user said the problem is
intended, whatever its name). `tests/engine/test_overlaps.py` runs every rule over the corpus
and fails on a pair of codes on one line that is neither resolved here nor reviewed there.
"""

from __future__ import annotations

from .diagnostic import Diagnostic

# repeated code → (preferred codes, why they are one problem)
SAME_PROBLEM: dict[str, tuple[tuple[str, ...], str]] = {
    "DW422": (("DL3029",), "a constant `FROM --platform` is what both BuildKit's "
                        "FromPlatformFlagConstDisallowed and hadolint's DL3029 report"),
    "DL3064": (("DW201",), "a secret-looking name in `ARG`/`ENV`: DW201 (BuildKit's "
                           "SecretsUsedInArgOrEnv, without user names and paths) is the default check"),
    "DW220": (("DL3057",), "no `HEALTHCHECK` in the final image: hadolint's DL3057 names it"),
    "DL3063": (("DW200", "DW221"), "no `USER` in the final image is an image running as root, which "
                                   "DW200 (known root bases) and DW221 (unknown bases) explain"),
    "DW218": (("DW222",), "a credential file copied, used and deleted by a later RUN: DW222 names the "
                        "deletion that does not help and offers the secret mount"),
    "DW219": (("DL3035",), "`zypper dist-upgrade` is what hadolint's DL3035 reports"),
    "DL3006": (("DW421",), "a base whose tag is an `ARG` with an empty default: DW421 names the "
                        "argument, DL3006 would only say the tag is missing"),
}


def aliases(code: str) -> tuple[str, ...]:
    """The other codes that name the same problem as `code`."""
    out = list(SAME_PROBLEM[code][0]) if code in SAME_PROBLEM else []
    out.extend(c for c, (preferred, _) in SAME_PROBLEM.items() if code in preferred)
    return tuple(out)


def drop_repeats(diags: list[Diagnostic]) -> list[Diagnostic]:
    """`diags` without the findings another enabled rule already reports on the same span."""
    if not any(d.code in SAME_PROBLEM for d in diags):
        return diags
    spans = {(d.code, d.start) for d in diags}
    return [d for d in diags if d.code not in SAME_PROBLEM
            or not any((preferred, d.start) in spans for preferred in SAME_PROBLEM[d.code][0])]
