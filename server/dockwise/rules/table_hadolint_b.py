"""Rule family table: hadolint_b (a literal tuple; the registry joins the tables).

hadolint DL3034–DL3067 and DL4001–DL4006 (DL3042: core; DL3059, DL3067, DL4000: other families)."""

from .dockerfile.dl3034_zypper_without_non_interactive import ZypperWithoutNonInteractive
from .dockerfile.dl3035_zypper_dist_upgrade import ZypperDistUpgrade
from .dockerfile.dl3036_zypper_without_clean import ZypperWithoutClean
from .dockerfile.dl3037_zypper_unpinned_version import ZypperUnpinnedVersion
from .dockerfile.dl3038_dnf_without_assume_yes import DnfWithoutAssumeYes
from .dockerfile.dl3040_dnf_without_clean_all import DnfWithoutCleanAll
from .dockerfile.dl3041_dnf_unpinned_version import DnfUnpinnedVersion
from .dockerfile.dl3043_onbuild_forbidden_trigger import OnbuildForbiddenTrigger
from .dockerfile.dl3044_env_self_reference import EnvSelfReference
from .dockerfile.dl3045_copy_relative_destination_without_workdir import CopyRelativeDestinationWithoutWorkdir
from .dockerfile.dl3046_useradd_high_uid_without_no_log_init import UseraddHighUidWithoutNoLogInit
from .dockerfile.dl3047_wget_without_progress import WgetWithoutProgress
from .dockerfile.dl3048_invalid_label_key import InvalidLabelKey
from .dockerfile.dl3049_label_missing import LabelMissing
from .dockerfile.dl3050_superfluous_label import SuperfluousLabel
from .dockerfile.dl3051_label_empty import LabelEmpty
from .dockerfile.dl3052_label_invalid_url import LabelInvalidUrl
from .dockerfile.dl3053_label_invalid_rfc3339 import LabelInvalidRfc3339
from .dockerfile.dl3054_label_invalid_spdx import LabelInvalidSpdx
from .dockerfile.dl3055_label_invalid_git_hash import LabelInvalidGitHash
from .dockerfile.dl3056_label_invalid_semver import LabelInvalidSemver
from .dockerfile.dl3057_healthcheck_missing import HealthcheckMissing
from .dockerfile.dl3058_label_invalid_email import LabelInvalidEmail
from .dockerfile.dl3060_yarn_without_cache_clean import YarnWithoutCacheClean
from .dockerfile.dl3061_instruction_before_from import InstructionBeforeFrom
from .dockerfile.dl3062_go_install_unpinned import GoInstallUnpinned
from .dockerfile.dl3063_user_missing import UserMissing
from .dockerfile.dl3064_sensitive_build_variable import SensitiveBuildVariable
from .dockerfile.dl3065_platform_flag_is_target_platform import RedundantTargetPlatform
from .dockerfile.dl3066_non_numeric_user import NonNumericUser
from .dockerfile.dl4001_wget_and_curl import WgetAndCurl
from .dockerfile.dl4003_multiple_cmd import MultipleCmd
from .dockerfile.dl4004_multiple_entrypoint import MultipleEntrypoint
from .dockerfile.dl4005_shell_symlink import ShellSymlink
from .dockerfile.dl4006_pipe_without_pipefail import PipeWithoutPipefail

RULES = (
    ZypperWithoutNonInteractive,
    ZypperDistUpgrade,
    ZypperWithoutClean,
    ZypperUnpinnedVersion,
    DnfWithoutAssumeYes,
    DnfWithoutCleanAll,
    DnfUnpinnedVersion,
    OnbuildForbiddenTrigger,
    EnvSelfReference,
    CopyRelativeDestinationWithoutWorkdir,
    UseraddHighUidWithoutNoLogInit,
    WgetWithoutProgress,
    InvalidLabelKey,
    LabelMissing,
    SuperfluousLabel,
    LabelEmpty,
    LabelInvalidUrl,
    LabelInvalidRfc3339,
    LabelInvalidSpdx,
    LabelInvalidGitHash,
    LabelInvalidSemver,
    HealthcheckMissing,
    LabelInvalidEmail,
    YarnWithoutCacheClean,
    InstructionBeforeFrom,
    GoInstallUnpinned,
    UserMissing,
    SensitiveBuildVariable,
    RedundantTargetPlatform,
    NonNumericUser,
    WgetAndCurl,
    MultipleCmd,
    MultipleEntrypoint,
    ShellSymlink,
    PipeWithoutPipefail,
)
