"""Rule family table: crossstage (a literal tuple; the registry joins the tables)."""

from .dockerfile.dl3067_copy_whole_filesystem import CopyWholeFilesystem
from .dockerfile.dw120_build_tools_in_final_image import BuildToolsInFinalImage
from .dockerfile.dw450_copy_from_missing_output import CopyFromMissingOutput
from .dockerfile.dw451_venv_interpreter_mismatch import VenvInterpreterMismatch
from .dockerfile.dw454_foreign_package_manager import ForeignPackageManager
from .dockerfile.dw452_missing_interpreter import MissingInterpreter
from .dockerfile.dw453_unreachable_stage import UnreachableStage
from .dockerfile.dw455_unused_named_stage import UnusedNamedStage

RULES = (
    BuildToolsInFinalImage,
    CopyFromMissingOutput,
    VenvInterpreterMismatch,
    MissingInterpreter,
    ForeignPackageManager,
    UnreachableStage,
    UnusedNamedStage,
    CopyWholeFilesystem,
)
