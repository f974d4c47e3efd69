"""What the engine needs to know about the rules, passed in from above: the engine imports no
rule module and no registry. The package installs the registry (dockwise/__init__.py); a host
may pass another catalog to `check.run` (tests do)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Protocol

if TYPE_CHECKING:
    from ..dockerfile import Dockerfile
    from .diagnostic import Diagnostic
    from .rule import Rule
    from .settings import Config


class Catalog(Protocol):
    def rules(self) -> dict[str, "Rule"]:
        """Every rule that exists, by code."""

    def resolve(self, selector: str) -> list[str]:
        """The codes a selector (code, redirected code, prefix, name, ALL) means."""

    def removed(self, selector: str) -> str | None:
        """Why a removed code was removed; None for any other selector."""

    def extra_findings(self, df: "Dockerfile", config: "Config") -> list["Diagnostic"]:
        """Findings from sources other than rules (ShellCheck)."""


_factory: Callable[[], Catalog] | None = None


def install(factory: Callable[[], Catalog]) -> None:
    """Set where the default catalog comes from (called once, when it is first needed)."""
    global _factory
    _factory = factory


def current() -> Catalog:
    if _factory is None:
        raise RuntimeError("no rule catalog installed: import dockwise (its __init__ installs the registry)")
    return _factory()
