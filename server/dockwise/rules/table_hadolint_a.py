"""Rule family table: hadolint_a — hadolint parity, DL1001 and DL3000–DL3033 (a literal tuple;
the registry joins the tables). DL3005, DL3017 and DL3031 were removed from hadolint and are
not registered; DL3002/6/7/9/14/15/19/20/25 live in the core table."""

from .dockerfile.dl1001_inline_ignore_pragma import InlineIgnorePragma
from .dockerfile.dl3000_workdir_relative_path import WorkdirRelativePath
from .dockerfile.dl3001_pointless_command import PointlessCommand
from .dockerfile.dl3003_cd_instead_of_workdir import CdInsteadOfWorkdir
from .dockerfile.dl3004_sudo import Sudo
from .dockerfile.dl3008_apt_get_install_unpinned import AptGetInstallUnpinned
from .dockerfile.dl3010_copy_archive_then_extract import CopyArchiveThenExtract
from .dockerfile.dl3011_invalid_port import InvalidPort
from .dockerfile.dl3012_multiple_healthcheck import MultipleHealthcheck
from .dockerfile.dl3013_pip_install_unpinned import PipInstallUnpinned
from .dockerfile.dl3016_npm_install_unpinned import NpmInstallUnpinned
from .dockerfile.dl3018_apk_add_unpinned import ApkAddUnpinned
from .dockerfile.dl3021_copy_multiple_sources_dest_not_dir import CopyMultipleSourcesDestNotDir
from .dockerfile.dl3022_copy_from_unknown_stage import CopyFromUnknownStage
from .dockerfile.dl3023_copy_from_own_stage import CopyFromOwnStage
from .dockerfile.dl3024_duplicate_stage_name import DuplicateStageName
from .dockerfile.dl3026_untrusted_registry import UntrustedRegistry
from .dockerfile.dl3027_apt_instead_of_apt_get import AptInsteadOfAptGet
from .dockerfile.dl3028_gem_install_unpinned import GemInstallUnpinned
from .dockerfile.dl3029_from_platform_flag import FromPlatformFlag
from .dockerfile.dl3030_yum_install_without_yes import YumInstallWithoutYes
from .dockerfile.dl3032_yum_clean_all_missing import YumCleanAllMissing
from .dockerfile.dl3033_yum_install_unpinned import YumInstallUnpinned

RULES = (
    InlineIgnorePragma,
    WorkdirRelativePath,
    PointlessCommand,
    CdInsteadOfWorkdir,
    Sudo,
    AptGetInstallUnpinned,
    CopyArchiveThenExtract,
    InvalidPort,
    MultipleHealthcheck,
    PipInstallUnpinned,
    NpmInstallUnpinned,
    ApkAddUnpinned,
    CopyMultipleSourcesDestNotDir,
    CopyFromUnknownStage,
    CopyFromOwnStage,
    DuplicateStageName,
    UntrustedRegistry,
    AptInsteadOfAptGet,
    GemInstallUnpinned,
    FromPlatformFlag,
    YumInstallWithoutYes,
    YumCleanAllMissing,
    YumInstallUnpinned,
)
