"""Reading a real build context directory: the walker and its snapshot
(:mod:`dockwise.buildcontext.walk`) and the context report (:mod:`dockwise.buildcontext.report`).
"""

from .report import (
    AUTO,
    DEFAULT_CANDIDATES,
    candidate_savings,
    context_report,
    list_sent_paths,
    load_ignore,
)
from .view import ContextView, load_context
from .walk import (
    ContextProblem,
    ContextSnapshot,
    IgnoredEntry,
    PathStatus,
    SymlinkInfo,
    walk_context,
)

__all__ = [
    "AUTO",
    "DEFAULT_CANDIDATES",
    "ContextProblem",
    "ContextSnapshot",
    "ContextView",
    "IgnoredEntry",
    "PathStatus",
    "SymlinkInfo",
    "candidate_savings",
    "context_report",
    "list_sent_paths",
    "load_context",
    "load_ignore",
    "walk_context",
]
