"""Rule family table: buildkit (a literal tuple; the registry joins the tables).

BuildKit's `docker build --check` checks (DW410–DW449), plus the build-hygiene gaps no tool
covers (DW110, DW111, DW411).
"""

from .dockerfile.dw110_npm_cache_in_layer import NpmCacheInLayer
from .dockerfile.dw111_download_extracted_in_later_layer import DownloadExtractedInLaterLayer
from .dockerfile.dw410_stage_name_casing import StageNameCasing
from .dockerfile.dw411_heredoc_without_errexit import HeredocWithoutErrexit
from .dockerfile.dw412_from_as_casing import FromAsCasing
from .dockerfile.dw413_empty_continuation_line import EmptyContinuationLine
from .dockerfile.dw414_inconsistent_instruction_casing import InconsistentInstructionCasing
from .dockerfile.dw415_reserved_stage_name import ReservedStageName
from .dockerfile.dw416_undefined_arg_in_from import UndefinedArgInFrom
from .dockerfile.dw417_undefined_variable import UndefinedVariable
from .dockerfile.dw418_legacy_key_value_format import LegacyKeyValueFormat
from .dockerfile.dw419_base_image_platform_unavailable import BaseImagePlatformUnavailable
from .dockerfile.dw421_invalid_default_arg_in_from import InvalidDefaultArgInFrom
from .dockerfile.dw422_constant_platform_in_from import ConstantPlatformInFrom
from .dockerfile.dw423_invalid_definition_description import InvalidDefinitionDescription
from .dockerfile.dw424_expose_protocol_casing import ExposeProtocolCasing
from .dockerfile.dw425_expose_invalid_format import ExposeInvalidFormat
from .dockerfile.dw426_unknown_instruction_flag import UnknownInstructionFlag

RULES = (
    NpmCacheInLayer,
    DownloadExtractedInLaterLayer,
    StageNameCasing,
    HeredocWithoutErrexit,
    FromAsCasing,
    EmptyContinuationLine,
    InconsistentInstructionCasing,
    ReservedStageName,
    UndefinedArgInFrom,
    UndefinedVariable,
    LegacyKeyValueFormat,
    BaseImagePlatformUnavailable,
    InvalidDefaultArgInFrom,
    ConstantPlatformInFrom,
    InvalidDefinitionDescription,
    ExposeProtocolCasing,
    ExposeInvalidFormat,
    UnknownInstructionFlag,
)
