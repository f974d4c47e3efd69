"""The core rules: the lessons every image-optimisation guide teaches."""

from .dockerfile.dl3042_pip_no_cache_dir import PipNoCacheDir

RULES = (
    PipNoCacheDir,
)
