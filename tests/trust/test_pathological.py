"""Pathological input: each gives a clear result, and memory stays bounded. A hang fails at the
subprocess timeout; the seconds each case takes are not asserted (a loaded machine is 5-10x
slower): growth in time is held by ratio tests, absolute times go to benchmarks/."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time

import pytest

LIMIT_S = 30


def dockwise(*args, cwd):
    """Run the CLI and return (result, seconds, peak RSS in MB of the child)."""
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-c",
                        "import resource, sys\nfrom dockwise.cli import main\n"
                        "rc = main(sys.argv[1:])\n"
                        "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
                        "sys.exit(rc)", *args],
                       cwd=cwd, capture_output=True, timeout=LIMIT_S * 4, env=dict(os.environ, NO_COLOR="1"))
    elapsed = time.perf_counter() - t
    err = r.stderr.decode(errors="replace")
    rss = next((int(line.split()[1]) / 1024 for line in err.splitlines() if line.startswith("MAXRSS")), 0.0)
    return r, elapsed, rss


CASES = {
    "one_megabyte_line": lambda: "FROM alpine\nRUN echo " + "a" * (1024 * 1024) + "\n",
    "hundred_thousand_lines": lambda: "FROM alpine\n" + "".join(f"ENV V{i}={i}\n" for i in range(100_000)),
    "ten_thousand_line_continuation": lambda: "FROM alpine\nRUN true \\\n" + "".join(f"  && echo {i} \\\n" for i in range(10_000)) + "  && true\n",
    "deeply_nested_shell": lambda: "FROM alpine\nRUN " + "$(" * 300 + "echo" + ")" * 300 + " && " + "(" * 300 + "true" + ")" * 300 + "\n",
    "heredoc_without_terminator": lambda: "FROM alpine\nRUN <<EOF\n" + "echo x\n" * 5000,
    "nul_bytes": lambda: "FROM alpine\x00\nRUN echo \x00\x00\n",
    "empty": lambda: "",
    "only_comments": lambda: "# hello\n# world\n",
    "many_stages": lambda: "".join(f"FROM alpine:3.20 AS s{i}\nCOPY --from=s{max(0, i - 1)} /a /a\n" for i in range(2000)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_pathological_file_is_handled_in_bounded_time_and_memory(tmp_path, name):
    (tmp_path / "Dockerfile").write_text(CASES[name](), encoding="utf-8")
    r, elapsed, rss = dockwise("check", "Dockerfile", cwd=tmp_path)
    err = r.stderr.decode(errors="replace")
    assert "Traceback" not in err, err[-2000:]
    assert r.returncode in (0, 1), err[-2000:]
    assert rss < 1024, f"{name} used {rss:.0f} MB"


def test_invalid_utf8_is_reported_not_crashed(tmp_path):
    (tmp_path / "Dockerfile").write_bytes(b"FROM alpine\nLABEL x=\xc3\x28\xff\n")
    r, _, _ = dockwise("check", "--select", "DW400", "Dockerfile", cwd=tmp_path)
    assert r.returncode == 1 and b"not valid UTF-8" in r.stdout


def test_directory_passed_as_a_file_and_unreadable_file(tmp_path):
    (tmp_path / "Dockerfile").mkdir()
    (tmp_path / "Dockerfile" / "x").write_text("FROM a\n")
    r, _, _ = dockwise("check", "Dockerfile/x", "Dockerfile", cwd=tmp_path)
    assert b"Traceback" not in r.stderr
    locked = tmp_path / "locked.Dockerfile"
    locked.write_text("FROM alpine\n")
    os.chmod(locked, 0)
    r, _, _ = dockwise("check", str(locked), cwd=tmp_path)
    out = (r.stdout + r.stderr).decode()
    assert "Traceback" not in out
    if os.geteuid() != 0:  # root reads anything; then the file is simply linted
        assert "cannot read" in out and r.returncode == 1


def test_symlink_loop_in_a_context_is_harmless(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM alpine\nCOPY . /app\n")
    (tmp_path / "loop").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    r, _, _ = dockwise("check", "Dockerfile", cwd=tmp_path)
    assert b"Traceback" not in r.stderr and r.returncode in (0, 1)
    r, _, _ = dockwise("context", ".", cwd=tmp_path)
    assert b"Traceback" not in r.stderr and r.returncode == 0


def test_memory_stays_bounded_over_the_whole_corpus(tmp_path):
    from shared_data import corpus_dockerfiles
    files = [str(p) for p in corpus_dockerfiles()]
    r, elapsed, rss = dockwise("check", "--exit-zero", "--quiet", "--jobs", "1", *files, cwd=tmp_path)
    assert r.returncode == 0
    assert rss < 300, f"linting the corpus used {rss:.0f} MB"
