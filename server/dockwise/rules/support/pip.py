"""pip: the names it runs under and what counts as `pip install`."""

from __future__ import annotations

from .helpers import subcommand

# Every name pip and Python run under in images (`pip3.12`, `python3.12`).
PIP = ("pip", "pip3", "pip2") + tuple(f"pip3.{n}" for n in range(6, 16))
PYTHONS = ("python", "python3", "python2") + tuple(f"python3.{n}" for n in range(6, 16))
PIP_NAMES = frozenset(PIP)
PYTHON_NAMES = frozenset(PYTHONS)


def is_pip_install(cmd) -> bool:
    words = cmd.unwrapped()
    prog = cmd.program
    if prog in PIP:
        return subcommand(cmd) == "install"
    # python -m pip install …
    if prog.startswith("python") and len(words) >= 4 and words[1].value == "-m" and words[2].value == "pip":
        return words[3].value == "install"
    return False
