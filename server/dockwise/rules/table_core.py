"""The core rules: parse errors, suppressions, and the lessons every image-optimisation guide teaches."""

from .dockerfile.dl3042_pip_no_cache_dir import PipNoCacheDir
from .dockerfile.dw400_syntax_error import SyntaxError_
from .dockerfile.dw490_unused_suppression import UnusedSuppression
from .dockerfile.dw491_unknown_suppression import UnknownSuppression

RULES = (
    PipNoCacheDir,
    SyntaxError_,
    UnusedSuppression,
    UnknownSuppression,
)
