"""chmod/chown operands as `rules/support/filemodes.py` reads them (chmod(1), chown(1), a RUN's umask 022)."""

import pytest

from dockwise.rules.support.filemodes import Owner, apply_mode, explicit_symbolic, octal, parse_owner

# (mode, the file's bits before, after) — as GNU chmod leaves a regular file
MODES = [
    ("755", 0o600, 0o755),
    ("0644", 0o755, 0o644),
    ("4755", 0o755, 0o4755),
    ("+x", 0o644, 0o755),          # no `who`: `a`, the umask masking no x bit
    ("+x", 0o600, 0o711),          # a downloaded file (ADD <url>)
    ("u+x", 0o644, 0o744),
    ("o+rx", 0o640, 0o645),
    ("go-w", 0o666, 0o644),
    ("a=rX,u+w", 0o640, 0o644),    # X: no x bit on the file, so none added
    ("a+X", 0o744, 0o755),         # X: some x bit already, so all
    ("u+s", 0o755, 0o4755),
    ("ug=rw,o=", 0o777, 0o660),
]


@pytest.mark.parametrize("mode,before,after", MODES)
def test_modes(mode, before, after):
    assert apply_mode(mode, before) == after


@pytest.mark.parametrize("mode", ["+w", "=rw", "g=u", "+s", "u+z", "rwx", "$MODE"])
def test_modes_not_read(mode):
    # `+w` and `=rw` without `who` are masked by the umask; `g=u` copies bits: not modelled
    assert apply_mode(mode, 0o644) is None
    assert explicit_symbolic(mode) is None


def test_a_directory_keeps_x_for_capital_x():
    assert apply_mode("a=rX", 0o644, is_dir=True) == 0o555


def test_explicit_symbolic_names_the_classes():
    assert explicit_symbolic("+x") == "a+x"
    assert explicit_symbolic("+rx,u+w") == "a+rx,u+w"
    assert explicit_symbolic("o+rx") == "o+rx"
    assert octal(0o755) == "755" and octal(0o4755) == "4755" and octal(0o44) == "044"


@pytest.mark.parametrize("spec,owner", [
    ("app", Owner("app", None)),
    ("app:app", Owner("app", "app")),
    ("1000:1000", Owner("1000", "1000")),
    ("www-data:", Owner("www-data", None, login_group=True)),
    (":staff", Owner(None, "staff")),
])
def test_owners(spec, owner):
    assert parse_owner(spec) == owner


@pytest.mark.parametrize("spec", ["", ":", "app.app", "$USER:app", "${U}"])
def test_owners_not_read(spec):
    assert parse_owner(spec) is None


def test_names_need_a_lookup_numbers_do_not():
    assert Owner("app", "0").names and Owner("0", "staff").names
    assert not Owner("1000", "1000").names and not Owner("1000", None).names
