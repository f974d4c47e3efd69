"""`Command.has_flag`: exact words, `--long=value`, short flags inside clusters; after the
program's wrappers only."""

from __future__ import annotations

import pytest

from dockwise.dockerfile import parse


def command(run_text: str):
    df = parse(f"FROM alpine\nRUN {run_text}\n")
    return df.script(df.instructions[1]).commands[0]


@pytest.mark.parametrize("run_text, names, expected", [
    ("pip install --no-cache-dir x", ("--no-cache-dir",), True),
    ("pip install --no-cache-dir=1 x", ("--no-cache-dir",), True),
    ("pip install --no-cache-directory x", ("--no-cache-dir",), False),
    ("tool --a=b=c", ("--a=b",), True),          # `--a=b` followed by `=`
    ("tool --a=b=c", ("--a",), True),
    ("tool --ab=c", ("--a",), False),
    ("apt-get -qy install x", ("-y",), True),     # inside a cluster
    ("apt-get -qy install x", ("-x",), False),
    ("apt-get --yes install x", ("-y",), False),  # a long flag is no cluster
    ("apt-get --yes install x", ("-y", "--yes"), True),
    ("apt-get install -- -y", ("--",), True),
    ("sudo -E apt-get install x", ("-E",), False),  # the wrapper's flag, not apt-get's
    ("apt-get install x", ("apt-get",), False),     # the program itself is no flag
    ("tar -xzf a.tgz", ("-z",), True),
    ("tar -xzf a.tgz", ("-xzf",), True),
])
def test_has_flag(run_text, names, expected):
    assert command(run_text).has_flag(*names) is expected


def test_a_shifted_script_keeps_the_answers():
    df = parse("FROM alpine\nRUN apt-get -qy install x\n")
    script = df.script(df.instructions[1])
    assert script.commands[0].has_flag("-y")
    moved = script.shifted(5).commands[0]
    assert moved.has_flag("-y") and not moved.has_flag("-z")
