"""ShellCheck over every RUN of a Dockerfile, in one process per shell dialect (optional extra).

Enabled by the `shellcheck = true` setting; the engine calls
`shellcheck_diagnostics(df)` and adds the result. Every analysable RUN script (shell form,
continuation lines joined as `/bin/sh -c` receives them, or a heredoc body fed to a shell) is
appended to one script, with a line map back to its RUN. ShellCheck's `json1` positions
(1-based, tabs counted as one column) are turned into offsets in the script text, and then into
exact source offsets through the script's own offset map (`Script.to_source`), so findings on
continuation lines and in heredocs land where they are in the Dockerfile.

ENV and ARG names are exported at the top of the script, so references to them are not
reported as unassigned. Checks that make no sense in a Dockerfile are excluded.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass

from .dockerfile.model import Dockerfile, Instruction
from .dockerfile.shell import Script, shell_of
from .engine.diagnostic import Diagnostic, Severity

# SC1090/SC1091: sourced files are not in the script; SC2148: no shebang (we pass --shell);
# SC2187: ash is treated as sh; SC1071: unsupported shells are skipped anyway.
EXCLUDED = ("SC1090", "SC1091", "SC2148", "SC2187", "SC1071")
DIALECTS = ("sh", "bash", "dash", "ksh", "busybox")
TIMEOUT = 30.0
MISSING_CODE = "DW479"
SEVERITY = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO, "style": Severity.STYLE}


@dataclass
class _Part:
    ins: Instruction
    script: Script
    first_line: int          # 1-based line of the combined script where this RUN starts
    line_starts: list[int]   # offsets of each line in script.text


def shellcheck_diagnostics(df: Dockerfile, dialect_hint: str | None = None,
                           executable: str | None = None) -> list[Diagnostic]:
    """ShellCheck findings for every RUN of `df` (code `SCxxxx`), or one INFO diagnostic when
    the `shellcheck` program is not installed. Never raises."""
    exe = executable or shutil.which("shellcheck")
    if exe is None:
        return [Diagnostic(code=MISSING_CODE, name="shellcheck-unavailable", severity=Severity.INFO, start=0, end=0,
                           message="ShellCheck is enabled but the `shellcheck` program was not found: "
                                   "install it with `pip install dockwise[shellcheck]` (or your package manager)",
                           url="https://github.com/koalaman/shellcheck#installing")]
    groups: dict[str, list[tuple[Instruction, Script]]] = {}
    for ins in df.all_instructions():
        if ins.keyword != "RUN":
            continue
        script = df.script(ins)
        if script is None or script.has_error or not script.text.strip():
            continue
        dialect = _dialect(df, ins, script, dialect_hint)
        if dialect is not None:
            groups.setdefault(dialect, []).append((ins, script))
    out: list[Diagnostic] = []
    names = _declared_names(df)
    for dialect, items in groups.items():
        out.extend(_run(exe, dialect, items, names))
    out.sort(key=lambda d: (d.start, d.code))
    return out


def _dialect(df: Dockerfile, ins: Instruction, script: Script, hint: str | None) -> str | None:
    """sh/bash/dash/ksh for this RUN; None for shells ShellCheck does not know (zsh, fish)."""
    shell = shell_of(df, ins)
    prog = None
    if script.from_heredoc:
        first = script.text.split("\n", 1)[0]
        if first.startswith("#!"):
            parts = first[2:].split()
            prog = parts[-1] if parts and parts[0].endswith("/env") and len(parts) > 1 else (parts[0] if parts else None)
        elif ins.rest.split() and not ins.rest.split()[0].startswith("<<"):
            prog = ins.rest.split()[0]
    if prog is None and shell:
        prog = shell[0]
    if prog is not None:
        name = prog.replace("\\", "/").rsplit("/", 1)[-1]
        if name in ("bash", "sh", "dash", "ksh"):
            return name
        if name in ("ash", "busybox"):
            return "sh"
        if name in ("zsh", "fish", "mksh"):
            return None if name != "mksh" else "ksh"
    if hint in DIALECTS:
        return hint
    # the default /bin/sh: dash on Debian/Ubuntu; busybox ash elsewhere is closest to plain sh
    ref = ins.stage.root_ref if ins.stage is not None else None
    if ref is not None and ref.name.rsplit("/", 1)[-1] in ("debian", "ubuntu"):
        return "dash"
    return "sh"


def _declared_names(df: Dockerfile) -> list[str]:
    names = set()
    for ins in df.all_instructions():
        if ins.keyword in ("ENV", "ARG"):
            names.update(kv.key.value for kv in ins.pairs if kv.key.value.replace("_", "").isalnum())
    return sorted(names)


def _run(exe: str, dialect: str, items: list[tuple[Instruction, Script]], names: list[str]) -> list[Diagnostic]:
    lines: list[str] = []
    if names:
        lines.append("export " + " ".join(names))
    parts: list[_Part] = []
    for ins, script in items:
        text = script.text
        starts = [0]
        for k, ch in enumerate(text):
            if ch == "\n":
                starts.append(k + 1)
        body = text[:-1] if text.endswith("\n") else text
        parts.append(_Part(ins, script, len(lines) + 1, starts))
        lines.extend(body.split("\n"))
        lines.append("")  # a blank line keeps each RUN apart
    source = "\n".join(lines) + "\n"
    try:
        proc = subprocess.run([exe, f"--shell={dialect}", "--format=json1", "--exclude=" + ",".join(EXCLUDED), "-"],
                              input=source, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        comments = json.loads(proc.stdout or "{}").get("comments", [])
    except (OSError, subprocess.SubprocessError, ValueError):
        return []
    out = []
    for c in comments:
        part = _part_for(parts, c.get("line", 0))
        if part is None:
            continue
        start = _offset(part, c["line"], c["column"])
        end_line, end_col = c.get("endLine", c["line"]), c.get("endColumn", c["column"])
        end = _offset(part, end_line, end_col, end=True) if _part_for(parts, end_line) is part else part.script.end
        code = f"SC{c['code']}"
        out.append(Diagnostic(code=code, name="shellcheck", message=c.get("message", ""),
                              severity=SEVERITY.get(c.get("level"), Severity.WARNING),
                              start=start, end=max(start, end), url=f"https://www.shellcheck.net/wiki/{code}"))
    return out


def _part_for(parts: list[_Part], line: int) -> _Part | None:
    found = None
    for p in parts:
        if p.first_line <= line < p.first_line + len(p.line_starts):
            found = p
    return found


def _offset(part: _Part, line: int, column: int, end: bool = False) -> int:
    k = line - part.first_line
    base = part.line_starts[k]
    nxt = part.line_starts[k + 1] - 1 if k + 1 < len(part.line_starts) else len(part.script.text)
    i = min(base + max(column - 1, 0), nxt)
    return part.script.end_to_source(i) if end else part.script.to_source(i)
