"""Rule family table: dockerignore (a literal tuple; the registry joins the tables).

DW500–DW519 check `.dockerignore` files (DW508 was removed: see engine.registry.REMOVED); DW520–DW599 check a Dockerfile against its build
context and ignore file.
"""

from .dockerfile.dw520_copy_ignored_file import CopyIgnoredFile
from .dockerfile.dw521_copy_source_outside_context import CopySourceOutsideContext
from .dockerfile.dw522_copy_all_without_dockerignore import CopyAllWithoutDockerignore
from .dockerfile.dw523_context_sends_secrets import ContextSendsSecrets
from .dockerfile.dw524_context_sends_build_junk import ContextSendsBuildJunk
from .dockerignore.dw500_ignore_pattern_rejected import IgnorePatternRejected
from .dockerignore.dw501_comment_inside_pattern import CommentInsidePattern
from .dockerignore.dw502_pattern_only_matches_at_root import PatternOnlyMatchesAtRoot
from .dockerignore.dw503_bracket_negation_is_literal import BracketNegationIsLiteral
from .dockerignore.dw504_slash_bang_is_exception import SlashBangIsException
from .dockerignore.dw505_pattern_matches_nothing import PatternMatchesNothing
from .dockerignore.dw506_duplicate_ignore_pattern import DuplicateIgnorePattern
from .dockerignore.dw507_exception_has_no_effect import ExceptionHasNoEffect

RULES = (
    IgnorePatternRejected,
    CommentInsidePattern,
    PatternOnlyMatchesAtRoot,
    BracketNegationIsLiteral,
    SlashBangIsException,
    PatternMatchesNothing,
    DuplicateIgnorePattern,
    ExceptionHasNoEffect,
    CopyIgnoredFile,
    CopySourceOutsideContext,
    CopyAllWithoutDockerignore,
    ContextSendsSecrets,
    ContextSendsBuildJunk,
)
