"""Rule family table: security (a literal tuple; the registry joins the tables).

The security checks of checkov and trivy (DW210–DW249).
"""

from .dockerfile.dw210_tls_verification_disabled import TlsVerificationDisabled
from .dockerfile.dw211_tls_verification_disabled_by_env import TlsVerificationDisabledByEnv
from .dockerfile.dw212_package_signature_check_disabled import PackageSignatureCheckDisabled
from .dockerfile.dw213_ssh_port_exposed import SshPortExposed
from .dockerfile.dw214_password_set_in_run import PasswordSetInRun
from .dockerfile.dw215_world_writable_permissions import WorldWritablePermissions
from .dockerfile.dw216_copy_into_system_directory import CopyIntoSystemDirectory
from .dockerfile.dw217_add_remote_without_checksum import AddRemoteWithoutChecksum
from .dockerfile.dw218_secret_file_copied import SecretFileCopied
from .dockerfile.dw219_distribution_upgrade import DistributionUpgrade
from .dockerfile.dw220_missing_healthcheck import MissingHealthcheck
from .dockerfile.dw221_root_unless_base_sets_user import RootUnlessBaseSetsUser

RULES = (
    TlsVerificationDisabled,
    TlsVerificationDisabledByEnv,
    PackageSignatureCheckDisabled,
    SshPortExposed,
    PasswordSetInRun,
    WorldWritablePermissions,
    CopyIntoSystemDirectory,
    AddRemoteWithoutChecksum,
    SecretFileCopied,
    DistributionUpgrade,
    MissingHealthcheck,
    RootUnlessBaseSetsUser,
)
