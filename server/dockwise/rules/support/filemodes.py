"""What `chmod` modes and `chown` owners mean, for rules that compare a RUN's `chmod`/`chown`
with `COPY --chmod`/`--chown`.

Modes follow chmod(1): an octal number (`755`, `0644`, `4755`) sets the whole mode; a symbolic
mode (`u+x`, `go-w`, `a=rX,u+w`) changes the file's current mode, clause by clause. A clause
without a `who` (`+x`) is masked by the umask, which is 022 in a RUN (runc's default): for `r`,
`x` and `X` that is the same as `a`; for `w`, `s` and `t` it is not, and such clauses are not
read here. `g=u` (copying another class's bits) is not read either.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...lazy_regex import lazy_compile

OCTAL_MODE = lazy_compile(r"0?[0-7]{3,4}")
_CLAUSE = lazy_compile(r"([ugoa]*)((?:[-+=][rwxXst]*)+)")
_ACTION = lazy_compile(r"([-+=])([rwxXst]*)")
_WHO_BITS = {"u": 0o4700, "g": 0o2070, "o": 0o1007}   # each class's rwx plus its special bit
_PERM_BITS = {"r": 0o444, "w": 0o222, "x": 0o111, "s": 0o6000, "t": 0o1000}


def is_octal(mode: str) -> bool:
    return OCTAL_MODE.fullmatch(mode) is not None


def _clauses(mode: str) -> list[tuple[str, list[tuple[str, str]]]] | None:
    """[(who, [(op, perms)…])…] with an empty `who` read as `a` (see the module docstring), or
    None when `mode` is not a symbolic mode read here."""
    out = []
    for part in mode.split(","):
        m = _CLAUSE.fullmatch(part)
        if m is None:
            return None
        who, actions = m.group(1), _ACTION.findall(m.group(2))
        if not who:
            if any(set(perms) - set("rxX") for _, perms in actions):
                return None  # masked by the umask: not `a`
            who = "a"
        out.append((who, actions))
    return out


def is_symbolic(mode: str) -> bool:
    return _clauses(mode) is not None


def apply_mode(mode: str, current: int, is_dir: bool = False) -> int | None:
    """The permission bits (07777) `chmod mode` leaves on a file whose bits are `current`;
    None when `mode` is neither octal nor a symbolic mode read here."""
    if is_octal(mode):
        return int(mode, 8)
    clauses = _clauses(mode)
    if clauses is None:
        return None
    bits = current & 0o7777
    for who, actions in clauses:
        mask = 0
        for w in ("ugo" if "a" in who else who):
            mask |= _WHO_BITS[w]
        for op, perms in actions:
            add = 0
            for p in perms:
                if p == "X":
                    if is_dir or bits & 0o111:
                        add |= 0o111
                else:
                    add |= _PERM_BITS[p]
            add &= mask
            if op == "+":
                bits |= add
            elif op == "-":
                bits &= ~add
            else:
                # `=`: the class's bits become exactly these (a directory keeps its set-id
                # bits, as GNU chmod does)
                bits = (bits & ~(mask & (0o1777 if is_dir else 0o7777))) | add
    return bits


def explicit_symbolic(mode: str) -> str | None:
    """`mode` with every clause naming its classes (`+x` → `a+x`), the same change whatever
    the umask (what `COPY --chmod` needs: it applies no umask); None when not read here."""
    clauses = _clauses(mode)
    if clauses is None:
        return None
    return ",".join(who + "".join(op + perms for op, perms in actions) for who, actions in clauses)


def octal(bits: int) -> str:
    return format(bits, "o").rjust(3, "0") if bits < 0o1000 else format(bits, "o")


@dataclass(frozen=True)
class Owner:
    """A `chown` owner operand: `user`, `user:group`, `user:` (the user's login group),
    `:group`; `user`/`group` None when not given."""

    user: str | None
    group: str | None
    login_group: bool = False   # `user:`

    @property
    def names(self) -> bool:
        """Whether a user or group name (not a number) must be looked up in the image."""
        return any(part is not None and not part.isdigit() for part in (self.user, self.group))


_NAME = r"[A-Za-z0-9_][A-Za-z0-9_@-]*\$?"
_OWNER = lazy_compile(rf"({_NAME})?(?:(:)({_NAME})?)?")


def parse_owner(spec: str) -> Owner | None:
    """The owner operand of `chown` (`app:app`, `1000`, `www-data:`, `:staff`), or None when it
    is not one read here: a variable, an empty operand, or a dot in it (`app.app` is the old
    `user.group` spelling or a user name with a dot, as the image's user database decides)."""
    m = _OWNER.fullmatch(spec)
    if m is None or spec in ("", ":"):
        return None
    user, sep, group = m.group(1), m.group(2), m.group(3)
    return Owner(user, group, login_group=bool(sep) and user is not None and group is None)
