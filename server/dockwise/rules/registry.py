"""The one registry: a literal line per rule code, and the only place rule modules are found.

Each line names a code, its lifecycle status, the version it appeared in (`since`), whether it
is on by default, and where its class lives ("module:Class" under `dockwise.rules`) as a string:
the registry imports a rule module only when that code is asked for (`load`), so reading it
imports no rule. Codes are never reused: a removed rule keeps its line (old `# dockwise:
ignore=`/`# hadolint ignore=` pragmas and `select`/`ignore` entries still resolve, with a warning
in a configuration), and a renamed code redirects to its new code.

The status, `since` and default are declared here and nowhere else: `load` sets a rule class's
`status`, `since`, `preview` and `default_enabled` from its line.

How `since` was derived: the repository has no release tags (`git tag` is empty, docs/releasing.md
says no release has been tagged) and `__version__` in `server/dockwise/__init__.py` has been
"0.1.0" at every commit that touched it (`git log --format=%h -- server/dockwise/__init__.py`,
then `git show <commit>:server/dockwise/__init__.py`); every rule module was added
(`git log --diff-filter=A --format=%ad -- <module>`) between 2026-11-28 and 2026-12-07, all under
0.1.0. So every code, including the removed DW508 and the redirected DW420, says "0.1.0": the
first release. A rule added after a release says the version being prepared.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import lru_cache

from ..engine.rule import Rule, Status
from .inputs_table import STATIC

STABLE, PREVIEW, DEPRECATED = Status.STABLE, Status.PREVIEW, Status.DEPRECATED
ON, OFF = True, False


@dataclass(frozen=True)
class Entry:
    """A rule that exists: `where` is "module:Class" under `dockwise.rules`."""

    code: str
    status: Status
    since: str
    default: bool
    where: str


@dataclass(frozen=True)
class Removed:
    """A code whose rule is gone; kept so that old pragmas and configurations still resolve."""

    code: str
    since: str
    removed_in: str
    reason: str
    status: Status = Status.REMOVED


@dataclass(frozen=True)
class Redirect:
    """An old code that now means another (the same check under its better-known code)."""

    code: str
    since: str
    target: str


CODES: tuple[Entry | Removed | Redirect, ...] = (
    Entry("DL1001", STABLE,  "0.1.0", OFF, "dockerfile.dl1001_inline_ignore_pragma:InlineIgnorePragma"),
    Entry("DL3000", STABLE,  "0.1.0", ON,  "dockerfile.dl3000_workdir_relative_path:WorkdirRelativePath"),
    Entry("DL3001", STABLE,  "0.1.0", ON,  "dockerfile.dl3001_pointless_command:PointlessCommand"),
    Entry("DL3002", STABLE,  "0.1.0", ON,  "dockerfile.dl3002_last_user_root:LastUserRoot"),
    Entry("DL3003", STABLE,  "0.1.0", ON,  "dockerfile.dl3003_cd_instead_of_workdir:CdInsteadOfWorkdir"),
    Entry("DL3004", STABLE,  "0.1.0", ON,  "dockerfile.dl3004_sudo:Sudo"),
    Entry("DL3006", STABLE,  "0.1.0", ON,  "dockerfile.dl3006_untagged_base_image:UntaggedBaseImage"),
    Entry("DL3007", STABLE,  "0.1.0", ON,  "dockerfile.dl3007_latest_base_image:LatestBaseImage"),
    Entry("DL3008", STABLE,  "0.1.0", OFF, "dockerfile.dl3008_apt_get_install_unpinned:AptGetInstallUnpinned"),
    Entry("DL3009", STABLE,  "0.1.0", ON,  "dockerfile.dl3009_apt_lists_not_deleted:AptListsNotDeleted"),
    Entry("DL3010", STABLE,  "0.1.0", ON,  "dockerfile.dl3010_copy_archive_then_extract:CopyArchiveThenExtract"),
    Entry("DL3011", STABLE,  "0.1.0", ON,  "dockerfile.dl3011_invalid_port:InvalidPort"),
    Entry("DL3012", STABLE,  "0.1.0", ON,  "dockerfile.dl3012_multiple_healthcheck:MultipleHealthcheck"),
    Entry("DL3013", STABLE,  "0.1.0", OFF, "dockerfile.dl3013_pip_install_unpinned:PipInstallUnpinned"),
    Entry("DL3014", STABLE,  "0.1.0", ON,  "dockerfile.dl3014_apt_get_install_without_yes:AptGetInstallWithoutYes"),
    Entry("DL3015", STABLE,  "0.1.0", ON,  "dockerfile.dl3015_apt_get_install_recommends:AptGetInstallRecommends"),
    Entry("DL3016", STABLE,  "0.1.0", OFF, "dockerfile.dl3016_npm_install_unpinned:NpmInstallUnpinned"),
    Entry("DL3018", STABLE,  "0.1.0", OFF, "dockerfile.dl3018_apk_add_unpinned:ApkAddUnpinned"),
    Entry("DL3019", STABLE,  "0.1.0", ON,  "dockerfile.dl3019_apk_add_without_no_cache:ApkAddWithoutNoCache"),
    Entry("DL3020", STABLE,  "0.1.0", ON,  "dockerfile.dl3020_add_instead_of_copy:AddInsteadOfCopy"),
    Entry("DL3021", STABLE,  "0.1.0", ON,  "dockerfile.dl3021_copy_multiple_sources_dest_not_dir:CopyMultipleSourcesDestNotDir"),
    Entry("DL3022", STABLE,  "0.1.0", ON,  "dockerfile.dl3022_copy_from_unknown_stage:CopyFromUnknownStage"),
    Entry("DL3023", STABLE,  "0.1.0", ON,  "dockerfile.dl3023_copy_from_own_stage:CopyFromOwnStage"),
    Entry("DL3024", STABLE,  "0.1.0", ON,  "dockerfile.dl3024_duplicate_stage_name:DuplicateStageName"),
    Entry("DL3025", STABLE,  "0.1.0", ON,  "dockerfile.dl3025_shell_form_cmd:ShellFormCmd"),
    Entry("DL3026", STABLE,  "0.1.0", ON,  "dockerfile.dl3026_untrusted_registry:UntrustedRegistry"),
    Entry("DL3027", STABLE,  "0.1.0", ON,  "dockerfile.dl3027_apt_instead_of_apt_get:AptInsteadOfAptGet"),
    Entry("DL3028", STABLE,  "0.1.0", OFF, "dockerfile.dl3028_gem_install_unpinned:GemInstallUnpinned"),
    Entry("DL3029", STABLE,  "0.1.0", ON,  "dockerfile.dl3029_from_platform_flag:FromPlatformFlag"),
    Entry("DL3030", STABLE,  "0.1.0", ON,  "dockerfile.dl3030_yum_install_without_yes:YumInstallWithoutYes"),
    Entry("DL3032", STABLE,  "0.1.0", ON,  "dockerfile.dl3032_yum_clean_all_missing:YumCleanAllMissing"),
    Entry("DL3033", STABLE,  "0.1.0", OFF, "dockerfile.dl3033_yum_install_unpinned:YumInstallUnpinned"),
    Entry("DL3034", STABLE,  "0.1.0", ON,  "dockerfile.dl3034_zypper_without_non_interactive:ZypperWithoutNonInteractive"),
    Entry("DL3035", STABLE,  "0.1.0", ON,  "dockerfile.dl3035_zypper_dist_upgrade:ZypperDistUpgrade"),
    Entry("DL3036", STABLE,  "0.1.0", ON,  "dockerfile.dl3036_zypper_without_clean:ZypperWithoutClean"),
    Entry("DL3037", STABLE,  "0.1.0", OFF, "dockerfile.dl3037_zypper_unpinned_version:ZypperUnpinnedVersion"),
    Entry("DL3038", STABLE,  "0.1.0", ON,  "dockerfile.dl3038_dnf_without_assume_yes:DnfWithoutAssumeYes"),
    Entry("DL3040", STABLE,  "0.1.0", ON,  "dockerfile.dl3040_dnf_without_clean_all:DnfWithoutCleanAll"),
    Entry("DL3041", STABLE,  "0.1.0", OFF, "dockerfile.dl3041_dnf_unpinned_version:DnfUnpinnedVersion"),
    Entry("DL3042", STABLE,  "0.1.0", ON,  "dockerfile.dl3042_pip_no_cache_dir:PipNoCacheDir"),
    Entry("DL3043", STABLE,  "0.1.0", ON,  "dockerfile.dl3043_onbuild_forbidden_trigger:OnbuildForbiddenTrigger"),
    Entry("DL3044", STABLE,  "0.1.0", ON,  "dockerfile.dl3044_env_self_reference:EnvSelfReference"),
    Entry("DL3045", STABLE,  "0.1.0", ON,  "dockerfile.dl3045_copy_relative_destination_without_workdir:CopyRelativeDestinationWithoutWorkdir"),
    Entry("DL3046", STABLE,  "0.1.0", ON,  "dockerfile.dl3046_useradd_high_uid_without_no_log_init:UseraddHighUidWithoutNoLogInit"),
    Entry("DL3047", STABLE,  "0.1.0", ON,  "dockerfile.dl3047_wget_without_progress:WgetWithoutProgress"),
    Entry("DL3048", STABLE,  "0.1.0", ON,  "dockerfile.dl3048_invalid_label_key:InvalidLabelKey"),
    Entry("DL3049", STABLE,  "0.1.0", ON,  "dockerfile.dl3049_label_missing:LabelMissing"),
    Entry("DL3050", STABLE,  "0.1.0", ON,  "dockerfile.dl3050_superfluous_label:SuperfluousLabel"),
    Entry("DL3051", STABLE,  "0.1.0", ON,  "dockerfile.dl3051_label_empty:LabelEmpty"),
    Entry("DL3052", STABLE,  "0.1.0", ON,  "dockerfile.dl3052_label_invalid_url:LabelInvalidUrl"),
    Entry("DL3053", STABLE,  "0.1.0", ON,  "dockerfile.dl3053_label_invalid_rfc3339:LabelInvalidRfc3339"),
    Entry("DL3054", STABLE,  "0.1.0", ON,  "dockerfile.dl3054_label_invalid_spdx:LabelInvalidSpdx"),
    Entry("DL3055", STABLE,  "0.1.0", ON,  "dockerfile.dl3055_label_invalid_git_hash:LabelInvalidGitHash"),
    Entry("DL3056", STABLE,  "0.1.0", ON,  "dockerfile.dl3056_label_invalid_semver:LabelInvalidSemver"),
    Entry("DL3057", STABLE,  "0.1.0", OFF, "dockerfile.dl3057_healthcheck_missing:HealthcheckMissing"),
    Entry("DL3058", STABLE,  "0.1.0", ON,  "dockerfile.dl3058_label_invalid_email:LabelInvalidEmail"),
    Entry("DL3059", STABLE,  "0.1.0", ON,  "dockerfile.dl3059_consecutive_runs:ConsecutiveRuns"),
    Entry("DL3060", STABLE,  "0.1.0", ON,  "dockerfile.dl3060_yarn_without_cache_clean:YarnWithoutCacheClean"),
    Entry("DL3061", STABLE,  "0.1.0", ON,  "dockerfile.dl3061_instruction_before_from:InstructionBeforeFrom"),
    Entry("DL3062", STABLE,  "0.1.0", ON,  "dockerfile.dl3062_go_install_unpinned:GoInstallUnpinned"),
    Entry("DL3063", STABLE,  "0.1.0", OFF, "dockerfile.dl3063_user_missing:UserMissing"),
    Entry("DL3064", STABLE,  "0.1.0", OFF, "dockerfile.dl3064_sensitive_build_variable:SensitiveBuildVariable"),
    Entry("DL3065", STABLE,  "0.1.0", ON,  "dockerfile.dl3065_platform_flag_is_target_platform:RedundantTargetPlatform"),
    Entry("DL3066", STABLE,  "0.1.0", OFF, "dockerfile.dl3066_non_numeric_user:NonNumericUser"),
    Entry("DL3067", STABLE,  "0.1.0", ON,  "dockerfile.dl3067_copy_whole_filesystem:CopyWholeFilesystem"),
    Entry("DL4000", STABLE,  "0.1.0", ON,  "dockerfile.dl4000_maintainer_deprecated:MaintainerDeprecated"),
    Entry("DL4001", STABLE,  "0.1.0", ON,  "dockerfile.dl4001_wget_and_curl:WgetAndCurl"),
    Entry("DL4003", STABLE,  "0.1.0", ON,  "dockerfile.dl4003_multiple_cmd:MultipleCmd"),
    Entry("DL4004", STABLE,  "0.1.0", ON,  "dockerfile.dl4004_multiple_entrypoint:MultipleEntrypoint"),
    Entry("DL4005", STABLE,  "0.1.0", ON,  "dockerfile.dl4005_shell_symlink:ShellSymlink"),
    Entry("DL4006", STABLE,  "0.1.0", ON,  "dockerfile.dl4006_pipe_without_pipefail:PipeWithoutPipefail"),
    Entry("DW100", STABLE,  "0.1.0", ON,  "dockerfile.dw100_deleted_in_later_layer:DeletedInLaterLayer"),
    Entry("DW101", STABLE,  "0.1.0", ON,  "dockerfile.dw101_large_base_variant:LargeBaseVariant"),
    Entry("DW110", STABLE,  "0.1.0", ON,  "dockerfile.dw110_npm_cache_in_layer:NpmCacheInLayer"),
    Entry("DW111", STABLE,  "0.1.0", ON,  "dockerfile.dw111_download_extracted_in_later_layer:DownloadExtractedInLaterLayer"),
    Entry("DW112", STABLE,  "0.1.0", ON,  "dockerfile.dw112_ownership_change_duplicates_copy:OwnershipChangeDuplicatesCopy"),
    Entry("DW113", PREVIEW, "0.1.0", ON,  "dockerfile.dw113_copy_from_without_link:CopyFromWithoutLink"),
    Entry("DW114", PREVIEW, "0.1.0", ON,  "dockerfile.dw114_build_tool_cache_in_layer:BuildToolCacheInLayer"),
    Entry("DW120", STABLE,  "0.1.0", ON,  "dockerfile.dw120_build_tools_in_final_image:BuildToolsInFinalImage"),
    Entry("DW150", STABLE,  "0.1.0", ON,  "dockerfile.dw150_base_image_end_of_life:BaseImageEndOfLife"),
    Entry("DW151", STABLE,  "0.1.0", ON,  "dockerfile.dw151_floating_major_tag:FloatingTag"),
    Entry("DW152", STABLE,  "0.1.0", ON,  "dockerfile.dw152_unknown_image_tag:UnknownTag"),
    Entry("DW153", STABLE,  "0.1.0", ON,  "dockerfile.dw153_copy_from_image_without_tag:CopyFromImageWithoutTag"),
    Entry("DW200", STABLE,  "0.1.0", ON,  "dockerfile.dw200_no_user:NoUser"),
    Entry("DW201", STABLE,  "0.1.0", ON,  "dockerfile.dw201_secret_in_arg_or_env:SecretInArgOrEnv"),
    Entry("DW202", STABLE,  "0.1.0", ON,  "dockerfile.dw202_pipe_download_to_shell:PipeDownloadToShell"),
    Entry("DW210", STABLE,  "0.1.0", ON,  "dockerfile.dw210_tls_verification_disabled:TlsVerificationDisabled"),
    Entry("DW211", STABLE,  "0.1.0", ON,  "dockerfile.dw211_tls_verification_disabled_by_env:TlsVerificationDisabledByEnv"),
    Entry("DW212", STABLE,  "0.1.0", ON,  "dockerfile.dw212_package_signature_check_disabled:PackageSignatureCheckDisabled"),
    Entry("DW213", STABLE,  "0.1.0", ON,  "dockerfile.dw213_ssh_port_exposed:SshPortExposed"),
    Entry("DW214", STABLE,  "0.1.0", ON,  "dockerfile.dw214_password_set_in_run:PasswordSetInRun"),
    Entry("DW215", STABLE,  "0.1.0", ON,  "dockerfile.dw215_world_writable_permissions:WorldWritablePermissions"),
    Entry("DW216", STABLE,  "0.1.0", ON,  "dockerfile.dw216_copy_into_system_directory:CopyIntoSystemDirectory"),
    Entry("DW217", STABLE,  "0.1.0", ON,  "dockerfile.dw217_add_remote_without_checksum:AddRemoteWithoutChecksum"),
    Entry("DW218", STABLE,  "0.1.0", ON,  "dockerfile.dw218_secret_file_copied:SecretFileCopied"),
    Entry("DW219", STABLE,  "0.1.0", OFF, "dockerfile.dw219_distribution_upgrade:DistributionUpgrade"),
    Entry("DW220", STABLE,  "0.1.0", OFF, "dockerfile.dw220_missing_healthcheck:MissingHealthcheck"),
    Entry("DW221", PREVIEW, "0.1.0", ON,  "dockerfile.dw221_root_unless_base_sets_user:RootUnlessBaseSetsUser"),
    Entry("DW222", STABLE,  "0.1.0", ON,  "dockerfile.dw222_credential_file_copied_then_deleted:CredentialFileCopiedThenDeleted"),
    Entry("DW300", STABLE,  "0.1.0", ON,  "dockerfile.dw300_copy_all_before_install:CopyAllBeforeInstall"),
    Entry("DW301", PREVIEW, "0.1.0", ON,  "dockerfile.dw301_copy_only_for_next_run:CopyOnlyForNextRun"),
    Entry("DW400", STABLE,  "0.1.0", ON,  "dockerfile.dw400_syntax_error:SyntaxError_"),
    Entry("DW410", STABLE,  "0.1.0", ON,  "dockerfile.dw410_stage_name_casing:StageNameCasing"),
    Entry("DW411", STABLE,  "0.1.0", ON,  "dockerfile.dw411_heredoc_without_errexit:HeredocWithoutErrexit"),
    Entry("DW412", STABLE,  "0.1.0", ON,  "dockerfile.dw412_from_as_casing:FromAsCasing"),
    Entry("DW413", STABLE,  "0.1.0", ON,  "dockerfile.dw413_empty_continuation_line:EmptyContinuationLine"),
    Entry("DW414", STABLE,  "0.1.0", ON,  "dockerfile.dw414_inconsistent_instruction_casing:InconsistentInstructionCasing"),
    Entry("DW415", STABLE,  "0.1.0", ON,  "dockerfile.dw415_reserved_stage_name:ReservedStageName"),
    Entry("DW416", STABLE,  "0.1.0", ON,  "dockerfile.dw416_undefined_arg_in_from:UndefinedArgInFrom"),
    Entry("DW417", STABLE,  "0.1.0", ON,  "dockerfile.dw417_undefined_variable:UndefinedVariable"),
    Entry("DW418", STABLE,  "0.1.0", ON,  "dockerfile.dw418_legacy_key_value_format:LegacyKeyValueFormat"),
    Entry("DW419", STABLE,  "0.1.0", ON,  "dockerfile.dw419_base_image_platform_unavailable:BaseImagePlatformUnavailable"),
    Redirect("DW420", "0.1.0", "DL3065"),  # RedundantTargetPlatform: the same check as hadolint's DL3065
    Entry("DW421", STABLE,  "0.1.0", ON,  "dockerfile.dw421_invalid_default_arg_in_from:InvalidDefaultArgInFrom"),
    Entry("DW422", STABLE,  "0.1.0", ON,  "dockerfile.dw422_constant_platform_in_from:ConstantPlatformInFrom"),
    Entry("DW423", PREVIEW, "0.1.0", OFF, "dockerfile.dw423_invalid_definition_description:InvalidDefinitionDescription"),
    Entry("DW424", STABLE,  "0.1.0", ON,  "dockerfile.dw424_expose_protocol_casing:ExposeProtocolCasing"),
    Entry("DW425", STABLE,  "0.1.0", ON,  "dockerfile.dw425_expose_invalid_format:ExposeInvalidFormat"),
    Entry("DW426", STABLE,  "0.1.0", ON,  "dockerfile.dw426_unknown_instruction_flag:UnknownInstructionFlag"),
    Entry("DW450", STABLE,  "0.1.0", ON,  "dockerfile.dw450_copy_from_missing_output:CopyFromMissingOutput"),
    Entry("DW451", STABLE,  "0.1.0", ON,  "dockerfile.dw451_venv_interpreter_mismatch:VenvInterpreterMismatch"),
    Entry("DW452", STABLE,  "0.1.0", ON,  "dockerfile.dw452_missing_interpreter:MissingInterpreter"),
    Entry("DW453", STABLE,  "0.1.0", ON,  "dockerfile.dw453_unreachable_stage:UnreachableStage"),
    Entry("DW454", STABLE,  "0.1.0", ON,  "dockerfile.dw454_foreign_package_manager:ForeignPackageManager"),
    Entry("DW455", STABLE,  "0.1.0", OFF, "dockerfile.dw455_unused_named_stage:UnusedNamedStage"),
    Entry("DW490", STABLE,  "0.1.0", ON,  "dockerfile.dw490_unused_suppression:UnusedSuppression"),
    Entry("DW491", STABLE,  "0.1.0", ON,  "dockerfile.dw491_unknown_suppression:UnknownSuppression"),
    Entry("DW500", STABLE,  "0.1.0", ON,  "dockerignore.dw500_ignore_pattern_rejected:IgnorePatternRejected"),
    Entry("DW501", STABLE,  "0.1.0", ON,  "dockerignore.dw501_comment_inside_pattern:CommentInsidePattern"),
    Entry("DW502", STABLE,  "0.1.0", ON,  "dockerignore.dw502_pattern_only_matches_at_root:PatternOnlyMatchesAtRoot"),
    Entry("DW503", STABLE,  "0.1.0", ON,  "dockerignore.dw503_bracket_negation_is_literal:BracketNegationIsLiteral"),
    Entry("DW504", STABLE,  "0.1.0", ON,  "dockerignore.dw504_slash_bang_is_exception:SlashBangIsException"),
    Entry("DW505", STABLE,  "0.1.0", ON,  "dockerignore.dw505_pattern_matches_nothing:PatternMatchesNothing"),
    Entry("DW506", STABLE,  "0.1.0", ON,  "dockerignore.dw506_duplicate_ignore_pattern:DuplicateIgnorePattern"),
    Entry("DW507", STABLE,  "0.1.0", ON,  "dockerignore.dw507_exception_has_no_effect:ExceptionHasNoEffect"),
    Removed("DW508", "0.1.0", "0.1.0", "always-sent-file-excluded: listing the Dockerfile or .dockerignore in "
            ".dockerignore does keep them out of COPY/ADD (both builders still read them); it is good "
            "practice, not a mistake"),
    Entry("DW520", STABLE,  "0.1.0", ON,  "dockerfile.dw520_copy_ignored_file:CopyIgnoredFile"),
    Entry("DW521", STABLE,  "0.1.0", ON,  "dockerfile.dw521_copy_source_outside_context:CopySourceOutsideContext"),
    Entry("DW522", STABLE,  "0.1.0", ON,  "dockerfile.dw522_copy_all_without_dockerignore:CopyAllWithoutDockerignore"),
    Entry("DW523", STABLE,  "0.1.0", ON,  "dockerfile.dw523_context_sends_secrets:ContextSendsSecrets"),
    Entry("DW524", STABLE,  "0.1.0", ON,  "dockerfile.dw524_context_sends_build_junk:ContextSendsBuildJunk"),
)

ENTRIES: dict[str, Entry] = {e.code: e for e in CODES if isinstance(e, Entry)}
REMOVED: dict[str, str] = {e.code: e.reason for e in CODES if isinstance(e, Removed)}   # code → why
RENAMED: dict[str, str] = {e.code: e.target for e in CODES if isinstance(e, Redirect)}  # old → new
_PACKAGE = __name__.rpartition(".")[0]
_LOOKS_LIKE_A_CODE = re.compile(r"[A-Z]{2}\d+")


def load(code: str) -> type[Rule]:
    """The rule class for a code, importing its module now if it was not imported yet."""
    return _load(code.upper())


@lru_cache(maxsize=None)
def _load(code: str) -> type[Rule]:
    entry = ENTRIES.get(code)
    if entry is None:
        raise KeyError(f"no rule {code} in the registry")
    module, _, name = entry.where.partition(":")
    cls = getattr(importlib.import_module(f"{_PACKAGE}.{module}"), name)
    if cls.code != code:
        raise RuntimeError(f"registry line {code} names {entry.where}, whose code is {cls.code}")
    cls.status = entry.status
    cls.since = entry.since
    cls.preview = entry.status is Status.PREVIEW
    cls.default_enabled = entry.default
    return cls


@lru_cache(maxsize=None)
def _instance(code: str) -> Rule:
    return load(code)()


@lru_cache(maxsize=1)
def all_rules() -> dict[str, Rule]:
    """Every rule that exists (deprecated ones included), by code, in code order; imports them all."""
    return {code: _instance(code) for code in sorted(ENTRIES, key=_code_key)}


class LazyRule:
    """A rule as the engine chooses it: its registry line and what `inputs_table` says it reads,
    without its module. Anything else (running it, its name, `report`) imports the module and
    answers from the rule itself, so that a check imports only the rules whose inputs occur in
    the file (engine/dispatch.py asks `inputs` first)."""

    __slots__ = ("code", "status", "since", "preview", "default_enabled", "file_kind", "needs_context",
                 "uses_context", "inputs", "_rule")

    def __init__(self, entry: Entry) -> None:
        static = STATIC.get(entry.code)
        if static is None:  # a rule added since the table was generated: ask the rule itself
            rule = _instance(entry.code)
            static = (rule.file_kind, rule.needs_context, rule.uses_context, rule.inputs)
        self.code, self.status, self.since, self.default_enabled = entry.code, entry.status, entry.since, entry.default
        self.preview = entry.status is Status.PREVIEW
        self.file_kind, self.needs_context, self.uses_context, self.inputs = static
        self._rule: Rule | None = None

    @property
    def rule(self) -> Rule:
        if self._rule is None:
            self._rule = _instance(self.code)
        return self._rule

    def __getattr__(self, name: str):
        return getattr(self.rule, name)

    def __repr__(self) -> str:
        return f"<rule {self.code}{'' if self._rule is None else ' (imported)'}>"


@lru_cache(maxsize=1)
def lazy_rules() -> dict[str, LazyRule]:
    """Every rule that exists, by code, in code order, importing none (see `LazyRule`)."""
    return {code: LazyRule(ENTRIES[code]) for code in sorted(ENTRIES, key=_code_key)}


def _code_key(code: str):
    letters = code.rstrip("0123456789")
    digits = code[len(letters):]
    return (letters, int(digits) if digits else 0, code)


@lru_cache(maxsize=1)
def aliases() -> dict[str, list[str]]:
    """Every name a user may write for a rule, lower-cased → codes: codes, kebab names, BuildKit
    check names (one BuildKit check may span several codes, e.g. MultipleInstructionsDisallowed)."""
    out: dict[str, list[str]] = {}
    for code, rule in all_rules().items():
        out.setdefault(code.lower(), []).append(code)
        out.setdefault(rule.name.lower(), []).append(code)
        if rule.buildkit_name:
            out.setdefault(rule.buildkit_name.lower(), []).append(code)
    for old, new in RENAMED.items():
        out[old.lower()] = [new]
    return out


def resolve(selector: str) -> list[str]:
    """Codes meant by a selector: an exact code (or a redirected one), a code prefix, ALL, or a
    rule or BuildKit check name. Codes and prefixes import no rule module; names import them all."""
    return list(_resolved(selector))


@lru_cache(maxsize=512)
def _resolved(selector: str) -> tuple[str, ...]:
    # kept: the language server resolves every pragma of a document again on each keystroke
    return tuple(_resolve(selector))


def _resolve(selector: str) -> list[str]:
    key = selector.strip()
    if not key:
        return []
    up = key.upper()
    if up == "ALL":
        return sorted(ENTRIES, key=_code_key)
    if up in ENTRIES:
        return [up]
    if up in RENAMED:
        return [RENAMED[up]]
    prefixed = [code for code in sorted(ENTRIES, key=_code_key) if code.startswith(up)]
    if prefixed or _LOOKS_LIKE_A_CODE.fullmatch(up):  # a removed or unknown code: no name to look up
        return prefixed
    return list(aliases().get(key.lower(), ()))


def canonical(code: str) -> str:
    return RENAMED.get(code.upper(), code)


def is_known(selector: str) -> bool:
    return bool(resolve(selector)) or selector.strip().upper() in REMOVED


def removed(selector: str) -> str | None:
    """Why a removed code was removed (None when the selector is not a removed code)."""
    return REMOVED.get(selector.strip().upper())


def selector_warnings(selectors) -> list[str]:
    """What a configuration should be told about the codes it names: removed codes (they select
    nothing), redirected codes (they apply to their new code) and deprecated rules."""
    out = []
    for sel in selectors:
        up = sel.strip().upper()
        if up in REMOVED:
            entry = next(e for e in CODES if e.code == up)
            out.append(f"{up} was removed in {entry.removed_in} and does nothing: {REMOVED[up]}")
        elif up in RENAMED:
            out.append(f"{up} is now {RENAMED[up]}: it applies to {RENAMED[up]}; write {RENAMED[up]} instead")
        elif up in ENTRIES and ENTRIES[up].status is Status.DEPRECATED:
            out.append(f"{up} is deprecated and will be removed: see `dockwise rule {up}`")
    return out


class Catalog:
    """The registry as the engine sees it (dockwise.engine.catalog): installed by the package."""

    rules = staticmethod(lazy_rules)
    resolve = staticmethod(resolve)
    removed = staticmethod(removed)

    @staticmethod
    def extra_findings(df, config) -> list:
        """Findings from sources other than rules: ShellCheck when the configuration asks."""
        if not config.shellcheck:
            return []
        from ..shellcheck import shellcheck_diagnostics  # opt-in: the only subprocess dockwise starts
        return shellcheck_diagnostics(df)


CATALOG = Catalog()
