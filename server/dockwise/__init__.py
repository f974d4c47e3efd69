"""dockwise: lint and safely fix Dockerfiles and .dockerignore files."""
__version__ = "0.1.0"


def _answer_lsp_initialize_early() -> None:
    """`dockwise lsp`: answer the editor's `initialize` before loading anything (lsp/early.py)."""
    import sys
    from .lsp import early
    if early.is_lsp_command(sys.argv):
        early.answer_initialize(__version__)


_answer_lsp_initialize_early()


def _rule_catalog():
    from .rules.registry import CATALOG
    return CATALOG


def _install_rule_catalog() -> None:
    """The engine imports no rule: it is handed the registry here, read when a check first needs it."""
    from .engine import catalog
    catalog.install(_rule_catalog)


_install_rule_catalog()
