from __future__ import annotations

from ...engine.diagnostic import Applicability, Category, Edit, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ...ignorefile import parse_ignore_file
from ..support.dockerignore import TRAILING, line_bounds, newline_of, pattern_takes_needed


class CommentInsidePattern(Rule):
    """A `#` comment that Docker reads as part of a pattern.

    ## What it does
    In `.dockerignore`, `#` starts a comment only as the very first character of a line.
    Flags a pattern followed by ` # comment` on the same line, and an indented comment
    (`  # comment`), which Docker trims and reads as the pattern `# comment`.

    ## Why is this bad?
    `node_modules  # deps` is one pattern, `node_modules  # deps`, which matches no file:
    `node_modules` is sent after all. An indented comment is harmless but misleading, and
    breaks as soon as someone appends a pattern to it.

    ## Example
    ```text
    node_modules   # installed in the image
      # build output
    dist
    ```

    Use instead:
    ```text
    # installed in the image
    node_modules
    # build output
    dist
    ```

    ## Fix safety
    Safe: the comment moves to its own line above the pattern (an indented comment loses its
    indentation). The pattern then matches what it says, which is what the line meant;
    a pattern text containing ` #` never names a real file in practice. When the build
    context is known and the revived pattern would start excluding files that are neither
    junk nor secrets (source code, configuration), the fix is unsafe instead: `--fix` does
    not apply it, and the message names such a file.
    """

    code = "DW501"
    name = "comment-inside-pattern"
    category = Category.CORRECTNESS
    severity = Severity.WARNING
    file_kind = "dockerignore"
    fix_availability = FixAvailability.ALWAYS
    message = "`#` starts a comment only at the start of a line: this comment is part of the pattern"
    fix_title = "Move the comment to its own line"

    def check(self, ctx: RuleContext):
        text = ctx.text
        nl = newline_of(text)
        for p in ctx.ignore.patterns:
            line_start, _ = line_bounds(text, p.start)
            raw = p.raw
            if raw.startswith("#"):
                fix = self.make_fix([Edit.delete(line_start, p.start)], title="Start the comment at column 1")
                yield self.report(p.start, p.end, "Indented comment: Docker reads it as the pattern "
                                  f"`{raw}`; `#` starts a comment only at the start of a line", fix=fix)
                continue
            m = TRAILING.search(raw)
            if not m:
                continue
            keep = raw[:m.start()]
            comment = raw[m.end() - 1:]
            edits = [Edit.insert(line_start, comment + nl), Edit.delete(p.start + len(keep), p.end)]
            msg = f"`{comment}` is part of the pattern, so `{raw}` matches nothing and `{keep}` is not excluded"
            revived = parse_ignore_file(keep + "\n").patterns
            needed = pattern_takes_needed(ctx, revived[0].pattern) if revived and not revived[0].exclusion else []
            applicability = Applicability.SAFE
            if needed:  # reviving the pattern would start excluding source or configuration
                applicability = Applicability.UNSAFE
                msg += f"; once it works it also excludes `{needed[0].path}`, which is not junk"
            yield self.report(p.start + m.start(), p.end, msg, fix=self.make_fix(edits, applicability))
