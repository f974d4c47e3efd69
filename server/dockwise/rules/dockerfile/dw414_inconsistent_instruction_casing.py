from __future__ import annotations

from collections import Counter

from ...dockerfile.parser import KNOWN
from ...engine.diagnostic import Category, Edit, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext


class InconsistentInstructionCasing(Rule):
    """An instruction's keyword is not cased like the rest of the file.

    ## What it does
    Counts the instructions written all upper-case and all lower-case; every instruction
    that does not follow the majority (upper-case on a tie), and every mixed-case keyword such
    as `From`, is flagged. ONBUILD's inner instruction counts too. A line that is not an
    instruction (an unknown word, such as a package name left on its own line by a forgotten
    trailing `\\`) is never counted or changed: that is a syntax error (DW400).

    Stages: file-wide: the majority is counted over every instruction of the file (`ONBUILD`'s
    inner one too).

    ## Why is this bad?
    Instructions are case-insensitive, but a file that mixes `RUN` and `run` is harder to read
    and to search. BuildKit's `--check` reports it.

    ## Example
    ```dockerfile
    FROM alpine
    run echo hi
    COPY . .
    ```

    Use instead:
    ```dockerfile
    FROM alpine
    RUN echo hi
    COPY . .
    ```

    ## Fix safety
    Safe: only the keyword's spelling changes.

    ## References
    - BuildKit `ConsistentInstructionCasing`: https://docs.docker.com/reference/build-checks/consistent-instruction-casing/
    """

    code = "DW414"
    name = "inconsistent-instruction-casing"
    category = Category.MAINTAINABILITY
    severity = Severity.STYLE
    fix_availability = FixAvailability.ALWAYS
    buildkit_name = "ConsistentInstructionCasing"
    message = "Instruction `{kw}` should match the case of the instruction majority ({case})"
    fix_title = "Change the keyword's case to match the file"

    def check(self, ctx: RuleContext):
        # Only real instructions: a word left on its own line by a forgotten `\` (a package
        # name such as `wget`) is a syntax error (DW400), not a keyword to re-case.
        instructions = [i for i in ctx.df.all_instructions() if i.raw_keyword and i.keyword in KNOWN]
        # counted per spelling: a file has a handful of them and thousands of instructions
        spellings = Counter([i.raw_keyword for i in instructions])
        lower = sum(n for kw, n in spellings.items() if kw.islower())
        upper = sum(n for kw, n in spellings.items() if kw.isupper())
        majority_lower = lower > upper
        wanted = {kw: kw.lower() if majority_lower else kw.upper() for kw in spellings}
        for ins in instructions:
            kw = ins.raw_keyword
            want = wanted[kw]
            if kw == want:
                continue
            end = ins.start + len(kw)
            if ctx.df.text[ins.start:end] != kw:
                continue
            yield self.report(ins.start, end,
                              self.message.format(kw=kw, case="lowercase" if majority_lower else "uppercase"),
                              fix=self.make_fix([Edit(ins.start, end, want)]))
