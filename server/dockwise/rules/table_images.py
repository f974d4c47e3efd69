"""Base-image knowledge: end of life, floating and unknown tags (offline tables)."""

from .dockerfile.dw150_base_image_end_of_life import BaseImageEndOfLife
from .dockerfile.dw151_floating_major_tag import FloatingTag
from .dockerfile.dw152_unknown_image_tag import UnknownTag
from .dockerfile.dw153_copy_from_image_without_tag import CopyFromImageWithoutTag

RULES = (
    BaseImageEndOfLife,
    FloatingTag,
    UnknownTag,
    CopyFromImageWithoutTag,
)
