"""Findings that follow from other files stay true when those files change: an open
`.dockerignore` when a Dockerfile built with it changes (DW502), a Dockerfile when the `.env`
beside its compose file changes (DW421), or when a newer release folder appears beside the
one it lies in (DW150). Driven through the language server's Service, as the client would."""

from __future__ import annotations

import os
from types import SimpleNamespace

from lsprotocol import types as lsp

from dockwise.lsp.service import Service


class Client:
    """The language client as the Service sees it: a workspace and what was published."""

    def __init__(self, root) -> None:
        folder = SimpleNamespace(uri=root.as_uri())
        self.workspace = SimpleNamespace(folders={"w": folder}, root_path=str(root))
        self.published: dict[str, list[dict]] = {}
        self.publishes: dict[str, int] = {}

    def publish_json(self, uri, items, version) -> None:
        self.published[uri] = items
        self.publishes[uri] = self.publishes.get(uri, 0) + 1

    def codes(self, path) -> list[str]:
        return [d["code"] for d in self.published.get(path.as_uri(), [])]

    def messages(self, path, code) -> list[str]:
        return [d["message"] for d in self.published.get(path.as_uri(), []) if d["code"] == code]

    def window_log_message(self, params) -> None:
        pass

    def window_show_message(self, params) -> None:
        pass

    def workspace_diagnostic_refresh(self, params) -> None:
        pass


def _tree(root, files: dict[str, str]) -> None:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)


def _serve(root):
    client = Client(root)
    return client, Service(client)


def _open(service, path, text, version=1):
    kind = "ignore" if path.name.endswith("ignore") else "dockerfile"
    return service.open(lsp.TextDocumentItem(uri=path.as_uri(), language_id=kind, version=version, text=text))


def _edit(service, path, text, version):
    service.change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))


def _files_changed(service, *events):
    service.files_changed(lsp.DidChangeWatchedFilesParams(
        changes=[lsp.FileEvent(uri=p.as_uri(), type=t) for p, t in events]))


def _copies(text):
    from dockwise.dockerfile import parse
    return [text[i.start:i.end] for i in parse(text).instructions if i.keyword in ("COPY", "ADD")]


def _rewrite(path, text, ns):
    """Write `text` and give the file its own mtime: a change shows even on a coarse clock."""
    path.write_text(text)
    os.utime(path, ns=(ns, ns))


# A monorepo whose root `.dockerignore` keeps out `node_modules` at the root only, while a
# package below has its own; which of them reach an image depends on what the Dockerfile COPYs.
MONOREPO = {
    ".git/HEAD": "ref: refs/heads/main\n",
    ".dockwise.toml": 'select = ["DW502"]\n',
    ".dockerignore": "node_modules\n",
    "package.json": '{"name": "shop", "workspaces": ["packages/*"]}\n',
    "node_modules/react/index.js": "module.exports = {}\n",
    "packages/api/package.json": '{"name": "api"}\n',
    "packages/api/src/server.js": "require('left-pad')\n",
    "packages/api/node_modules/left-pad/index.js": "module.exports = () => ''\n",
}
COPY_MANIFEST = "FROM node:20.11-bookworm-slim\nWORKDIR /app\nCOPY package.json ./\n"
COPY_PACKAGES = COPY_MANIFEST + "COPY packages/ ./packages/\n"


def _monorepo_ignore_open(tmp_path, listings_watched=False, **files):
    """The monorepo with its Dockerfile copying only package.json (plus `files`), served, and
    its root `.dockerignore` open: (client, service, the ignore file's path)."""
    _tree(tmp_path, {**MONOREPO, "Dockerfile": COPY_MANIFEST, **files})
    client, service = _serve(tmp_path)
    service.project.listings_watched = listings_watched  # the server sets it once the client watches files
    ignore = tmp_path / ".dockerignore"
    _open(service, ignore, "node_modules\n")
    return client, service, ignore


def _count_walks(monkeypatch) -> list:
    """The folders walked for Dockerfiles (`files.discover`), in order."""
    import dockwise.files
    walks = []
    real = dockwise.files.discover
    monkeypatch.setattr(dockwise.files, "discover", lambda root: walks.append(root) or real(root))
    return walks


def test_open_ignore_file_follows_the_copies_of_an_open_dockerfile(tmp_path):
    client, service, ignore = _monorepo_ignore_open(tmp_path)
    dockerfile = tmp_path / "Dockerfile"
    assert client.codes(ignore) == []  # only package.json is copied: the nested folder is never sent
    _open(service, dockerfile, COPY_MANIFEST)
    assert client.codes(ignore) == []
    # the user adds a COPY of the packages (unsaved): packages/api/node_modules now reaches the image
    _edit(service, dockerfile, COPY_PACKAGES, 2)
    assert client.codes(ignore) == ["DW502"]
    assert "packages/api/node_modules" in client.messages(ignore, "DW502")[0]
    # and takes it out again
    _edit(service, dockerfile, COPY_MANIFEST, 3)
    assert client.codes(ignore) == []
    # closing the Dockerfile unsaved: what is on disk counts again
    _edit(service, dockerfile, COPY_PACKAGES, 4)
    assert client.codes(ignore) == ["DW502"]
    service.close(dockerfile.as_uri())
    assert client.codes(ignore) == []


def test_open_ignore_file_follows_a_dockerfile_changed_on_disk(tmp_path):
    client, service, ignore = _monorepo_ignore_open(tmp_path)
    assert client.codes(ignore) == []
    # a `git pull` brings the COPY; the client reports the change
    _rewrite(tmp_path / "Dockerfile", COPY_PACKAGES, 10**18)
    _files_changed(service, (tmp_path / "Dockerfile", lsp.FileChangeType.Changed))
    assert client.codes(ignore) == ["DW502"]


def test_open_ignore_file_sees_a_dockerfile_changed_on_disk_without_file_watchers(tmp_path):
    """A client that watches no files (Neovim 0.7): the ignore file's next check reads the
    Dockerfiles built with it again (each edit of it starts a new generation)."""
    client, service, ignore = _monorepo_ignore_open(tmp_path)
    assert client.codes(ignore) == []
    _rewrite(tmp_path / "Dockerfile", COPY_PACKAGES, 10**18)
    _edit(service, ignore, "node_modules\n# deps\n", 2)
    assert client.codes(ignore) == ["DW502"]


def test_ignore_file_checks_walk_the_workspace_once_while_files_are_watched(tmp_path, monkeypatch):
    """The Dockerfiles under the ignore file's folder are found by one walk, kept until the
    client reports a file created or deleted; typing in a Dockerfile re-checks the ignore file
    only while it changes a COPY or ADD, and walks nothing."""
    walks = _count_walks(monkeypatch)
    client, service, ignore = _monorepo_ignore_open(tmp_path, listings_watched=True)
    dockerfile = tmp_path / "Dockerfile"
    _open(service, dockerfile, COPY_MANIFEST)
    published = client.publishes[ignore.as_uri()]
    # a comment typed a character at a time: nothing the ignore file's findings read
    text = COPY_MANIFEST
    for version, char in enumerate("# deps\n", start=2):
        text += char
        _edit(service, dockerfile, text, version)
    assert client.publishes[ignore.as_uri()] == published
    # a COPY typed a character at a time: each keystroke that changes a COPY asks again
    line = "COPY packages/ ./packages/\n"
    changed = 0
    for version, char in enumerate(line, start=10):
        changed += _copies(text) != _copies(text + char)
        text += char
        _edit(service, dockerfile, text, version)
    assert client.publishes[ignore.as_uri()] - published == changed >= len(line) - 5
    assert client.codes(ignore) == ["DW502"]
    assert len(walks) == 1, walks
    # a second image appears (another tool wrote it), copying the packages: the listing goes
    _edit(service, dockerfile, COPY_MANIFEST, 100)
    assert client.codes(ignore) == []
    _tree(tmp_path, {"worker.Dockerfile": COPY_PACKAGES})
    _files_changed(service, (tmp_path / "worker.Dockerfile", lsp.FileChangeType.Created))
    assert client.codes(ignore) == ["DW502"]
    assert len(walks) == 2
    (tmp_path / "worker.Dockerfile").unlink()
    _files_changed(service, (tmp_path / "worker.Dockerfile", lsp.FileChangeType.Deleted))
    assert client.codes(ignore) == []
    assert len(walks) == 3


def test_without_watched_listings_each_new_setup_walks_again(tmp_path, monkeypatch):
    """A client that reports no creations: nothing says a kept listing is still true, so each
    new setup of the ignore file (each of its edits) walks again and finds a new Dockerfile."""
    walks = _count_walks(monkeypatch)
    client, service, ignore = _monorepo_ignore_open(tmp_path)
    _open(service, tmp_path / "Dockerfile", COPY_MANIFEST)
    assert len(walks) == 1
    _tree(tmp_path, {"worker.Dockerfile": COPY_PACKAGES})
    _edit(service, ignore, "node_modules\n# deps\n", 2)
    assert client.codes(ignore) == ["DW502"]  # the new Dockerfile was found
    assert len(walks) == 2


# getsentry/self-hosted: compose passes SENTRY_IMAGE to the build from the `.env` beside it
SENTRY_COMPOSE = ("x-sentry-defaults: &sentry_defaults\n  build:\n    context: ./sentry\n    args:\n"
                  "      - SENTRY_IMAGE\nservices:\n  web:\n    <<: *sentry_defaults\n"
                  "  worker:\n    <<: *sentry_defaults\n")
SENTRY = "ARG SENTRY_IMAGE\nFROM ${SENTRY_IMAGE}\n\nRUN pip install sentry-nodestore-s3\n"
PASSED_NOTE = "every build the repository names passes `SENTRY_IMAGE`"


def _sentry(tmp_path):
    _tree(tmp_path, {".git/HEAD": "ref: refs/heads/main\n", ".dockwise.toml": 'select = ["DW421"]\n',
                     "docker-compose.yml": SENTRY_COMPOSE, ".env": "SENTRY_IMAGE=\n", "sentry/Dockerfile": SENTRY})
    client, service = _serve(tmp_path)
    dockerfile = tmp_path / "sentry/Dockerfile"
    _open(service, dockerfile, SENTRY)
    [message] = client.messages(dockerfile, "DW421")
    assert PASSED_NOTE not in message  # an empty value: the build gets nothing
    return client, service, dockerfile


def test_dotenv_change_reported_by_the_client_rechecks_the_dockerfile(tmp_path):
    client, service, dockerfile = _sentry(tmp_path)
    _rewrite(tmp_path / ".env", "SENTRY_IMAGE=getsentry/sentry:nightly\n", 10**18)
    _files_changed(service, (tmp_path / ".env", lsp.FileChangeType.Changed))
    [message] = client.messages(dockerfile, "DW421")
    assert PASSED_NOTE in message
    _rewrite(tmp_path / ".env", "SENTRY_IMAGE=\n", 2 * 10**18)
    _files_changed(service, (tmp_path / ".env", lsp.FileChangeType.Changed))
    [message] = client.messages(dockerfile, "DW421")
    assert PASSED_NOTE not in message


def test_dotenv_changed_on_disk_counts_from_the_next_edit_without_file_watchers(tmp_path):
    client, service, dockerfile = _sentry(tmp_path)
    _rewrite(tmp_path / ".env", "SENTRY_IMAGE=getsentry/sentry:nightly\n", 10**18)
    _edit(service, dockerfile, SENTRY + "RUN pip install sentry-s3-nodestore\n", 2)
    [message] = client.messages(dockerfile, "DW421")
    assert PASSED_NOTE in message


def test_dotenv_is_watched():
    from dockwise.lsp.client_requests import WATCHED, WATCHED_INPUTS
    watched = WATCHED + WATCHED_INPUTS
    assert "**/.env" in watched and "**/*compose*.yml" in watched
    # the Dockerfile names are the file classifier's (dockwise.classify)
    assert {"**/Dockerfile", "**/Dockerfile.*", "**/Dockerfile-*", "**/*.Dockerfile", "**/Containerfile"} <= set(watched)


# apache/spark-docker: one folder per published release; an older one's base is not reported
# once a newer release folder holds the same Dockerfile.
SPARK = "FROM python:3.7-slim-buster\nRUN pip install --no-cache-dir pyspark==3.4.4\nCOPY entrypoint.sh /opt/\n"


def _spark(tmp_path):
    _tree(tmp_path, {".git/HEAD": "ref: refs/heads/master\n", ".dockwise.toml": 'select = ["DW150"]\n',
                     "3.4.4/scala2.12-java11-ubuntu/Dockerfile": SPARK,
                     "3.4.4/scala2.12-java11-ubuntu/entrypoint.sh": "#!/bin/sh\n",
                     "3.5.2/scala2.12-java11-python3-ubuntu/Dockerfile": SPARK})
    client, service = _serve(tmp_path)
    dockerfile = tmp_path / "3.4.4/scala2.12-java11-ubuntu/Dockerfile"
    _open(service, dockerfile, SPARK)
    assert set(client.codes(dockerfile)) == {"DW150"}  # no newer release of this image yet
    return client, service, dockerfile


def test_a_newer_release_folder_appearing_retires_the_older_ones_finding(tmp_path):
    client, service, dockerfile = _spark(tmp_path)
    _tree(tmp_path, {"3.5.8/scala2.12-java11-ubuntu/Dockerfile": SPARK})
    _files_changed(service, (tmp_path / "3.5.8/scala2.12-java11-ubuntu/Dockerfile", lsp.FileChangeType.Created))
    assert client.codes(dockerfile) == []


def test_a_newer_release_seen_without_file_watchers_even_when_the_edit_leaves_the_rules_input_alone(tmp_path):
    """An edit of a LABEL does not touch what DW150 reads (FROM, COPY, RUN): its findings of the
    last check would be kept; the sibling folder's stat says they no longer hold."""
    client, service, dockerfile = _spark(tmp_path)
    _tree(tmp_path, {"3.5.8/scala2.12-java11-ubuntu/Dockerfile": SPARK})
    _edit(service, dockerfile, SPARK + 'LABEL org.opencontainers.image.version="3.4.4"\n', 2)
    assert client.codes(dockerfile) == []
    # and the newer release's Dockerfile removed again (only the folder stays)
    (tmp_path / "3.5.8/scala2.12-java11-ubuntu/Dockerfile").unlink()
    _edit(service, dockerfile, SPARK + 'LABEL org.opencontainers.image.version="3.4.4-1"\n', 3)
    assert set(client.codes(dockerfile)) == {"DW150"}


def test_disk_inputs_cost_stats_per_check_not_walks(tmp_path, monkeypatch):
    """What a check looks at on disk before it runs: a stat per watched path, no listing."""
    client, service, dockerfile = _spark(tmp_path)
    doc = service.docs[dockerfile.as_uri()]
    watched = doc.setup[3]
    assert str(tmp_path) in watched  # the folder holding the release folders
    assert str(tmp_path / "3.5.2/scala2.12-java11-ubuntu/Dockerfile") in watched
    calls = {"stat": 0, "listdir": 0, "scandir": 0, "walk": 0}
    real = {name: getattr(os, name) for name in calls}

    def counting(name):
        def call(*a, **k):
            calls[name] += 1
            return real[name](*a, **k)
        return call
    for name in calls:
        monkeypatch.setattr(os, name, counting(name))
    for version in range(2, 7):
        _edit(service, dockerfile, SPARK + f"# {version}\n", version)
    monkeypatch.undo()
    assert set(client.codes(dockerfile)) == {"DW150"}
    assert calls["listdir"] == calls["scandir"] == calls["walk"] == 0, calls
    # five checks: each stats what it watches (and the rule's own look at the release folders)
    assert calls["stat"] <= 5 * (len(watched) + 10), (calls, len(watched))


async def test_real_server_rechecks_an_open_ignore_file_after_a_dockerfile_edit(workspace):
    """The same over stdio: the ignore file's re-check is published through the server's timers."""
    import asyncio

    from lsp_harness import start
    _tree(workspace, {k: v for k, v in MONOREPO.items() if k != ".dockwise.toml"})
    (workspace / "Dockerfile").write_text(COPY_MANIFEST)

    def dw502(s):
        return [d for d in s.client.diagnostics.get(s.uri(".dockerignore"), ()) if d.code == "DW502"]

    async def until(s, want: bool):
        for _ in range(500):
            if bool(dw502(s)) == want:
                return
            await asyncio.sleep(0.02)

    async with start(workspace, settings={"debounceMs": 0}, relative=True) as s:
        assert not [d for d in await s.open(".dockerignore", "node_modules\n", language_id="ignore")
                    if d.code == "DW502"]
        uri = s.uri("Dockerfile")
        await s.open("Dockerfile", COPY_MANIFEST)
        await s.change(uri, [(3, 0, 3, 0, "COPY packages/ ./packages/\n")])
        await until(s, True)
        assert "packages/api/node_modules" in dw502(s)[0].message
        await s.change(uri, [(3, 0, 4, 0, "")])
        await until(s, False)
        assert not dw502(s)


async def test_listings_are_kept_once_the_client_reports_creations_and_deletions():
    from dockwise.lsp import client_requests, server

    registered = []

    async def register(params):
        registered.append(params)

    def ls(relative: bool):
        watch = SimpleNamespace(dynamic_registration=True, relative_pattern_support=relative)
        return SimpleNamespace(client_capabilities=SimpleNamespace(workspace=SimpleNamespace(
            did_change_watched_files=watch)), workspace=SimpleNamespace(folders={}),
            client_register_capability_async=register)

    server.service.project.listings_watched = False
    await client_requests.register_watchers(ls(relative=False), server.service)  # only the named globs: a new folder is not reported
    assert server.service.project.listings_watched is False
    await client_requests.register_watchers(ls(relative=True), server.service)
    assert server.service.project.listings_watched is True and len(registered) == 2
    server.service.project.listings_watched = False


def test_dockerfile_typing_leaves_an_ignore_file_alone_when_no_rule_reads_its_builds(tmp_path):
    """With the context rules of ignore files off, a Dockerfile's edits re-check nothing else."""
    client, service, ignore = _monorepo_ignore_open(tmp_path, **{".dockwise.toml": 'ignore = ["DW5"]\n'})
    _open(service, tmp_path / "Dockerfile", COPY_MANIFEST)
    published = client.publishes[ignore.as_uri()]
    _edit(service, tmp_path / "Dockerfile", COPY_PACKAGES, 2)
    assert client.publishes[ignore.as_uri()] == published
