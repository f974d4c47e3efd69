"""The file runner (dockwise/runner.py) through its own API: what `dockwise check` prints is
tested in test_cli*.py; here, the outcomes it hands the CLI."""

from __future__ import annotations

import os

import pytest

from dockwise import runner
from dockwise.cli import main
from dockwise.runner import RunOptions, file_outcomes, fix_outcomes

# A realistic service tree: most images install with pip and keep its cache (DL3042), some do
# not, and the sizes differ so that worker chunks finish out of order.
NAIVE = "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
CLEAN = "FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n"


def _services(root, count: int) -> list[str]:
    targets = []
    for k in range(count):
        folder = root / f"svc{k:03d}"
        folder.mkdir()
        text = NAIVE if k % 3 else CLEAN
        if k % 7 == 0:  # a longer file: more work in that chunk
            text += "".join(f"RUN pip install pkg{i}\n" for i in range(40))
        (folder / "Dockerfile").write_text(text)
        targets.append(str(folder / "Dockerfile"))
    return targets


def _summary(outcomes):
    return [(o.report.path, o.failing, [(d.code, d.line) for d in o.report.diagnostics]) for o in outcomes]


def test_outcomes_come_in_input_order_from_parallel_workers(tmp_path, monkeypatch):
    targets = _services(tmp_path, 80)
    targets = targets[1::2] + targets[0::2]  # not the order a folder walk gives
    parallel_runs = []
    real = runner._parallel_outcomes

    def spy(*args, **kwargs):
        parallel_runs.append(args[2])
        yield from real(*args, **kwargs)

    monkeypatch.setattr(runner, "_parallel_outcomes", spy)
    options = dict(select="DL3042", paths=(str(tmp_path),))
    serial = list(file_outcomes(targets, RunOptions(jobs=1, **options)))
    parallel = list(file_outcomes(targets, RunOptions(jobs=3, **options)))
    assert parallel_runs == [3]  # the second run did use three workers
    assert [o.report.path for o in parallel] == targets
    assert _summary(parallel) == _summary(serial)
    long_file = targets.index(str(tmp_path / "svc007" / "Dockerfile"))
    assert len(parallel[long_file].report.diagnostics) == 41
    assert sum(o.failing for o in parallel) == sum(1 for k in range(80) if k % 3 or k % 7 == 0)


def test_a_small_run_stays_in_this_process(tmp_path, monkeypatch):
    targets = _services(tmp_path, runner.PARALLEL_MIN_FILES - 1)
    monkeypatch.setattr(runner, "_parallel_outcomes", lambda *a: pytest.fail("workers started"))
    outcomes = list(file_outcomes(targets, RunOptions(jobs=4, select="DL3042")))
    assert [o.report.path for o in outcomes] == targets


def _crash_on(folder: str, monkeypatch):
    real = runner.run

    def run(text, name, cfg, **kw):
        if os.path.basename(os.path.dirname(name)) == folder:
            raise RecursionError("maximum recursion depth exceeded")
        return real(text, name, cfg, **kw)

    monkeypatch.setattr(runner, "run", run)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_that_crashes_the_checker_is_reported_and_the_others_are_checked(tmp_path, monkeypatch, jobs):
    targets = _services(tmp_path, 70)
    _crash_on("svc005", monkeypatch)  # forked workers inherit the patch
    outcomes = list(file_outcomes(targets, RunOptions(jobs=jobs, select="DL3042")))
    assert [o.report.path for o in outcomes] == targets
    crashed = outcomes[5]
    assert crashed.failing and crashed.report.diagnostics == []
    assert crashed.report.problem == ("internal error: RecursionError: maximum recursion depth exceeded "
                                      "(a dockwise bug; please report it with this file)")
    assert sum(1 for o in outcomes if o.report.diagnostics) == sum(1 for k in range(70) if (k % 3 or k % 7 == 0) and k != 5)


def test_the_command_line_prints_a_crash_as_one_line(tmp_path, monkeypatch, capsys):
    targets = _services(tmp_path, 3)
    _crash_on("svc001", monkeypatch)
    code = main(["check", "--select", "DL3042", *targets])
    out, err = capsys.readouterr()
    assert code == 1
    lines = [line for line in out.splitlines() if "internal error" in line]
    assert lines == [f"{targets[1]}: internal error: RecursionError: maximum recursion depth exceeded "
                     "(a dockwise bug; please report it with this file)"]
    assert "Traceback" not in out + err
    assert f"{targets[0]}:5:" in out and f"{targets[2]}:4:" in out  # its neighbours are still checked


def test_fix_outcomes_fix_every_file_and_tally_them(tmp_path):
    targets = _services(tmp_path, 6)
    outcomes, tally = fix_outcomes(targets, RunOptions(fix=True, select="DL3042", jobs=1))
    assert [o.report.path for o in outcomes] == targets
    assert [o.changed for o in outcomes] == [True, True, True, False, True, True]  # svc003 was clean
    assert tally.fixed == 40 + 4 and len(tally.changed()) == 5
    assert all("--no-cache-dir" in open(t).read() for t in targets)


def test_a_worker_process_that_dies_ends_the_run_with_one_line(tmp_path, monkeypatch, capsys):
    """A worker killed outright (the OOM killer, a crash in a C extension) cannot report its
    files: the run stops with exit code 2 and one line, not a traceback or a hang."""
    targets = _services(tmp_path, 70)
    real = runner.run

    def run(text, name, cfg, **kw):
        if os.path.basename(os.path.dirname(name)) == "svc040":
            os._exit(9)  # only ever in a forked worker: this test runs with --jobs 2
        return real(text, name, cfg, **kw)

    monkeypatch.setattr(runner, "run", run)
    assert len(targets) >= runner.PARALLEL_MIN_FILES
    code = main(["check", "--select", "DL3042", "--jobs", "2", *targets])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.splitlines()[-1] == "dockwise: error: a worker process stopped before checking all files"
    assert "Traceback" not in out + err


def test_a_dockerfile_is_parsed_once_for_its_context_and_its_check(tmp_path, monkeypatch):
    """The build context is inferred from the Dockerfile's COPY sources (`svc/app.py` names the
    repository root): the runner parses the text once and hands the model to both."""
    import dockwise.dockerfile as dockerfile
    import dockwise.engine.check as check

    (tmp_path / ".git").mkdir()
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "app.py").write_text("print('hi')\n")
    (tmp_path / "svc" / "Dockerfile").write_text(
        "FROM python:3.12-slim\nWORKDIR /app\nCOPY svc/app.py .\nUSER 1000\nCMD [\"python\", \"app.py\"]\n")
    parses = []
    real = dockerfile.parse

    def counted(text, *a, **k):
        parses.append(text)
        return real(text, *a, **k)

    monkeypatch.setattr(dockerfile, "parse", counted)  # the runner's and the context inference's
    monkeypatch.setattr(check, "parse", counted)       # the engine's
    target = str(tmp_path / "svc" / "Dockerfile")
    [outcome] = file_outcomes([target], RunOptions(paths=(target,), jobs=1))
    assert outcome.report.problem is None
    assert len(parses) == 1
    from dockwise.project import ProjectView
    choice = ProjectView(stable=True, trees=[str(tmp_path)]).context_choice(target, None)
    assert choice.directory == str(tmp_path)  # the COPY source was read: evidence of the context
