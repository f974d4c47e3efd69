"""pip: the names it runs under and what counts as `pip install`."""

from __future__ import annotations

from .helpers import subcommand


PIP = ("pip", "pip3", "pip2") + tuple(f"pip3.{n}" for n in range(6, 16))


def is_pip_install(cmd) -> bool:
    words = cmd.unwrapped()
    prog = cmd.program
    if prog in PIP:
        return subcommand(cmd) == "install"
    # python -m pip install …
    if prog.startswith("python") and len(words) >= 4 and words[1].value == "-m" and words[2].value == "pip":
        return words[3].value == "install"
    return False
