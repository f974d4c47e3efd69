"""Docker's exact ``.dockerignore`` semantics (moby/patternmatcher + ignorefile), pure.

See :mod:`dockwise.ignorefile.matcher` for the matcher API and the quirks reproduced, and
:mod:`dockwise.ignorefile.locate` for which ignore file a build uses.
"""

from .gopath import BadPattern, go_clean, go_match
from .locate import ALWAYS_SENT, always_sent_paths, dockerfile_of_ignore_file, find_ignore_file, with_always_sent
from .matcher import (
    IgnoreError,
    IgnoreFile,
    IgnoreMatchError,
    IgnorePattern,
    Verdict,
    ignore_file_from_patterns,
    parse_ignore_file,
)

__all__ = [
    "ALWAYS_SENT",
    "BadPattern",
    "IgnoreError",
    "IgnoreFile",
    "IgnoreMatchError",
    "IgnorePattern",
    "Verdict",
    "always_sent_paths",
    "dockerfile_of_ignore_file",
    "find_ignore_file",
    "go_clean",
    "go_match",
    "ignore_file_from_patterns",
    "parse_ignore_file",
    "with_always_sent",
]
