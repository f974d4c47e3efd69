"""The server's state and work: open documents, configuration, checking and publishing.

`server.py` only routes LSP messages here. Everything runs on the event-loop thread, so
document state needs no locks; diagnostics are debounced per document.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time

from lsprotocol import types as lsp

from .. import config as config_mod
from ..classify import IGNORE_NAMES, classify
from ..config import Config, ConfigError, find_config
from ..engine.check import needs_context
from ..files import read_regular, refused_walk_root, walk_lintable
from ..ignorefile import dockerfile_of_ignore_file
from ..project import ProjectView
from . import convert
from .collector import collector
from .documents import Document, kind_of, path_to_uri, uri_to_path
from .settings import Settings, parse_settings

log = logging.getLogger("dockwise.lsp")

CONFIG_NAMES = ("pyproject.toml", ".dockwise.toml", ".hadolint.yaml", ".hadolint.yml")
WORKSPACE_LIMIT = 2000
# The longest the first unchecked change waits for its check, whatever the debounce, and the
# longest a finished check is held back because newer changes are waiting: while someone types,
# diagnostics keep coming. At 30 characters a second a keystroke comes every 33 ms; holding a
# result for more than about one of them loses more than it saves (measured with
# benchmarks/lsp_latency.py typing into 5,000 lines: 0.15 s gave keystroke-to-diagnostics p99
# ~200 ms, 0.08 s ~128 ms, 0.05 s ~99 ms, with more publishes each time).
MAX_WAIT_S = 0.05
# A document whose last check took less is checked at once after a keystroke, debounce or not:
# at 30 characters a second a 5,000-line file (~25 ms a check) then keeps up keystroke by
# keystroke, for about two thirds of a core while typing; slower checks (a loaded machine, a
# bigger file) wait for the debounce, so a burst costs fewer of them.
FAST_CHECK_S = 0.04
# Messages already waiting to be read may be newer changes of the document: read them first
# (applying queued changes together) rather than check a version already out of date.
REREAD_S = 0.001


def disk_stamp(paths: tuple[str, ...]) -> tuple:
    """What `os.stat` says of each path (None where it is missing): a change of any means the
    file changed, appeared or went (a folder's changes when entries are added or removed)."""
    out = []
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            out.append(None)
        else:
            out.append((st.st_mtime_ns, st.st_size, st.st_ino))
    return tuple(out)


def position_encoding(caps: lsp.ClientCapabilities) -> str:
    """The encoding of columns: the one pygls announces in its `initialize` answer (and
    lsp/early.py, which is held to it), so what the client reads is what dockwise computes."""
    from pygls.capabilities import ServerCapabilitiesBuilder
    chosen = ServerCapabilitiesBuilder.choose_position_encoding(caps)
    chosen = str(getattr(chosen, "value", chosen))
    return chosen if chosen in convert.ENCODINGS else convert.UTF16


class Service:
    def __init__(self, server) -> None:
        self.server = server
        self.docs: dict[str, Document] = {}
        self.init_settings = Settings()
        self.settings = Settings()
        self.project = ProjectView()
        self._contexts: dict[tuple, object] = {}
        self.pull = False
        self.refresh_support = False
        self.generation = 0
        self._config_warned: set[str] = set()
        self.input_waiting = lambda: False  # the server tells whether unread messages wait
        self._config_diagnosed: set[str] = set()  # configuration files showing an error
        self.encoding = convert.UTF16  # the position encoding agreed in `initialize`
        self._copies_kept: dict[str, tuple[str, tuple[str, ...]]] = {}  # see `_copies`

    # -- client messages ----------------------------------------------------------------
    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Log) -> None:
        try:
            self.server.window_log_message(lsp.LogMessageParams(kind, message))
        except Exception:  # noqa: BLE001 - no client yet: stderr
            log.warning(message)

    def warn(self, message: str) -> None:
        self.log(message, lsp.MessageType.Warning)
        try:
            self.server.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Warning, message))
        except Exception:  # noqa: BLE001
            log.warning(message)

    # -- lifecycle ------------------------------------------------------------------------
    def initialize(self, params: lsp.InitializeParams) -> None:
        caps = params.capabilities
        self.encoding = position_encoding(caps)
        td = caps.text_document
        self.pull = bool(td and td.diagnostic is not None)
        ws = caps.workspace
        self.refresh_support = bool(ws and ws.diagnostics and ws.diagnostics.refresh_support)
        opts = params.initialization_options
        raw = opts.get("settings") if isinstance(opts, dict) else None
        self.init_settings, problems = parse_settings(raw)
        self.settings = self.init_settings
        for p in problems:
            self.warn(p)

    def apply_settings(self, raw) -> None:
        new, problems = parse_settings(raw, self.init_settings)
        for p in problems:
            self.warn(p)
        if new != self.settings:
            self.settings = new
            self.recheck_all()

    # -- documents ------------------------------------------------------------------------
    def open(self, item: lsp.TextDocumentItem) -> Document | None:
        kind = kind_of(item.uri, item.language_id)
        if kind is None:
            return None
        doc = Document(item.uri, kind, "", language_id=item.language_id, encoding=self.encoding)
        doc.set_text(item.text, item.version)
        self.docs[item.uri] = doc
        self.lint_and_publish(doc)
        if kind == "dockerignore":
            self.ignore_changed(doc.path)
        elif doc.on_disk:
            self.dockerfile_changed(doc.path)  # the editor's text now stands for the file
        return doc

    def change(self, params: lsp.DidChangeTextDocumentParams) -> None:
        doc = self.docs.get(params.text_document.uri)
        if doc is None:
            return
        for change in params.content_changes:
            doc.apply(change, params.text_document.version)
        if doc.dirty_since is None:
            doc.dirty_since = time.monotonic()
        self.schedule(doc)
        if doc.kind == "dockerignore":
            self.ignore_changed(doc.path, debounced=True)
        elif doc.on_disk:
            self.dockerfile_changed(doc.path)

    def close(self, uri: str) -> None:
        doc = self.docs.pop(uri, None)
        if doc is None:
            return
        self._cancel(doc)
        if not self.pull:
            self.server.publish_json(uri, [], None)
        if doc.kind == "dockerignore":
            self.ignore_changed(doc.path)
        elif doc.on_disk:
            self.dockerfile_changed(doc.path)  # its text on disk counts again

    # -- checking -------------------------------------------------------------------------
    def in_project(self, doc: Document) -> bool:
        """A file on disk inside a workspace folder (any file on disk when the client names no
        folder): the folders around it are read for its configuration and build context. A file
        opened from elsewhere is checked as an unsaved one is: nothing outside the workspace is
        read or walked for it."""
        if not doc.on_disk:
            return False
        trees = self._workspace_trees()
        if not trees:
            return True
        path = os.path.realpath(doc.path)
        for tree in trees:
            tree = os.path.realpath(tree)
            if path == tree or path.startswith(tree.rstrip(os.sep) + os.sep):
                return True
        return False

    def config_for(self, doc: Document) -> Config:
        cfg = Config()
        if self.in_project(doc):
            try:
                cfg = find_config(doc.path)
            except ConfigError as e:
                if str(e) not in self._config_warned:
                    self._config_warned.add(str(e))
                    self.warn(f"dockwise: bad configuration, using defaults: {e}")
                    self._diagnose_config(e)
        return self.settings.apply(cfg)

    def _diagnose_config(self, e: ConfigError) -> None:
        """The configuration error as a diagnostic on the configuration file itself (cleared
        when a configuration file changes); the documents are checked with the defaults."""
        uri = path_to_uri(os.path.abspath(e.path))
        self._config_diagnosed.add(uri)
        where = f"{e.key}: " if e.key else ""
        self.server.publish_json(uri, [{
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "message": f"dockwise: {where}{e.problem} (dockwise uses its defaults until this is fixed)",
            "severity": int(lsp.DiagnosticSeverity.Error), "source": "dockwise"}], None)

    def setup_for(self, doc: Document) -> tuple[Config, dict]:
        """The configuration and build-context arguments of a document's checks. Kept until
        something they depend on changes: settings, config, ignore and context files all go
        through `recheck_all` (a new generation) when the client watches files for us; and,
        for clients that cannot (Neovim 0.7), each check stats the few files they were read
        from (`disk_stamp`), so a change on disk counts from the next check on."""
        before = None
        if doc.setup is not None:
            generation, cfg, kw, watched, stamp = doc.setup
            # a new generation: the configuration, an ignore file or a file of the context changed
            before = (watched, stamp) if generation == self.generation else ()
            if generation == self.generation and disk_stamp(watched) == stamp:
                return cfg, kw
            if generation == self.generation:  # changed on disk, and nobody told us
                self.disk_changed(watched)
        cfg = self.config_for(doc)
        try:
            kw = self.context_for(doc, cfg)
        except Exception as e:  # noqa: BLE001 - a broken context must not stop the other rules
            self.log(f"dockwise: cannot read the build context of {doc.path}: {e}", lsp.MessageType.Warning)
            kw = {}
        watched = self.watched_paths(doc, kw, cfg)
        stamp = disk_stamp(watched)
        if before is not None and before != (watched, stamp):
            # What rules read from disk changed (a sibling release folder, the repository's build
            # files, a context file whose content a rule judges): findings kept because an edit did
            # not touch what a rule reads are stale.
            doc.checker.forget_inputs()
        doc.setup = (self.generation, cfg, kw, watched, stamp)
        return cfg, kw

    def watched_paths(self, doc: Document, kw: dict, cfg: Config | None = None) -> tuple[str, ...]:
        """The files a document's configuration and build context were read from, or would be
        if they appeared: config files in its folder and every folder above (the nearest wins),
        the context's ignore files and the context folder itself (files added or removed), the
        repository's build files the context was chosen from (and the `.env` beside a compose
        file), and what enabled rules read from disk (`Rule.disk_inputs`). (An ignore file's
        Dockerfiles are followed by `dockerfile_changed`, and each of its edits is a new
        generation.)"""
        if not self.in_project(doc):
            return ()
        path = os.path.abspath(doc.path)
        out = []
        folder = os.path.dirname(path)
        while True:
            out.extend(os.path.join(folder, name) for name in CONFIG_NAMES)
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
        view = kw.get("context")
        if view is not None:
            root = view.root
            out.append(root)
            out.extend(os.path.join(root, name) for name in IGNORE_NAMES)
            if doc.kind == "dockerfile":
                out.append(path + ".dockerignore")  # BuildKit's per-Dockerfile ignore file
            if getattr(view, "choice", None) is not None:
                out.extend(self.project.build_inputs(view.choice))
        if cfg is not None:
            from ..engine.check import enabled_rules
            for rule in enabled_rules(cfg, doc.kind, path):
                out.extend(rule.disk_inputs(path, view))
        return tuple(out)

    def disk_changed(self, watched: tuple[str, ...]) -> None:
        """Forget what was read from files that changed on disk (configs, ignore files, contexts)."""
        config_mod._cache.clear()
        self._config_warned.clear()
        contexts = {p if os.path.isdir(p) else os.path.dirname(p) for p in watched
                    if os.path.basename(p) not in CONFIG_NAMES}
        self._drop_contexts(contexts)

    def open_text(self, path: str) -> str | None:
        """The editor's text of a file when it is open (unsaved edits included), else the disk's."""
        uri = path_to_uri(path)
        doc = self.docs.get(uri)
        if doc is not None:
            return doc.text
        try:
            return read_regular(path).decode("utf-8", "replace")
        except OSError:  # FileProblem too: a FIFO, a device, a file too large
            return None

    def context_for(self, doc: Document, cfg: Config) -> dict:
        """context=/ignore=/ignore_path= for context-aware rules. The build context is read
        lazily and cached per (context, file); the editor's unsaved ignore file wins over disk."""
        if not self.in_project(doc):
            return {}
        if not needs_context(cfg, doc.kind, doc.path):
            return {}
        from .context import editor_view
        choice = None
        if doc.kind == "dockerfile":
            self.project.trees = [os.path.abspath(t) for t in self._workspace_trees()]  # the repository when there is no .git
            current = doc.model if doc.model is not None and doc.model.text is doc.text else None
            try:
                choice = self.project.context_choice(doc.path, cfg, doc.text, current)
            except ConfigError as e:  # a context never walked (`/`, the home folder …)
                self.log(f"dockwise: {e}", lsp.MessageType.Warning)
                return {}
            if not choice.decided:
                return {}  # the repository's builds disagree: context rules stay silent
            ctx_dir = os.path.abspath(choice.directory)
            key = (ctx_dir, os.path.abspath(doc.path))
            owner = key[1]
        else:
            # One view per ignore file: `api.Dockerfile.dockerignore` and `.dockerignore` in one
            # folder serve different builds (each view's `builds` are its own).
            ctx_dir = os.path.dirname(os.path.abspath(doc.path))
            key = (ctx_dir, "ignore file", os.path.abspath(doc.path))
            owner = dockerfile_of_ignore_file(key[2])
        view = self._contexts.get(key)
        if view is None:
            view = editor_view(ctx_dir, owner, self.open_text_if_open)
            self._contexts[key] = view
        view.choice = choice
        if doc.kind == "dockerfile":
            return {"context": view, "ignore": view.ignore, "ignore_path": view.ignore_path}
        if doc.kind != "dockerfile":
            try:  # the Dockerfiles built with this ignore file: what its patterns keep out of images
                view.builds = self.project.builds_using(doc.path, cfg, self.open_text_if_open)
            except (ConfigError, OSError, ValueError) as e:
                self.log(f"dockwise: {e}", lsp.MessageType.Warning)
                view.builds = None
        return {"context": view, "ignore_path": doc.path}

    def _workspace_trees(self) -> list[str]:
        try:
            ws = self.server.workspace
            folders = [p for p in (uri_to_path(f.uri) for f in ws.folders.values()) if p]
            return folders or ([ws.root_path] if ws.root_path else [])
        except Exception:  # noqa: BLE001 - no workspace yet
            return []

    def open_text_if_open(self, path: str) -> str | None:
        doc = self.docs.get(path_to_uri(path))
        return doc.text if doc is not None else None

    def lint(self, doc: Document) -> list[dict]:
        """The document's diagnostics in LSP's JSON form, checked once per version."""
        if doc.checked_version == doc.version and doc.checked_version is not None and doc.lsp_diagnostics is not None:
            return doc.lsp_diagnostics
        t0 = time.perf_counter()
        if doc.problem is not None:
            diags = []
            out = [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                    "message": f"dockwise: {doc.problem}", "severity": int(lsp.DiagnosticSeverity.Warning),
                    "source": "dockwise"}]
        else:
            doc.retired = (doc.checker.kept(), doc.diagnostics, doc.lsp_diagnostics,
                           doc.lsp_objects)  # freed once the result is out
            cfg, kw = self.setup_for(doc)
            result = doc.checker.check(doc.text, doc.path, cfg, model=doc.model, **kw)
            for code in result.crashed:
                self.log(f"dockwise: rule {code} crashed on {doc.path}; skipped", lsp.MessageType.Error)
            diags = result.diagnostics
            index = doc.index
            uri_of = lambda p: doc.uri if p is None else path_to_uri(p)
            out = [convert.diagnostic_json(index, d, doc.version, uri_of, self.open_text) for d in diags]
        doc.diagnostics = diags
        doc.lsp_diagnostics = out
        doc.lsp_objects = None
        doc.checked_version = doc.version
        elapsed = (time.perf_counter() - t0) * 1000
        doc.check_s = elapsed / 1000
        if elapsed > 200:
            self.log(f"dockwise: checking {doc.path} took {elapsed:.0f} ms")
        if self.pull:  # answered, not published: free what the check replaced once the answer is out
            try:
                asyncio.get_running_loop().call_soon(setattr, doc, "retired", None)
            except RuntimeError:  # no running loop (a handler called directly)
                doc.retired = None
        return out

    def diagnostics(self, doc: Document) -> list[lsp.Diagnostic]:
        """`lint(doc)` as lsprotocol objects, made only when asked (hover, code actions)."""
        items = self.lint(doc)  # a new check resets lsp_objects
        if doc.lsp_objects is None:
            doc.lsp_objects = convert.diagnostic_objects(items)
        return doc.lsp_objects

    def invalidate(self, doc: Document) -> None:
        doc.checked_version = -1

    def publish(self, doc: Document) -> None:
        doc.timer = None
        if self.docs.get(doc.uri) is not doc:
            return
        if self._newer_may_wait(doc):
            self._later(doc, REREAD_S)  # take the changes already sent first
            return
        diags = self.lint(doc)
        if self._newer_may_wait(doc):
            # Messages came during the check, maybe newer changes: drop this result and read
            # them first (checks are kept per version: if none was for this document, the
            # next try publishes this one without checking again).
            self._later(doc, REREAD_S)
            return
        doc.dirty_since = None
        if self.pull:
            return
        if doc.version is not None and doc.published_version is not None and doc.version < doc.published_version:
            return  # never an older version after a newer one
        self.server.publish_json(doc.uri, diags, doc.version)
        doc.published_version = doc.version
        doc.retired = None
        collector.checked()  # what the check left, collected once its result is out

    def _newer_may_wait(self, doc: Document) -> bool:
        """Whether unread messages (maybe newer changes of `doc`) should be read before its
        diagnostics are published; never past MAX_WAIT_S after its first unchecked change."""
        return doc.dirty_since is not None and time.monotonic() < doc.dirty_since + MAX_WAIT_S \
            and self.input_waiting()

    def lint_and_publish(self, doc: Document) -> None:
        self._cancel(doc)
        if self.pull:
            self.invalidate(doc)
            return
        self.publish(doc)

    def schedule(self, doc: Document, delay_ms: int | None = None) -> None:
        self._cancel(doc)
        if self.pull:
            return  # the client pulls when it wants them
        delay = (self.settings.debounce_ms if delay_ms is None else delay_ms) / 1000
        if doc.check_s is not None:
            # Waiting longer than a check takes saves little: at most half the time goes to
            # checking while someone types; a check cheaper than FAST_CHECK_S runs at once.
            delay = 0.0 if doc.check_s < FAST_CHECK_S else min(delay, doc.check_s)
        if doc.dirty_since is not None:
            # counted from the first change not yet checked: further keystrokes do not postpone
            # it, so diagnostics keep up with someone typing (and never wait over MAX_WAIT_S)
            delay = doc.dirty_since + min(delay, MAX_WAIT_S) - time.monotonic()
        self._later(doc, max(delay, 0.0))

    def _later(self, doc: Document, delay: float) -> None:
        """Check and publish `doc` after `delay` seconds, once the messages already read are
        handled (a delay of 0 too: changes that came together are checked together)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # called outside the server's loop (a test driving the service)
            self.publish(doc)
            return
        doc.timer = loop.call_later(delay, self._safe_publish, doc)

    def _safe_publish(self, doc: Document) -> None:
        try:
            self.publish(doc)
        except Exception as e:  # noqa: BLE001 - never let a timer callback kill the loop
            self.log(f"dockwise: internal error while checking {doc.uri}: {e!r}", lsp.MessageType.Error)

    def _cancel(self, doc: Document) -> None:
        if doc.timer is not None:
            doc.timer.cancel()
            doc.timer = None

    # -- cross-file -----------------------------------------------------------------------
    def recheck_all(self, kind: str | None = None, under: str | None = None) -> None:
        self.generation += 1
        for doc in list(self.docs.values()):
            if kind and doc.kind != kind:
                continue
            if under and not (doc.on_disk and os.path.abspath(doc.path).startswith(under.rstrip(os.sep) + os.sep)):
                continue
            self.invalidate(doc)
            if not self.pull:
                self.schedule(doc)
        if self.pull and self.refresh_support:
            try:
                self.server.workspace_diagnostic_refresh(None)
            except Exception as e:  # noqa: BLE001
                self.log(f"dockwise: diagnostic refresh failed: {e!r}")

    def ignore_changed(self, path: str, debounced: bool = False) -> None:
        """An ignore file changed (on disk or in the editor): re-check Dockerfiles of its context."""
        directory = os.path.dirname(os.path.abspath(path))
        self._drop_contexts({directory})
        self.recheck_all("dockerfile", under=directory)

    def dockerfile_changed(self, path: str, on_disk: bool = False) -> None:
        """A Dockerfile changed in the editor (or opened, or closed), or on disk (`on_disk`:
        changed, created or deleted): the open ignore files above it, whose builds it may be
        one of, are checked again, as other re-checks are (`schedule`). An editor change only
        replaces the text of one of their builds, and re-checks only when its COPY/ADD
        instructions (all DW502 reads of it) changed; a change on disk may change which
        Dockerfiles are built with the ignore file, so that is read again."""
        path = os.path.abspath(path)
        for doc in list(self.docs.values()):
            if doc.kind != "dockerignore" or not doc.on_disk:
                continue
            folder = os.path.dirname(os.path.abspath(doc.path))
            if not path.startswith(folder.rstrip(os.sep) + os.sep):
                continue
            view = doc.setup[2].get("context") if doc.setup is not None else None
            if view is None:
                continue  # not checked yet, or no enabled rule looks at its builds
            builds = getattr(view, "builds", None)
            if on_disk:
                doc.setup = None  # which Dockerfiles it is built with, and their texts, are read again
            elif builds is None:
                continue  # which builds use it is unknown (it is not on disk yet)
            else:
                old = next((t for p, t in builds if p == path), None)
                new = self.open_text(path)
                if old is None or new is None or new is old:
                    continue  # not built with this ignore file (that changes only on disk)
                view.builds = tuple((p, new if p == path else t) for p, t in builds)
                if self._copies(path, new) == self._copies(path, old):
                    continue
            self.invalidate(doc)
            if not self.pull:
                self.schedule(doc)
            elif self.refresh_support:
                try:
                    self.server.workspace_diagnostic_refresh(None)
                except Exception as e:  # noqa: BLE001
                    self.log(f"dockwise: diagnostic refresh failed: {e!r}")

    def _copies(self, path: str, text: str) -> tuple[str, ...]:
        """The COPY and ADD instructions of a Dockerfile's text as written (the editor's parse
        when it holds that text; the last answer is kept, so typing parses nothing)."""
        kept = self._copies_kept.get(path)
        if kept is not None and kept[0] is text:
            return kept[1]
        doc = self.docs.get(path_to_uri(path))
        model = doc.model if doc is not None and doc.model is not None and doc.model.text is text else None
        if model is None:
            from ..dockerfile import parse
            model = parse(text)
        copies = tuple(text[i.start:i.end] for i in model.instructions if i.keyword in ("COPY", "ADD"))
        self._copies_kept[path] = (text, copies)
        return copies

    def files_changed(self, params: lsp.DidChangeWatchedFilesParams) -> None:
        configs = ignores = context = False
        dirs: set[str] = set()
        dockerfiles: list[str] = []
        # created or deleted: the Dockerfiles found under a folder may differ
        self.project.forget_listings(p for p in (uri_to_path(ev.uri) for ev in params.changes
                                                 if ev.type != lsp.FileChangeType.Changed) if p)
        for ev in params.changes:
            path = uri_to_path(ev.uri)
            if path is None:
                continue
            name = os.path.basename(path)
            if kind_of(ev.uri) == "dockerfile":
                dockerfiles.append(path)
                if ev.type != lsp.FileChangeType.Changed:
                    # a context file added or removed too (and maybe a newer release's, DW150)
                    context = True
                    dirs.add(os.path.dirname(os.path.abspath(path)))
            if name in CONFIG_NAMES:
                configs = True
            elif classify(name) == "dockerignore":
                ignores = True
                dirs.add(os.path.dirname(os.path.abspath(path)))
            elif classify(name) is None:
                context = True
                dirs.add(os.path.dirname(os.path.abspath(path)))
        if configs:
            config_mod._cache.clear()
            self._config_warned.clear()
            for uri in self._config_diagnosed:  # shown again by the re-check if still broken
                self.server.publish_json(uri, [], None)
            self._config_diagnosed.clear()
            self._contexts.clear()
            self.project.forget()
            self.recheck_all()
            return
        if ignores or context:
            # context snapshots that may contain a changed path are stale
            self._drop_contexts(dirs)
            if ignores:
                for d in dirs:
                    self.recheck_all("dockerfile", under=d)
            elif context and any(self.context_for_needed(doc) for doc in self.docs.values()):
                self.recheck_all("dockerfile")
        for path in dockerfiles:
            self.dockerfile_changed(path, on_disk=True)

    def _drop_contexts(self, dirs) -> None:
        """Forget context views that may contain, or be contained by, a changed directory."""
        self._contexts = {k: v for k, v in self._contexts.items()
                          if not any(d.startswith(k[0]) or k[0].startswith(d) for d in dirs)}

    def context_for_needed(self, doc: Document) -> bool:
        if doc.kind != "dockerfile" or not self.in_project(doc):
            return False
        return needs_context(self.config_for(doc), "dockerfile", doc.path)

    # -- workspace diagnostics ------------------------------------------------------------
    def workspace_files(self, folders: list[str]) -> list[str]:
        found: list[str] = []
        for root in folders:
            refused = refused_walk_root(root)
            if refused is not None:  # a workspace opened on `/` or the home folder
                self.log(f"dockwise: workspace diagnostics: {refused}", lsp.MessageType.Warning)
                continue
            for path in walk_lintable(root):  # links to folders not followed
                found.append(str(path))
                if len(found) >= WORKSPACE_LIMIT:
                    return found
        return found

    def document_for_path(self, path: str) -> Document | None:
        uri = path_to_uri(path)
        doc = self.docs.get(uri)
        if doc is not None:
            return doc
        try:
            data = read_regular(path)
        except OSError:  # FileProblem too: a FIFO never blocks the scan
            return None
        kind = kind_of(uri)
        if kind is None:
            return None
        doc = Document(uri, kind, "", encoding=self.encoding)
        doc.set_text(data.decode("utf-8", "replace") if b"\x00" not in data else "\x00", None)
        if b"\x00" not in data:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                doc.problem = "not checked: the file is not valid UTF-8"
                doc.model = None
        return doc

    # Pulled diagnostics, as JSON (see Server.publish_json in pygls_compat.py)

    def document_report(self, uri: str, previous_result_id: str | None):
        """textDocument/diagnostic: the findings, or "unchanged" when the client has them."""
        doc = self.docs.get(uri)
        if doc is None:
            return lsp.RelatedFullDocumentDiagnosticReport(items=[])
        result_id = f"{doc.version}:{self.generation}"
        fresh = doc.checked_version == doc.version and doc.version is not None
        if fresh and previous_result_id == result_id:
            return lsp.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
        return {"kind": "full", "resultId": result_id, "items": self.lint(doc)}

    def workspace_report(self) -> dict:
        """workspace/diagnostic: the findings of every Dockerfile and ignore file in the
        workspace's folders."""
        items = []
        for path in self.workspace_files(self._workspace_trees()):
            doc = self.document_for_path(path)
            if doc is not None:
                items.append({"kind": "full", "uri": doc.uri, "version": doc.version, "items": self.lint(doc)})
        return {"items": items}

    def cancel_all(self) -> None:
        """`shutdown`: no check scheduled for later runs."""
        for doc in self.docs.values():
            self._cancel(doc)
