"""The `dockwise` command: check, rule, rules, context and lsp. A thin adapter over the core."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections import Counter
from pathlib import Path

from . import __version__
from .config import ConfigError
from .engine.diagnostic import Applicability
from .rules.registry import all_rules
from .files import discover
from .output import FileReport, format_names, formatter
from .output.text import use_colour
from .runner import FixTally, RunError, RunOptions, UsageError, config_for, file_outcomes, fix_outcomes

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _unknown(what: str, value: str, known) -> str:
    """`what 'value'`, with the nearest known name when one is close (a typo)."""
    from .config import did_you_mean
    return f"{what} {value!r}{did_you_mean(value, known)} (known: {', '.join(known)})"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dockwise", description="Lint and safely fix Dockerfiles and .dockerignore files.")
    p.add_argument("--version", action="version", version=f"dockwise {__version__}")
    sub = p.add_subparsers(dest="command")

    c = sub.add_parser("check", help="lint files (default: the current directory)")
    c.add_argument("paths", nargs="*", help="files or directories; '-' reads standard input")
    c.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    c.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes that may change behaviour")
    c.add_argument("--prefer-fix", action="append", default=[], metavar="KIND",
                   help="with --fix/--diff: apply this kind of alternative fix where a finding offers one "
                        "(cache-mount, secret-mount, bind-mount); repeatable")
    c.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    c.add_argument("--select", help="comma-separated rules/prefixes to enable instead of the defaults")
    c.add_argument("--extend-select", help="comma-separated rules/prefixes to enable in addition")
    c.add_argument("--ignore", help="comma-separated rules/prefixes to disable")
    c.add_argument("--format", default="text", help="output format: " + ", ".join(format_names()))
    c.add_argument("--output-file", help="write the report to a file instead of standard output")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    c.add_argument("--failure-threshold", help="lowest severity that fails: error, warning, info, style")
    c.add_argument("--statistics", action="store_true", help="count findings per rule")
    c.add_argument("--quiet", "-q", action="store_true", help="findings only, no code frames or summary")
    c.add_argument("--stdin-filename", help="the file name standard input stands for")
    c.add_argument("--config", help="use this configuration file instead of the nearest one")
    c.add_argument("--context", help="build context directory for the Dockerfiles (default: inferred from compose, "
                                     "bake, CI and build scripts, else each one's folder)")
    c.add_argument("--preview", action="store_true", help="enable preview rules")
    c.add_argument("--pin-digests", action="store_true", help="with --fix/--diff: pin base images to registry digests (network)")
    c.add_argument("--jobs", "-j", type=int, default=0, help="parallel workers for many files (default: all cores)")

    r = sub.add_parser("rule", help="print a rule's documentation")
    r.add_argument("code")
    rs = sub.add_parser("rules", help="list all rules")
    rs.add_argument("--format", choices=["text", "json", "markdown"], default="text")

    ctx = sub.add_parser("context", help="report what a build would send as its context")
    ctx.add_argument("directory", nargs="?", default=None,
                     help="where the Dockerfile is (default: .); with -f, the build context itself")
    ctx.add_argument("-f", "--file", help="the Dockerfile (default: DIRECTORY/Dockerfile)")
    ctx.add_argument("--context", help="the build context (default: inferred, as `dockwise check` does)")
    ctx.add_argument("--format", choices=["text", "json"], default="text")
    ctx.add_argument("--list", action="store_true", help="print every path the build would send")

    lsp = sub.add_parser("lsp", help="run the language server (stdio)")
    lsp.add_argument("--stdio", action="store_true", help="(default) talk over standard input/output")
    lsp.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead, for debugging")
    return p




def _targets(args) -> list[str]:
    paths = args.paths or ["."]
    out: list[str] = []
    for raw in paths:
        if raw == "-":
            out.append("-")
            continue
        p = Path(raw)
        if p.is_dir():
            found = discover(p)
            if not found:
                raise UsageError(f"{raw}: no Dockerfiles or .dockerignore files found")
            out.extend(str(f) for f in found)
        else:
            out.append(raw)
    return out


def _missing(targets: list[str]) -> list[str]:
    """Paths that do not exist: a usage error (exit 2), said on standard error; they stay in the
    report as files that could not be read, so a SARIF or JUnit report is still written."""
    missing = [t for t in targets if t != "-" and not os.path.lexists(t)]
    for t in missing:
        print(f"dockwise: error: {t}: no such file or directory", file=sys.stderr)
    return missing




def _stop_on_sigterm() -> None:
    """SIGTERM stops a run as Ctrl-C does: the exception unwinds, each write in progress
    finishes or removes its temporary file, and the workers are terminated (they inherit this
    handler, so they stop the same way)."""
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _raise_interrupt)


def _raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def cmd_check(args) -> int:
    _stop_on_sigterm()
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (all cores) or more")
    fmt = formatter(args.format)
    if fmt is None:
        raise UsageError(_unknown("--format: unknown format", args.format, format_names()))
    report_out = None if args.diff else _open_report(args)  # a bad --output-file fails before any work
    targets = _targets(args)
    missing = _missing(targets)
    from .project import expand_ignore_targets, handed_trees
    targets = expand_ignore_targets(targets, args.context,  # an ignore file re-checks its Dockerfiles
                                    handed_trees(args.paths or ["."]))
    opts = RunOptions.from_args(args)
    config_for(opts, targets[0] if targets and targets[0] != "-" else os.getcwd(), {})  # bad config/flags: fail fast
    if _streamed(args):
        return _stream_report(targets, args, opts, report_out, missing)
    outcomes, tally = fix_outcomes(targets, opts)
    reports = [o.report for o in outcomes]
    failing = any(o.failing for o in outcomes)
    for m in dict.fromkeys(m for outcome in outcomes for m in outcome.messages):  # once each
        print(m, file=sys.stderr)
    changed = len(tally.changed())
    if args.diff:
        sys.stdout.write(tally.diff())
        total = sum(len(r.diagnostics) for r in reports)
        print(f"{changed} file(s) would be changed by {tally.fixed} fix(es); {total} finding(s) would remain",
              file=sys.stderr)
        if missing:
            return EXIT_ERROR
        if args.exit_zero:
            return EXIT_CLEAN
        return EXIT_FINDINGS if changed or failing else EXIT_CLEAN
    # `--fix -`: the fixed text alone on standard output, the report on standard error
    fixed_stdin = next((o.stdout for o in outcomes if o.stdout is not None), None)
    report_stream = sys.stderr if fixed_stdin is not None else sys.stdout
    colour = use_colour(report_stream) and not args.output_file
    out = fmt(reports, colour=colour, quiet=args.quiet)
    if args.statistics and args.format == "text":
        counts = Counter(d.code for r in reports for d in r.diagnostics)
        rules = all_rules()
        out += "".join(f"{n:5d}  {code:8s} {rules[code].name if code in rules else ''}\n" for code, n in counts.most_common())
    if args.format == "text" and not args.quiet:
        out += _summary(reports, tally, args, failing)
    if fixed_stdin is not None:
        if isinstance(fixed_stdin, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(fixed_stdin)
        else:
            sys.stdout.write(fixed_stdin)
        sys.stdout.flush()
    if args.output_file or report_stream is sys.stdout:
        report_out.write(out)
        report_out.finish()
    else:
        report_stream.write(out)
    if missing:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    if failing or (args.fix and changed):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _streamed(args) -> bool:
    """A JSON or SARIF report of a run that fixes nothing is written file by file, as each is checked
    (a fixing run may re-check files another file's fix edited: its report waits for the end)."""
    return args.format in ("json", "sarif") and not (args.fix or args.diff)


def _stream_report(targets: list[str], args, opts: RunOptions, report_out, missing) -> int:
    if args.format == "sarif":
        from .output.extra_formats import SarifWriter as Writer
    else:
        from .output.json_format import JsonWriter as Writer
    writer = Writer(report_out)
    failing = False
    for outcome in file_outcomes(targets, opts):
        writer.add(outcome.report)  # written now; only what the exit code needs is kept
        failing |= outcome.failing
        for m in outcome.messages:
            print(m, file=sys.stderr)
    writer.close()
    report_out.finish()
    if missing:
        return EXIT_ERROR
    return EXIT_CLEAN if args.exit_zero or not failing else EXIT_FINDINGS


class OutputError(Exception):
    """The report cannot be written (a missing folder, a full disk, a closed standard output)."""


class _ReportOut:
    """Where the report goes: a write that fails is one line naming the destination, exit 2."""

    def __init__(self, stream, name: str, owned: bool) -> None:
        self.stream, self.name, self.owned = stream, name, owned

    def write(self, text: str) -> None:
        try:
            self.stream.write(text)
        except OSError as e:
            raise OutputError(f"cannot write the report to {self.name}: {e.strerror or e}") from None

    def finish(self) -> None:
        try:
            self.stream.flush()
            if self.owned:
                self.stream.close()
        except OSError as e:
            raise OutputError(f"cannot write the report to {self.name}: {e.strerror or e}") from None


def _open_report(args) -> _ReportOut:
    # surrogateescape: a file name that is not UTF-8 is written back as the bytes it was
    if args.output_file:
        try:
            fh = open(args.output_file, "w", encoding="utf-8", errors="surrogateescape")
        except OSError as e:
            raise OutputError(f"--output-file {args.output_file}: {e.strerror or e}") from None
        return _ReportOut(fh, args.output_file, True)
    if sys.stdout is None:
        raise OutputError("standard output is closed")
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="surrogateescape")
    return _ReportOut(sys.stdout, "standard output", False)


SUMMARY_FILES = 5  # the summary names the files a fix changed up to this many


def _summary(reports: list[FileReport], tally: FixTally, args, failing: bool = True) -> str:
    """ruff's closing lines: what was fixed, what is left, and what a fix could still do."""
    out = ""
    total = sum(len(r.diagnostics) for r in reports)
    safe = sum(1 for r in reports for d in r.diagnostics if d.fix and d.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for r in reports for d in r.diagnostics if d.fix and d.fix.applicability is Applicability.UNSAFE)
    changed = [tally.shown[k] for k in tally.changed()]
    if args.fix and changed:
        named = f": {', '.join(changed)}" if len(changed) <= SUMMARY_FILES else ""
        out += f"Applied {tally.fixed} fix(es) to {len(changed)} file(s){named}.\n"
    if total:
        hint = ""
        if safe or unsafe:
            hint = f" ({safe} fixable with --fix" + (f", {unsafe} more with --unsafe-fixes" if unsafe else "") + ")"
        left = " remaining" if args.fix and changed else ""
        below = "" if failing or args.exit_zero else "; none reaches the failure threshold"
        out += f"Found {total}{left} problem(s) in {len(reports)} file(s){hint}{below}.\n"
    elif not any(r.problem for r in reports):
        out += f"All checks passed ({len(reports)} file(s)).\n"
    return out


def cmd_rule(args) -> int:
    from .rules.registry import resolve
    codes = resolve(args.code)
    rules = all_rules()
    exact = [c for c in codes if c.lower() == args.code.lower() or rules[c].name == args.code.lower()
             or (rules[c].buildkit_name or "").lower() == args.code.lower()]
    if not codes:
        from .rules.registry import REMOVED
        if args.code.strip().upper() in REMOVED:
            print(f"{args.code.strip().upper()} was removed: {REMOVED[args.code.strip().upper()]}")
            return EXIT_CLEAN
        from .config import did_you_mean, rule_selectors
        raise UsageError(f"unknown rule {args.code!r}{did_you_mean(args.code, rule_selectors())} "
                         "(`dockwise rules` lists them)")
    from .rules.registry import RENAMED
    if args.code.strip().upper() in RENAMED:
        print(f"{args.code.strip().upper()} is now {RENAMED[args.code.strip().upper()]}.\n")
    for code in exact or codes:
        r = rules[code]
        extra = f"  (BuildKit: {r.buildkit_name})" if r.buildkit_name else ""
        print(f"# {code} {r.name}{extra}\n")
        print(f"Category: {r.category.value}. Default severity: {r.severity.label}. Fix: {r.fix_availability.value}."
              + (" Off by default." if not r.default_enabled else "") + (" Preview." if r.preview else "")
              + (" Deprecated." if r.status.value == "deprecated" else "") + f" Since {r.since}.\n")
        print(r.docs() + "\n")
    return EXIT_CLEAN


def cmd_rules(args) -> int:
    rules = all_rules()
    if args.format == "json":
        import json
        print(json.dumps([{"code": c, "name": r.name, "category": r.category.value, "severity": r.severity.label,
                           "fix": r.fix_availability.value, "default": r.default_enabled, "preview": r.preview,
                           "status": r.status.value, "since": r.since,
                           "buildkit": r.buildkit_name, "summary": r.summary(), "url": r.url()}
                          for c, r in rules.items()], indent=2))
        return EXIT_CLEAN
    if args.format == "markdown":
        print("| Code | Name | Category | Severity | Fix | Default |\n|---|---|---|---|---|---|")
        for c, r in rules.items():
            bk = f" ({r.buildkit_name})" if r.buildkit_name else ""
            print(f"| [{c}](docs/rules/{c}.md) | {r.name}{bk} | {r.category.value} | {r.severity.label} | "
                  f"{r.fix_availability.value} | {'on' if r.default_enabled and not r.preview else 'off'} |")
        return EXIT_CLEAN
    print(_rules_table(rules), end="")
    return EXIT_CLEAN


def _rules_table(rules) -> str:
    """`dockwise rules`: a header, then one line per rule with its one-line summary."""
    width = max((len(r.name) for r in rules.values()), default=4)
    lines = [f"{'CODE':8s} {'SEVERITY':8s} {'FIX':9s} {'DEFAULT':7s} {'NAME':{width}s} SUMMARY"]
    for c, r in rules.items():
        default = "preview" if r.preview else "on" if r.default_enabled else "off"
        lines.append(f"{c:8s} {r.severity.label:8s} {r.fix_availability.value:9s} {default:7s} {r.name:{width}s} {r.summary()}")
    lines.append(f"{len(rules)} rules; `dockwise rule CODE` prints a rule's documentation.")
    return "\n".join(lines) + "\n"


def cmd_context(args) -> int:
    from .context_cli import run_context
    return run_context(args)


def cmd_lsp(args) -> int:
    if args.tcp:
        _check_tcp_address(args.tcp)
    from .lsp.server import serve
    return serve(tcp=args.tcp)


def _check_tcp_address(address: str) -> None:
    """HOST:PORT with a port that exists, before the server tries to listen there."""
    _, _, port = address.rpartition(":")
    if not port.isdigit():
        raise UsageError(f"--tcp expects HOST:PORT, got {address!r}")
    if not 0 <= int(port) <= 65535:
        raise UsageError(f"--tcp {address}: the port must be between 0 and 65535")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    handler = {"check": cmd_check, "rule": cmd_rule, "rules": cmd_rules, "context": cmd_context,
               "lsp": cmd_lsp}[args.command]
    try:
        code = handler(args)
        if sys.stdout is not None and not sys.stdout.closed:
            sys.stdout.flush()  # here, where a full disk is reported, not at the interpreter's exit
        return code
    except (UsageError, ConfigError, RunError) as e:
        print(f"dockwise: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except OutputError as e:
        _quiet_stdout()
        print(f"dockwise: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("dockwise: interrupted", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_CLEAN
    except OSError as e:  # e.g. standard output on a full disk
        _quiet_stdout()
        where = f"{e.filename}: " if e.filename else ""
        print(f"dockwise: error: {where}{e.strerror or e}", file=sys.stderr)
        return EXIT_ERROR


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of text that
    could not be written does not print a traceback of its own."""
    try:
        if sys.stdout is not None:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
