"""dockwise: lint and safely fix Dockerfiles and .dockerignore files."""
__version__ = "0.1.0"


def _answer_lsp_initialize_early() -> None:
    """`dockwise lsp`: answer the editor's `initialize` before loading anything (lsp/early.py)."""
    import sys
    from .lsp import early
    if early.is_lsp_command(sys.argv):
        early.answer_initialize(__version__)


_answer_lsp_initialize_early()
