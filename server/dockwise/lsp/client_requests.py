"""What the server asks of the client after `initialized`: file watchers and its settings."""

from __future__ import annotations

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from ..classify import globs as classify_globs
from .service import Service

# Files whose changes change the findings of other files: ignore files and configuration (and,
# where the client supports relative patterns, any file created or deleted in a folder).
WATCHED = tuple(f"**/{g}" for g in classify_globs()["dockerignore"]) + (
    "**/pyproject.toml", "**/.dockwise.toml", "**/.hadolint.yaml", "**/.hadolint.yml")
# What a build context is chosen from (compose and its `.env`, bake, CI), and the Dockerfiles an
# open ignore file's findings follow from: changed in place, they are reported too.
WATCHED_INPUTS = ("**/*compose*.yml", "**/*compose*.yaml", "**/.env", "**/*bake*.hcl", "**/*bake*.json",
                  "**/.github/workflows/*.yml", "**/.github/workflows/*.yaml", "**/.gitlab-ci.yml") + \
    tuple(f"**/{g}" for g in classify_globs()["dockerfile"])


async def register_watchers(ls: LanguageServer, service: Service) -> None:
    """Ask to be told when the files that change findings change (dynamic registration only)."""
    ws = ls.client_capabilities.workspace
    watch = ws.did_change_watched_files if ws else None
    if not (watch and watch.dynamic_registration):
        return
    watchers = [lsp.FileSystemWatcher(glob_pattern=g) for g in WATCHED + WATCHED_INPUTS]
    if watch.relative_pattern_support:
        for folder in ls.workspace.folders.values():
            watchers.append(lsp.FileSystemWatcher(
                glob_pattern=lsp.RelativePattern(base_uri=folder.uri, pattern="**/*"),
                kind=lsp.WatchKind.Create | lsp.WatchKind.Delete))
    try:
        await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[lsp.Registration(
            id="dockwise-watched-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
    except Exception as e:  # noqa: BLE001
        service.log(f"dockwise: could not register file watchers: {e!r}", lsp.MessageType.Warning)
        return
    # files and folders created or deleted anywhere are reported: folder listings can be kept
    service.project.listings_watched = bool(watch.relative_pattern_support)


async def pull_configuration(ls: LanguageServer, service: Service) -> None:
    """Ask for the `dockwise` settings and apply them; a failure is logged, never raised."""
    ws = ls.client_capabilities.workspace
    if not (ws and ws.configuration):
        return
    try:
        got = await ls.workspace_configuration_async(
            lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section="dockwise")]))
    except Exception as e:  # noqa: BLE001
        service.log(f"dockwise: workspace/configuration failed: {e!r}", lsp.MessageType.Warning)
        return
    if got:
        service.apply_settings(got[0])
