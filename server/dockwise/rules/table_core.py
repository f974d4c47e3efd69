"""The core rules: parse errors, suppressions, and the lessons every image-optimisation guide teaches."""

from .dockerfile.dl3002_last_user_root import LastUserRoot
from .dockerfile.dl3006_untagged_base_image import UntaggedBaseImage
from .dockerfile.dl3007_latest_base_image import LatestBaseImage
from .dockerfile.dl3009_apt_lists_not_deleted import AptListsNotDeleted
from .dockerfile.dl3014_apt_get_install_without_yes import AptGetInstallWithoutYes
from .dockerfile.dl3015_apt_get_install_recommends import AptGetInstallRecommends
from .dockerfile.dl3019_apk_add_without_no_cache import ApkAddWithoutNoCache
from .dockerfile.dl3020_add_instead_of_copy import AddInsteadOfCopy
from .dockerfile.dl3025_shell_form_cmd import ShellFormCmd
from .dockerfile.dl3042_pip_no_cache_dir import PipNoCacheDir
from .dockerfile.dl3059_consecutive_runs import ConsecutiveRuns
from .dockerfile.dl4000_maintainer_deprecated import MaintainerDeprecated
from .dockerfile.dw100_deleted_in_later_layer import DeletedInLaterLayer
from .dockerfile.dw101_large_base_variant import LargeBaseVariant
from .dockerfile.dw200_no_user import NoUser
from .dockerfile.dw201_secret_in_arg_or_env import SecretInArgOrEnv
from .dockerfile.dw202_pipe_download_to_shell import PipeDownloadToShell
from .dockerfile.dw300_copy_all_before_install import CopyAllBeforeInstall
from .dockerfile.dw400_syntax_error import SyntaxError_
from .dockerfile.dw490_unused_suppression import UnusedSuppression
from .dockerfile.dw491_unknown_suppression import UnknownSuppression

RULES = (
    LastUserRoot,
    UntaggedBaseImage,
    LatestBaseImage,
    AptListsNotDeleted,
    AptGetInstallWithoutYes,
    AptGetInstallRecommends,
    ApkAddWithoutNoCache,
    AddInsteadOfCopy,
    ShellFormCmd,
    PipNoCacheDir,
    ConsecutiveRuns,
    MaintainerDeprecated,
    DeletedInLaterLayer,
    LargeBaseVariant,
    NoUser,
    SecretInArgOrEnv,
    PipeDownloadToShell,
    CopyAllBeforeInstall,
    SyntaxError_,
    UnusedSuppression,
    UnknownSuppression,
)
