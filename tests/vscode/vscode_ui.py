"""A real VS Code for the extension's end-to-end test: code-server (a full VS Code build served
over HTTP on 127.0.0.1) driven through its web UI by Debian's chromium with Playwright.

Everything here waits by polling for a condition with a generous deadline (the machines this
runs on are shared and often 5-10x slower than idle); nothing sleeps and hopes.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXTENSION_DIR = REPO / "vscode-extension"
SETUP_SCRIPT = REPO / "scripts" / "setup-vscode-e2e.sh"
CHROMIUM = Path("/usr/bin/chromium")
WAIT_S = 180.0  # for one UI condition; generous on purpose (see the module docstring)


class E2EError(AssertionError):
    """The end-to-end run cannot go on; the message says what to do."""


def install_code_server() -> Path:
    """The cached code-server install (scripts/setup-vscode-e2e.sh, a no-op once cached)."""
    proc = subprocess.run(["bash", str(SETUP_SCRIPT)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise E2EError(f"installing code-server failed (exit {proc.returncode}): run "
                       f"`bash scripts/setup-vscode-e2e.sh` to see why.\n{proc.stderr[-3000:]}")
    binary = Path(proc.stdout.strip().splitlines()[-1]) / "node_modules" / ".bin" / "code-server"
    if not binary.exists():
        raise E2EError(f"scripts/setup-vscode-e2e.sh succeeded but {binary} is missing")
    return binary


def build_vsix(out_dir: Path) -> Path:
    """The extension packaged as CI packages it (compile + bundled dockwise); DOCKWISE_E2E_VSIX
    names one already built (.ci/run passes the one vscode-extension/ci.sh just made)."""
    given = os.environ.get("DOCKWISE_E2E_VSIX")
    if given:
        if not Path(given).is_file():
            raise E2EError(f"DOCKWISE_E2E_VSIX={given} does not exist")
        return Path(given)
    if not (EXTENSION_DIR / "node_modules" / ".bin" / "vsce").exists():
        run_step(["npm", "ci", "--no-audit", "--no-fund"], EXTENSION_DIR, "npm ci in vscode-extension")
    vsix = out_dir / "dockwise.vsix"
    run_step(["npx", "--no-install", "vsce", "package", "--out", str(vsix)], EXTENSION_DIR,
             "vsce package (compile and bundle dockwise)")
    return vsix


def run_step(cmd: list[str], cwd: Path, what: str) -> None:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise E2EError(f"{what} failed (exit {proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what: str, probe: Callable[[], object], timeout: float = WAIT_S, every: float = 0.25):
    """Poll `probe` until it returns something truthy; fail with the last value seen."""
    deadline = time.monotonic() + timeout
    last: object = None
    while True:
        try:
            last = probe()
        except Exception as e:  # noqa: BLE001 - the UI is mid-update: look again
            last = e
        else:
            if last:
                return last
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}; last seen: {last!r}")
        time.sleep(every)


@dataclass
class CodeServer:
    """One code-server with a fresh profile (user data and extensions dirs) for one workspace."""

    binary: Path
    home: Path
    env: dict[str, str]
    port: int = 0
    process: subprocess.Popen | None = None

    @property
    def user_data(self) -> Path:
        return self.home / "user-data"

    @property
    def extensions(self) -> Path:
        return self.home / "extensions"

    @property
    def config(self) -> Path:
        return self.home / "config.yaml"

    def _base_args(self) -> list[str]:
        return [str(self.binary), "--config", str(self.config), "--user-data-dir", str(self.user_data),
                "--extensions-dir", str(self.extensions)]

    def prepare(self, settings: dict) -> None:
        (self.user_data / "User").mkdir(parents=True, exist_ok=True)
        self.extensions.mkdir(parents=True, exist_ok=True)
        # its own config file, or code-server writes ~/.config/code-server/config.yaml
        self.config.write_text("auth: none\ncert: false\n")
        (self.user_data / "User" / "settings.json").write_text(json.dumps(settings, indent=2))

    def install_extension(self, vsix: Path) -> None:
        proc = subprocess.run([*self._base_args(), "--install-extension", str(vsix)], env=self.env,
                              capture_output=True, text=True)
        if proc.returncode != 0 or "successfully installed" not in proc.stdout:
            raise E2EError(f"code-server --install-extension failed:\n{proc.stdout}\n{proc.stderr}")

    def start(self, folder: Path) -> None:
        self.port = free_port()
        log = open(self.home / "code-server.log", "w")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [*self._base_args(), "--bind-addr", f"127.0.0.1:{self.port}", "--auth", "none",
             "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", str(folder)],
            env=self.env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
        log.close()
        wait_for("code-server to listen", self._listening, timeout=120)

    def _listening(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise E2EError(f"code-server exited ({self.process.returncode}):\n"
                           f"{(self.home / 'code-server.log').read_text()[-3000:]}")
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", self.port)) == 0

    def url(self, folder: Path) -> str:
        return f"http://127.0.0.1:{self.port}/?folder={folder}"

    def stop(self) -> None:
        """Ends code-server's process group (its extension host and the language server)."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def log_file(self, pattern: str) -> list[Path]:
        return sorted((self.user_data / "logs").glob(pattern))


@dataclass(frozen=True)
class Problem:
    file: str
    code: str
    line: int
    column: int
    severity: str
    message: str


_HEADER = re.compile(r"^(\d+) problems? in file (.+?) of folder ")
_ITEM = re.compile(r"^(Error|Warning|Info|Hint): (.*) at line (\d+) and character (\d+)\. generated by (\S+)")


class Workbench:
    """The VS Code web UI in one chromium page."""

    def __init__(self, page):
        self.page = page

    # -- basics ----------------------------------------------------------------------------
    def visible(self, selector: str):
        return [e for e in self.page.query_selector_all(selector) if e.is_visible()]

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def _quick_input_rows(self) -> list[str]:
        return [r.get_attribute("aria-label") or "" for r in self.visible(".quick-input-widget .monaco-list-row")]

    def quick_input(self, open_keys: tuple[str, ...], text: str, pick: Callable[[str], bool], what: str) -> None:
        """Open a quick input (Quick Open, the command palette), type, wait for a matching row,
        select it and press Enter."""
        wait_for("no quick input open", lambda: not self.visible(".quick-input-widget"), timeout=30)
        self.press(*open_keys)
        box = wait_for("the quick input box", lambda: self.visible(".quick-input-widget input.input"))[0]
        box.fill(text)

        def matching_row():
            rows = self.visible(".quick-input-widget .monaco-list-row")
            return next((r for r in rows if pick(r.get_attribute("aria-label") or "")), None)
        row = wait_for(what, matching_row)
        row.click()
        wait_for("the quick input to close", lambda: not self.visible(".quick-input-widget"), timeout=30)

    def palette_entries(self, text: str, expect: int) -> list[str]:
        """The command palette's entries for `text` (waits until at least `expect` show)."""
        self.press("F1")
        box = wait_for("the command palette", lambda: self.visible(".quick-input-widget input.input"))[0]
        box.fill(">" + text)
        rows = wait_for(f"{expect} palette entries for {text!r}",
                        lambda: (r := self._quick_input_rows()) and len(r) >= expect and r)
        self.press("Escape")
        wait_for("the command palette to close", lambda: not self.visible(".quick-input-widget"), timeout=30)
        return rows

    def run_command(self, title: str) -> None:
        self.quick_input(("F1",), ">" + title, lambda label: label.split(",")[0].strip() == title,
                         f"the command {title!r} in the palette")

    # -- editors -----------------------------------------------------------------------------
    def open_file(self, name: str) -> None:
        """Open a file of the workspace's top folder from the Explorer (Quick Open's file index
        can lag behind a file that was just created)."""
        row = wait_for(f"{name} in the Explorer", lambda: next(
            (r for r in self.visible(".explorer-folders-view .monaco-list-row")
             if r.get_attribute("aria-label") == name), None))
        row.click()
        wait_for(f"{name} to be the active editor", lambda: self.active_tab() == name)
        # the Explorer keeps the focus: click into the text (the cursor is placed by go_to later)
        wait_for(f"{name}'s text", lambda: self.visible(".editor-group-container.active .monaco-editor .view-lines"))[0].click()
        wait_for(f"{name}'s editor to have focus", lambda: self.visible(".editor-group-container.active .monaco-editor.focused"))

    def active_tab(self) -> str | None:
        tabs = self.visible(".editor-group-container.active .tab.active")
        return tabs[0].get_attribute("data-resource-name") if tabs else None

    def go_to(self, line: int, column: int) -> None:
        wait_for("no quick input open", lambda: not self.visible(".quick-input-widget"), timeout=30)
        self.press("Control+g")
        box = wait_for("the Go to Line box", lambda: self.visible(".quick-input-widget input.input"))[0]
        box.fill(f":{line}:{column}")  # the Go to Line prefix; fill() replaces the box
        self.press("Enter")
        wait_for(f"the cursor at Ln {line}, Col {column}",
                 lambda: any(e.get_attribute("aria-label") == f"Ln {line}, Col {column}"
                             for e in self.visible('[id="status.editor.selection"]')))
        wait_for("the editor to have focus", lambda: self.visible(".editor-group-container.active .monaco-editor.focused"))

    def editor_lines(self) -> list[str]:
        """The active editor's rendered lines, top to bottom (the documents here are short)."""
        editor = self.visible(".editor-group-container.active .monaco-editor")[0]
        lines = []
        for el in editor.query_selector_all(".view-lines .view-line"):
            top = float((el.get_attribute("style") or "").split("top:")[1].split("px")[0])
            lines.append((top, el.inner_text().replace("\u00a0", " ")))
        return [text for _, text in sorted(lines)]

    def save(self) -> None:
        self.press("Control+s")

    def dirty(self) -> bool:
        return bool(self.visible(".editor-group-container.active .tab.active.dirty"))

    # -- problems, hover, quick fixes -----------------------------------------------------------
    def show_problems(self) -> None:
        if not self.visible(".markers-panel"):
            self.press("Control+Shift+m")
            wait_for("the Problems panel", lambda: self.visible(".markers-panel"))

    def problems(self) -> list[Problem]:
        """Every row of the Problems panel; checks each file's count against what is shown, so a
        row the panel did not render can never go unnoticed."""
        self.show_problems()
        out: list[Problem] = []
        expected: dict[str, int] = {}
        file = None
        for row in self.visible(".markers-panel .monaco-list-row"):
            label = row.get_attribute("aria-label") or ""
            header = _HEADER.match(label)
            if header:
                file = header.group(2)
                expected[file] = int(header.group(1))
                continue
            item = _ITEM.match(label)
            if item is None or file is None:
                continue
            code = row.inner_text().split("\n")
            found = next((t.strip() for t in code if re.fullmatch(r"[A-Z]{2}\d{3,4}", t.strip())), "")
            out.append(Problem(file, found, int(item.group(3)), int(item.group(4)), item.group(1), item.group(2)))
        for name, count in expected.items():
            shown = sum(1 for p in out if p.file == name)
            if shown != count:
                raise AssertionError(f"the Problems panel shows {shown} of {count} rows for {name}")
        return out

    def codes(self, file: str) -> list[str]:
        return sorted(p.code for p in self.problems() if p.file == file)

    def hover(self, expect: str) -> str:
        """The hover at the cursor (editor.action.showHover), once it shows `expect` (the
        problems part renders first, the language server's part after it)."""
        self.press("Control+k", "Control+i")

        def text():
            shown = "".join(e.inner_text() for e in self.visible(".monaco-hover"))
            return shown if expect in shown else None
        return wait_for(f"the hover to show {expect!r}", text)

    def hover_links(self) -> list[str]:
        links = []
        for e in self.visible(".monaco-hover a"):
            links.append(e.get_attribute("data-href") or e.get_attribute("href") or "")
        return links

    def quick_fix_menu(self, expect_title: str) -> list[tuple[str, bool]]:
        """Open the quick-fix menu (Ctrl+.) and wait until an entry starting with
        `expect_title` is listed; returns (title, preselected) for each entry."""
        self.press("Control+.")
        opened = [time.monotonic()]

        def entries():
            rows = self.visible(".action-widget .monaco-list-row.action")
            found = [(r.get_attribute("aria-label") or "", "focused" in (r.get_attribute("class") or "")) for r in rows]
            if not found and time.monotonic() - opened[0] > 2:
                # asked while the document was still being re-checked after an edit, VS Code
                # shows no menu (or "no code actions") and never asks again: ask again, as a user would
                self.press("Escape")
                self.press("Control+.")
                opened[0] = time.monotonic()
            return found if any(t.startswith(expect_title) for t, _ in found) else None
        return wait_for(f"a quick fix {expect_title!r} in the menu", entries)

    def pick_quick_fix(self, title_prefix: str) -> None:
        """Move the selection down to the entry starting with `title_prefix`, then Enter (the
        menu blocks mouse clicks while it opens: the keyboard is how users pick anyway)."""
        def focused() -> str:
            rows = self.visible(".action-widget .monaco-list-row.action.focused")
            return (rows[0].get_attribute("aria-label") or "") if rows else ""
        count = len(self.visible(".action-widget .monaco-list-row.action"))
        for _ in range(count):
            current = wait_for("a preselected quick fix", focused, timeout=30)
            if current.startswith(title_prefix):
                break
            self.press("ArrowDown")
            wait_for("the selection to move", lambda: focused() != current, timeout=30)
        else:
            raise AssertionError(f"no quick fix starting with {title_prefix!r} in the menu")
        self.press("Enter")
        wait_for("the quick-fix menu to close", lambda: not self.visible(".action-widget"), timeout=30)

    def close_menus(self) -> None:
        self.press("Escape")
        wait_for("the menu to close", lambda: not self.visible(".action-widget") and not self.visible(".monaco-hover"),
                 timeout=30)
