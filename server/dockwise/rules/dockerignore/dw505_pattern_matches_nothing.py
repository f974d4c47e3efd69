from __future__ import annotations

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Rule, RuleContext
from ..support.dockerignore import TRAILING, WILDCARD

# Names people list for things that appear later (installs, builds, caches, secrets). A dead
# pattern naming one of them is defensive, not a typo; one a letter away from one is a typo
# (`node_module`).
KNOWN_NAMES = frozenset({
    "node_modules", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".tox", ".nox", ".venv", "venv",
    "env", ".env", ".envrc", ".direnv", ".DS_Store", "Thumbs.db", ".idea", ".vscode", ".git", ".hg", ".svn",
    ".gitignore", ".gitattributes", ".gitmodules", ".github", ".gitlab-ci.yml", ".dockerignore", "Dockerfile",
    "docker-compose.yml", "docker-compose.yaml", "compose.yml", "compose.yaml", "dist", "build", ".build", "_build",
    "out", "bin", "obj", "target", "coverage", ".coverage", ".nyc_output", "htmlcov", ".hypothesis", ".eggs",
    ".ipynb_checkpoints", ".terraform", ".next", ".nuxt", ".output", ".svelte-kit", ".angular", ".turbo",
    ".parcel-cache", ".sass-cache", ".expo", ".vercel", ".serverless", ".docusaurus", ".cache", "vendor",
    ".gradle", ".yarn", ".pnpm-store", ".bundle", ".stack-work", ".history", "tmp", "temp", "log", "logs",
    ".npmrc", ".pypirc", ".aws", ".ssh", "README.md", "npm-debug.log", "yarn-error.log", "yarn-debug.log",
    ".editorconfig", ".python-version", ".nvmrc", ".tool-versions", "tests", "test", "docs", "doc"})


def distance_at_most(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of `a` and `b` is at most `limit` (banded, stops early)."""
    if abs(len(a) - len(b)) > limit:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return False
        prev = cur
    return prev[-1] <= limit


def _close(word: str, name: str) -> bool:
    """`word` is probably a misspelling of the existing `name`: same letters in another case
    (Docker matches case-sensitively), or one or two edits away with the same first letter
    (people rarely mistype that one; `ollama` is not a typo of `llama`)."""
    if word == name:
        return False
    if word.lower() == name.lower():
        return True
    if len(word) < 4 or word[0].lower() != name[0].lower():
        return False
    return distance_at_most(word, name, 1 if len(word) < 8 else 2)


def _file_like(name: str) -> bool:
    """A name distinctive enough that finding it elsewhere means the path moved."""
    return "." in name.lstrip(".") and name not in KNOWN_NAMES


class PatternMatchesNothing(Rule):
    """A `.dockerignore` pattern that matches nothing and looks like a typo or a moved path.

    ## What it does
    Flags a pattern or `!` exception that matches no file, directory or symlink of the build
    context as it is on disk now, and that is most likely a mistake:

    - a typo: its last part differs from an existing name (or from a name people usually
      list, such as `node_modules`) by case or by one or two letters (`test/fixture` when
      the folder is `test/fixtures`, `node_module`);
    - a path that moved: its folder does not exist, but its last part does, elsewhere
      (`src/settings.py` when the file is `app/settings.py`);
    - a line starting with `//`, which is not a comment in `.dockerignore` (only `#` at the
      start of a line is): `// build output` is read as the pattern `build output`.

    Other patterns that match nothing are not reported: listing what a fresh checkout does
    not have yet (`node_modules`, `dist`, `*.log`, `*.py[cod]`, `.coverage*`, `.env`, `*.db`,
    …) is normal and right, since those files appear after an install, a build or a test run.

    ## Why is this bad?
    A dead line that was meant to match something keeps out nothing: the files it was written
    for are sent after all (and copied by `COPY . .`).

    ## Example
    ```text
    # the folder is called `fixtures`
    test/fixture
    // generated files
    ```

    Use instead:
    ```text
    test/fixtures
    # generated files
    ```
    """

    code = "DW505"
    name = "pattern-matches-nothing"
    category = Category.MAINTAINABILITY
    severity = Severity.INFO
    file_kind = "dockerignore"
    needs_context = True
    fix_availability = FixAvailability.NEVER
    message = "This pattern matches nothing in the build context and looks like a typo"

    def check(self, ctx: RuleContext):
        # a pattern with a trailing or indented comment is DW501's
        patterns = [p for p in ctx.ignore.patterns if not p.is_bad
                    and not TRAILING.search(p.raw) and not p.raw.lstrip("!").startswith("#")]
        if not patterns:
            return
        view = ctx.context
        everything = view.unfiltered
        paths = list(everything.files) + list(everything.symlinks) + list(everything.dirs)
        alive = set()
        for q in paths:
            for p in patterns:
                if p.index not in alive and p.match(q):
                    alive.add(p.index)
            if len(alive) == len(patterns):
                return
        dead = [p for p in patterns if p.index not in alive]
        if not dead:
            return
        existing = set(paths)
        names_by_parent: dict[str, set[str]] = {}
        parents_by_name: dict[str, list[str]] = {}
        for q in paths:
            parent, _, name = q.rpartition("/")
            names_by_parent.setdefault(parent, set()).add(name)
            parents_by_name.setdefault(name, []).append(q)
        for p in dead:
            why = self._why(p, existing, names_by_parent, parents_by_name)
            if why:
                what = "exception" if p.exclusion else "pattern"
                yield self.report(p.start, p.end, f"This {what} matches nothing in "
                                  f"{view.phrase if view.choice else f'this build context (`{view.root}`)'}: {why}",
                                  unnecessary=True)

    @staticmethod
    def _why(p, existing, names_by_parent, parents_by_name) -> str | None:
        raw = p.raw.lstrip("!").strip()
        if raw.startswith("//"):
            return ("`//` does not start a comment in .dockerignore (only `#` at the start of a line does); "
                    f"Docker reads this line as the pattern `{p.pattern}`")
        parent, _, name = p.pattern.rpartition("/")
        if not name or "**" in p.pattern:
            return None
        if WILDCARD.search(parent):
            return None
        parent_exists = not parent or parent in existing
        literal_name = not WILDCARD.search(name)
        if parent_exists:
            if not literal_name or name in KNOWN_NAMES:
                return None
            siblings = names_by_parent.get(parent, set())
            near = sorted(n for n in siblings if _close(name, n))
            if near:
                full = f"{parent}/{near[0]}" if parent else near[0]
                return f"a typo of `{full}`?"
            known = sorted(k for k in KNOWN_NAMES if _close(name, k))
            if known:
                return f"a typo of `{known[0]}`?"
            return None
        # the folder is missing: did the path move, or is the folder's name misspelt?
        elsewhere = parents_by_name.get(name, []) if literal_name and _file_like(name) else []
        if elsewhere:
            shown = ", ".join(f"`{q}`" for q in sorted(elsewhere)[:2])
            return f"`{parent}` does not exist, but {shown} {'do' if len(elsewhere) > 1 else 'does'}: did it move?"
        head, _, last = parent.rpartition("/")
        if (not head or head in existing) and last not in KNOWN_NAMES:
            near = sorted(n for n in names_by_parent.get(head, set()) if _close(last, n))
            if near:
                return f"`{parent}` does not exist: a typo of `{(head + '/' if head else '') + near[0]}`?"
        return None

