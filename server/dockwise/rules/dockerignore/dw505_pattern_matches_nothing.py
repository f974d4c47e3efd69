from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from .dw501_comment_inside_pattern import TRAILING

# Patterns people list defensively, for files that appear later (installs, builds, secrets).
DEFENSIVE = {"node_modules", "__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*.log", ".pytest_cache",
             ".mypy_cache", ".ruff_cache", ".tox", ".nox", ".venv", "venv", "env", "*.swp", "*~",
             "Thumbs.db", ".git", ".gitignore", ".gitattributes", ".gitmodules", ".env", ".env.*",
             "*.env", "*.tmp", ".idea", ".vscode", "coverage", ".coverage", ".nyc_output", "*.egg-info",
             "dist", "build", "target", "out", "bin", "obj", "tmp", "temp", "logs", "npm-debug.log*",
             "yarn-error.log*", ".cache", ".next", ".nuxt", "vendor", ".terraform", "*.pem", "*.key",
             ".npmrc", ".pypirc", ".aws", ".ssh", ".hg", ".svn", "Dockerfile*", "docker-compose*",
             "*.md", ".dockerignore", "Dockerfile", ".github", ".gitlab-ci.yml", ".eggs", "htmlcov",
             ".hypothesis", ".ipynb_checkpoints", ".editorconfig", "*.iml", ".gradle", ".yarn"}


def _defensive(pattern: str) -> bool:
    for part in pattern.split("/"):
        if part in ("**", "*", ""):
            continue
        if part in DEFENSIVE or part.lower() in DEFENSIVE:
            return True
    return False


class PatternMatchesNothing(Rule):
    """A `.dockerignore` pattern that matches nothing in the build context.

    ## What it does
    Flags patterns and exceptions that match no file, directory or symlink of the build
    context as it is on disk now. Patterns people list defensively for things that appear
    later (`node_modules`, `dist`, `*.log`, `.env`, …) are not flagged.

    ## Why is this bad?
    A dead line is usually a typo (`node_module`), a path that moved, or a pattern written
    for another layout (`src/*.tmp` when the files are in `app/`). The things it was meant
    to keep out are sent after all.

    ## Example
    ```text
    # the folder is called `fixtures`
    test/fixture
    ```

    Use instead:
    ```text
    test/fixtures
    ```
    """

    code = "DW505"
    name = "pattern-matches-nothing"
    category = Category.MAINTAINABILITY
    severity = Severity.INFO
    file_kind = "dockerignore"
    needs_context = True
    fix_availability = FixAvailability.NEVER
    message = "This pattern matches nothing in the build context"

    def check(self, ctx: RuleContext):
        view = ctx.context
        # a pattern with a trailing comment is DW501's
        patterns = [p for p in ctx.ignore.patterns if not p.is_bad and not _defensive(p.pattern)
                    and not TRAILING.search(p.raw) and not p.raw.startswith("#")]
        if not patterns:
            return
        everything = view.unfiltered
        paths = list(everything.files) + list(everything.symlinks) + list(everything.dirs)
        alive = set()
        for q in paths:
            for p in patterns:
                if p.index not in alive and p.match(q):
                    alive.add(p.index)
            if len(alive) == len(patterns):
                return
        for p in patterns:
            if p.index in alive:
                continue
            what = "exception" if p.exclusion else "pattern"
            yield self.report(p.start, p.end, f"This {what} matches nothing in "
                              f"{view.phrase if view.choice else f'this build context (`{view.root}`)'}: a typo, or a path that moved?", unnecessary=True)
