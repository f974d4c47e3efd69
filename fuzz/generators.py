"""Structured generators of adversarial inputs, one family per shape that once made dockwise
slow or hungry: long chains, deep nesting, repeated globs. Each takes a size n and returns
(file name, text); the work dockwise does on it must grow linearly (or n log n) with n.

Used by the complexity tests (tests/trust/test_complexity.py), the benchmark
(benchmarks/pathological.py) and the fuzzer's structured targets (fuzz/fuzz_targets.py).
"""

from __future__ import annotations

import random


def consecutive_runs(n: int) -> tuple[str, str]:
    """n one-command RUNs in a row: DL3059 on each, all one group."""
    return "Dockerfile", "FROM alpine:3.20\n" + "RUN echo hi\n" * n


def doubling_args(n: int) -> tuple[str, str]:
    """ARG A1=${A0}${A0}, A2=${A1}${A1}, …: the expansion of An is 2^n long."""
    lines = ["ARG A0=xxxxxxxx"] + [f"ARG A{i}=${{A{i - 1}}}${{A{i - 1}}}" for i in range(1, n + 1)]
    return "Dockerfile", "\n".join(lines) + "\nFROM alpine:3.20\n" + "".join(
        f"ARG A{i}\nRUN echo ${{A{i}}}\n" for i in range(0, n + 1, max(1, n // 20)))


def heredoc_chain(n: int) -> tuple[str, str]:
    """A heredoc of n lines `echo x && \\`."""
    return "Dockerfile", "FROM alpine:3.20\nRUN <<EOF\n" + "echo x && \\\n" * n + "true\nEOF\n"


def and_chain(n: int) -> tuple[str, str]:
    """One RUN of n commands joined by `&&` on continuation lines."""
    return "Dockerfile", "FROM alpine:3.20\nRUN true" + "".join(f" \\\n && echo {i}" for i in range(n)) + "\n"


def chained_stages(n: int) -> tuple[str, str]:
    """n stages, each FROM the previous one."""
    return "Dockerfile", "FROM alpine:3.20 AS s0\n" + "".join(
        f"FROM s{i - 1} AS s{i}\nRUN echo {i}\n" for i in range(1, n))


def nested_defaults(n: int) -> tuple[str, str]:
    """ENV with an n-deep `${a:-${a:-…}}`."""
    return "Dockerfile", "FROM alpine:3.20\nENV X=" + "${a:-" * n + "x" + "}" * n + "\nRUN echo $X\n"


def nested_substitutions(n: int) -> tuple[str, str]:
    """$( $( … ) ) and ( ( … ) ) n deep in one RUN."""
    return "Dockerfile", "FROM alpine:3.20\nRUN " + "$(" * n + "echo" + ")" * n + " && " + "(" * n + "true" + ")" * n + "\n"


def repeated_doublestar(n: int) -> tuple[str, str]:
    """One .dockerignore line of `**/` repeated n times."""
    return ".dockerignore", "**/" * n + "x\n"


def many_ignore_patterns(n: int) -> tuple[str, str]:
    """n simple patterns, some exceptions among them."""
    return ".dockerignore", "".join(f"dir{i}/*.log\n" if i % 7 else f"!dir{i}/keep\n" for i in range(n))


def findings_everywhere(n: int) -> tuple[str, str]:
    """n instructions that each draw several findings (the report grows with n)."""
    return "Dockerfile", "FROM ubuntu\n" + "".join(
        f"RUN apt-get install curl{i} && cd /tmp{i}\nADD http://example.com/f{i} /f{i}\n" for i in range(n))


def env_lines(n: int) -> tuple[str, str]:
    """n ENV instructions in one stage."""
    return "Dockerfile", "FROM alpine:3.20\n" + "".join(f"ENV V{i}={i}\n" for i in range(n))


def long_line(n: int) -> tuple[str, str]:
    """One RUN line of n * 100 characters."""
    return "Dockerfile", "FROM alpine:3.20\nRUN echo " + "a" * (100 * n) + "\n"


def unterminated_heredoc(n: int) -> tuple[str, str]:
    """A heredoc that never ends, n lines long."""
    return "Dockerfile", "FROM alpine:3.20\nRUN <<EOF\n" + "echo x\n" * n


def copy_from_stages(n: int) -> tuple[str, str]:
    """n stages, each copying from the one before (COPY --from by name)."""
    return "Dockerfile", "".join(f"FROM alpine:3.20 AS s{i}\nCOPY --from=s{max(0, i - 1)} /a /a\n" for i in range(n))


FAMILIES = {
    "consecutive_runs": consecutive_runs,
    "doubling_args": doubling_args,
    "heredoc_chain": heredoc_chain,
    "and_chain": and_chain,
    "chained_stages": chained_stages,
    "nested_defaults": nested_defaults,
    "nested_substitutions": nested_substitutions,
    "repeated_doublestar": repeated_doublestar,
    "many_ignore_patterns": many_ignore_patterns,
    "findings_everywhere": findings_everywhere,
    "env_lines": env_lines,
    "long_line": long_line,
    "unterminated_heredoc": unterminated_heredoc,
    "copy_from_stages": copy_from_stages,
}

# Paths a build context might hold, for matching the ignore-file families against.
CONTEXT_PATHS = [f"dir{i % 97}/sub{i % 13}/deep/er/file{i}.{'log' if i % 3 else 'py'}" for i in range(200)] + \
    ["x", "a/x", "a/b/c/d/e/f/g/h/i/j/x", "a/b/c/d/e/f/g/h/i/j/y", "node_modules/pkg/index.js"]


def structured(data: bytes) -> tuple[str, str]:
    """A structured input chosen by the fuzzer's bytes: a family, a size, and the rest of the
    bytes spliced in, so coverage guidance explores shapes a byte mutator rarely reaches."""
    if not data:
        return "Dockerfile", ""
    names = sorted(FAMILIES)
    family = FAMILIES[names[data[0] % len(names)]]
    n = 1 + (data[1] if len(data) > 1 else 0) * 4
    name, text = family(n)
    rng = random.Random(data[2:6])
    extra = data[6:].decode("utf-8", errors="replace")
    if extra:
        at = rng.randrange(len(text) + 1)
        text = text[:at] + extra + text[at:]
    return name, text
