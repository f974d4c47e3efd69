from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Rule, RuleContext
from ...knowledge.image_names import image_reference


class BaseImageEndOfLife(Rule):
    """The base image's runtime or distribution is past (or near) its end of life.

    ## What it does
    Looks up the base image of every stage in the end-of-life table shipped with dockwise
    (generated from endoflife.date; `scripts/gen_eol.py` records its date) and reports a base
    whose runtime (`python:3.8`, `node:16`, `golang:1.20`) or distribution (`alpine:3.16`,
    `debian:buster`, or the `-buster` in `python:3.12-slim-buster`) no longer gets security
    fixes, naming the supported release to move to. A base that reaches its end of life
    within `eol-warning-days` (default 90) is reported as information.

    The end of life is when security fixes stop reaching the image, and the message says
    which support window ended. Debian's LTS years count: its fixes come through the same
    security archive the official images use, and the images are rebuilt until LTS ends, so
    `debian:12` is only reported once Debian LTS for 12 ends ("standard support ended on …;
    LTS ended on …"). Ubuntu's Expanded Security Maintenance needs an Ubuntu Pro
    subscription the official images do not have: an Ubuntu release is reported when its
    standard support ends, and the message names the ESM date for those who subscribe.

    ## Why is this bad?
    Past its end of life a runtime or distribution gets no security fixes: every new CVE stays
    open in your image for good, and scanners will flag it ever more loudly.

    ## Example
    ```dockerfile
    FROM python:3.8-slim
    ```

    Use instead:
    ```dockerfile
    FROM python:3.13-slim
    ```

    ## Options
    - `eol-warning-days`: how many days before the end of life to start warning (default 90).

    ## References
    - https://endoflife.date
    """

    code = "DW150"
    stage_local = True
    reads = frozenset()
    name = "base-image-end-of-life"
    category = Category.SECURITY
    severity = Severity.WARNING
    message = "The base image is past its end of life"

    def check(self, ctx: RuleContext):
        from ...knowledge import eol as eol_table
        today = ctx.settings.today
        for stage in ctx.df.stages:
            ref = stage.ref
            if ref is None or not ref.is_official or stage.image_word is None:
                continue
            info = eol_table.eol_info(ref.name, ref.tag, today)
            if info is None:
                continue
            for part in (info, info.distro):
                if part is None or part.eol is None:
                    continue
                days = (part.eol - today).days
                move = f"; move to `{image_reference(part.product, part.latest_supported)}`" if part.latest_supported else ""
                word = stage.image_word
                if days < 0:
                    yield self.report(word.start, word.end, f"{_ended(part, today)}: no more security fixes{move}")
                elif days <= ctx.settings.eol_warning_days:
                    d = self.report(word.start, word.end, f"{_ending(part, days)}{move}")
                    d.severity = Severity.INFO
                    yield d


SUBSCRIPTIONS = {"ubuntu": "an Ubuntu Pro subscription (Expanded Security Maintenance)"}


def _ended(part, today) -> str:
    """Which support window ended, for a release past its end of life."""
    name = f"`{image_reference(part.product, part.cycle)}`"
    if part.extended_in_image and part.standard_eol:
        return (f"{name} reached its end of life: standard support ended on {part.standard_eol.isoformat()} "
                f"and LTS on {part.eol.isoformat()}")
    if part.extended_eol and part.extended_eol > part.eol and part.extended_eol <= today:
        return (f"{name} reached its end of life: standard support ended on {part.eol.isoformat()} and "
                f"extended support on {part.extended_eol.isoformat()}")
    if part.extended_eol and part.extended_eol > part.eol:
        return (f"{name} standard support ended on {part.eol.isoformat()}; its extended support (until "
                f"{part.extended_eol.isoformat()}) needs {SUBSCRIPTIONS.get(part.product, 'a paid subscription')}, "
                "which the official image does not have")
    return f"{name} reached its end of life on {part.eol.isoformat()}"


def _ending(part, days: int) -> str:
    name = f"`{image_reference(part.product, part.cycle)}`"
    if part.extended_in_image and part.standard_eol:
        return (f"{name}: standard support ended on {part.standard_eol.isoformat()}; LTS security updates "
                f"end in {days} days ({part.eol.isoformat()})")
    return f"{name} reaches its end of life in {days} days ({part.eol.isoformat()})"
