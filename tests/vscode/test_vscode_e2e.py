"""The VS Code extension in a real VS Code: the `.vsix` is built, installed into a fresh
code-server profile (code-server is VS Code served over HTTP), and a naive project is worked on
through the web UI in Debian's chromium, as a user would: the Problems panel, a hover, the pin
and merge quick fixes from Ctrl+., fix-all on save, the quick fix that creates `.dockerignore`,
an edit of `.dockerignore` re-checking the Dockerfile, the extension's commands, and clean logs.
Both ways of starting the server run the whole scenario: the copy of dockwise bundled in the
`.vsix`, and `dockwise.path` (pointing at a venv with this checkout installed).

Needs code-server (scripts/setup-vscode-e2e.sh installs and caches it; scripts/setup-dev.sh
calls it), Debian's chromium, Node 20 and playwright. Without them this test fails with what
to install; it never skips, so CI cannot silently lose the only real-VS-Code check.
Set DOCKWISE_E2E_SCREENSHOTS=DIR to keep the Problems panel and quick-fix menu screenshots
(docs/images/ holds the ones the extension README shows).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from vscode_ui import CHROMIUM, REPO, CodeServer, E2EError, Workbench, build_vsix, install_code_server, wait_for

from dockwise.buildcontext.view import load_context
from dockwise.config import Config
from dockwise.engine.check import check
from dockwise.engine.fixer import fix_text

NAIVE = """\
FROM python:latest
WORKDIR /app
RUN mkdir -p /app/data
RUN echo ready > /app/data/status
COPY . /app
RUN pip install flask
CMD ["python", "app.py"]
"""

COMMANDS = {"dockwise: Restart Server", "dockwise: Show Output", "dockwise: Fix All Auto-fixable Problems"}


def context_kw(path: Path) -> dict:
    view = load_context(path.parent, path)
    return {"context": view, "ignore": view.ignore, "ignore_path": view.ignore_path}


def expected_codes(path: Path, text: str | None = None) -> list[str]:
    """What dockwise itself reports for the file as it is on disk (with its build context)."""
    return sorted(d.code for d in check(path.read_text() if text is None else text, str(path), **context_kw(path)))


@pytest.fixture(scope="module")
def tools(tmp_path_factory):
    """code-server, chromium, playwright and the .vsix, or a failure saying what is missing."""
    if importlib.util.find_spec("playwright") is None:
        pytest.fail("playwright is missing: pip install -e '.[test]' (scripts/setup-dev.sh does it)")
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: apt-get install chromium (scripts/setup-dev.sh does it)")
    try:
        binary = install_code_server()
        vsix = build_vsix(tmp_path_factory.mktemp("vsix"))
    except E2EError as e:
        pytest.fail(str(e))
    return binary, vsix


@pytest.mark.parametrize("route", ["bundled", "dockwise.path"])
def test_extension_in_real_vscode(tools, tmp_path: Path, route: str):
    from playwright.sync_api import sync_playwright

    binary, vsix = tools
    home = tmp_path.resolve()
    ws = home / "project"
    ws.mkdir()
    dockerfile = ws / "Dockerfile"
    dockerfile.write_text(NAIVE)
    (ws / ".env").write_text("SECRET_KEY=change-me\n")
    (ws / "app.py").write_text("print('hello')\n")

    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(XDG_CONFIG_HOME=str(home / "xdg-config"), XDG_DATA_HOME=str(home / "xdg-data"),
               XDG_CACHE_HOME=str(home / "xdg-cache"))
    settings = {
        "security.workspace.trust.enabled": False,
        "workbench.startupEditor": "none",
        "workbench.tips.enabled": False,
        "telemetry.telemetryLevel": "off",
        "update.mode": "none",
        "extensions.autoCheckUpdates": False,
        "extensions.autoUpdate": False,
        "files.autoSave": "off",
        "[dockerfile]": {"editor.codeActionsOnSave": {"source.fixAll.dockwise": "explicit"}},
    }
    if route == "dockwise.path":
        # this checkout's dockwise installed in a virtual environment, as `pip install .` or
        # `pipx install .` would, and the setting pointing at its `dockwise` (run as `… lsp`)
        settings["dockwise.path"] = [str(checkout_venv(home / "venv") / "bin" / "dockwise")]
    cs = CodeServer(binary, home, env)
    cs.prepare(settings)
    cs.install_extension(vsix)
    shots = home / "screenshots"
    shots.mkdir()
    cs.start(ws)
    page = None
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM))
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.set_default_timeout(120_000)
                page.goto(cs.url(ws))
                page.wait_for_selector(".monaco-workbench .part.editor", timeout=180_000)
                scenario(Workbench(page), cs, ws, route, shots)
            except BaseException:
                if page is not None:
                    page.screenshot(path=str(shots / "failure.png"))
                raise
            finally:
                browser.close()
    finally:
        cs.stop()
    keep = os.environ.get("DOCKWISE_E2E_SCREENSHOTS")
    if keep and route == "bundled":
        Path(keep).mkdir(parents=True, exist_ok=True)
        for name in ("problems-panel.png", "quick-fix-menu.png"):
            shutil.copy(shots / name, Path(keep) / f"vscode-{name}")


def scenario(wb: Workbench, cs: CodeServer, ws: Path, route: str, shots: Path) -> None:
    dockerfile = ws / "Dockerfile"
    ignore_file = ws / ".dockerignore"
    wb.open_file("Dockerfile")

    # 1. The Problems panel lists what dockwise reports for the file, and nothing else.
    want = expected_codes(dockerfile)
    assert {"DL3007", "DL3059", "DL3042", "DW522", "DW523"} <= set(want), want
    wait_for(f"the Problems panel to list {want}", lambda: wb.codes("Dockerfile") == want)
    problems = wb.problems()
    pin = next(p for p in problems if p.code == "DL3007")
    assert (pin.line, pin.column, pin.severity) == (1, 6, "Warning"), pin
    assert "latest" in pin.message
    wb.page.screenshot(path=str(shots / "problems-panel.png"))

    # 2. The hover on the image: one short summary per finding there, with a link each.
    wb.go_to(1, 8)
    text = wb.hover("DL3007 (latest-base-image)")
    on_image = sorted({p.code for p in problems if p.line == 1})
    for code in on_image:
        assert text.count(f"{code} (") == 1, (code, text)
    assert "DL3007 (latest-base-image): The base image uses the latest tag." in text, text
    assert "What it does" not in text and "Why is this bad?" not in text, text
    links = wb.hover_links()
    for code in on_image:
        assert any(link.endswith(f"/docs/rules/{code}.md") for link in links), (code, links)
    wb.close_menus()

    # 3. Ctrl+. on the image: the pin fix is listed first and preselected; Enter applies it.
    wb.go_to(1, 8)
    menu = wb.quick_fix_menu("dockwise (DL3007)")
    assert menu[0][0].startswith("dockwise (DL3007): Pin to `:") and menu[0][1], menu
    titles = [t for t, _ in menu]
    first_disable = next(i for i, t in enumerate(titles) if t.startswith("dockwise: disable"))
    assert all(t.startswith("dockwise: disable") for t in titles[first_disable:]), titles
    wb.page.screenshot(path=str(shots / "quick-fix-menu.png"))
    wb.press("Enter")
    wait_for("the pinned FROM line", lambda: re.fullmatch(r"FROM python:\d+\.\d+\.\d+", wb.editor_lines()[0]))
    wait_for("DL3007 to leave the Problems panel", lambda: "DL3007" not in wb.codes("Dockerfile"))

    # 4. The merge fix on the second RUN, preselected too.
    wb.go_to(4, 1)
    menu = wb.quick_fix_menu("dockwise (DL3059)")
    assert menu[0] == ("dockwise (DL3059): Merge this RUN into the one before", True), menu
    wb.press("Enter")
    wait_for("the merged RUN", lambda: "RUN mkdir -p /app/data && \\" in wb.editor_lines())
    wait_for("DL3059 to leave the Problems panel", lambda: "DL3059" not in wb.codes("Dockerfile"))

    # 5. Save: fix-all on save writes the safe fixes only (no .dockerignore, no image switch).
    assert NAIVE == dockerfile.read_text()  # nothing written before the save
    wb.save()
    wait_for("the saved Dockerfile", lambda: not wb.dirty() and dockerfile.read_text() != NAIVE)
    saved = dockerfile.read_text()
    assert saved == expected_after_fixes(dockerfile)
    assert "pip install --no-cache-dir flask" in saved and "python:slim" not in saved
    assert not ignore_file.exists(), "fix-all on save applied an unsafe fix (.dockerignore)"
    want = expected_codes(dockerfile)
    wait_for(f"the Problems panel to list {want} after the save", lambda: wb.codes("Dockerfile") == want)

    # 6. The quick fix that creates .dockerignore.
    copy_line = saved.splitlines().index("COPY . /app") + 1
    wb.go_to(copy_line, 6)
    wb.quick_fix_menu("dockwise (DW522)")
    wb.pick_quick_fix("dockwise (DW522): Create .dockerignore")
    wait_for(".dockerignore on disk", ignore_file.exists)
    if ".env" not in ignore_file.read_text():
        wb.run_command("File: Save All Files")
    wait_for(".dockerignore to exclude .env", lambda: ".env" in ignore_file.read_text().splitlines())
    wait_for("DW522 and DW523 to leave the Problems panel",
             lambda: not {"DW522", "DW523"} & set(wb.codes("Dockerfile")))
    assert wb.codes("Dockerfile") == expected_codes(dockerfile)

    # 7. Editing .dockerignore (unsaved) re-checks the Dockerfile, both ways.
    wb.open_file(".dockerignore")
    env_line = wb.editor_lines().index(".env") + 1
    wb.go_to(env_line, 1)
    wb.press("Home", "Shift+End")
    wb.page.keyboard.type("# .env is sent again")
    wait_for("DW523 back on the Dockerfile after the unsaved .dockerignore edit",
             lambda: "DW523" in wb.codes("Dockerfile"))
    wb.press("Home", "Shift+End")
    wb.page.keyboard.type(".env")
    wait_for("DW523 gone after excluding .env again", lambda: "DW523" not in wb.codes("Dockerfile"))
    wb.save()
    wait_for("the saved .dockerignore", lambda: not wb.dirty())

    # 8. The three commands are in the palette, and each works.
    entries = wb.palette_entries("dockwise", len(COMMANDS))
    listed = {e.split(",")[0].strip() for e in entries}
    assert COMMANDS <= listed, entries

    wb.open_file("Dockerfile")
    last = len(saved.splitlines())
    wb.go_to(last, 1)
    wb.press("End", "Enter")
    wb.page.keyboard.type("RUN pip install requests")
    wait_for("DL3042 on the typed RUN", lambda: "DL3042" in wb.codes("Dockerfile"))
    wb.run_command("dockwise: Fix All Auto-fixable Problems")
    wait_for("Fix All to add --no-cache-dir", lambda: "RUN pip install --no-cache-dir requests" in wb.editor_lines())
    assert wb.dirty()  # the command edits the buffer; the file is untouched until saved
    wb.save()
    wait_for("the saved Dockerfile", lambda: not wb.dirty())
    assert dockerfile.read_text().endswith("RUN pip install --no-cache-dir requests\n")

    server_log = dockwise_log(cs)
    started = server_log.count("Starting the server")
    wb.run_command("dockwise: Restart Server")
    wait_for("the server to be started again", lambda: dockwise_log(cs).count("Starting the server") == started + 1)
    want = expected_codes(dockerfile)
    wait_for(f"the restarted server's diagnostics {want}", lambda: wb.codes("Dockerfile") == want)
    wb.run_command("dockwise: Show Output")
    wait_for("the dockwise output channel", lambda: any(
        "Starting the server" in e.inner_text().replace("\u00a0", " ")
        for e in wb.visible(".part.panel .monaco-editor .view-lines")))

    # 9. The route asked for was taken, and neither log has an error or a warning.
    server_log = dockwise_log(cs)
    if route == "bundled":
        assert "Starting the server using the bundled dockwise: " in server_log, server_log
    else:
        assert f"Starting the server using dockwise.path: {ws.parent / 'venv' / 'bin' / 'dockwise'} lsp" in server_log, \
            server_log
    assert_clean(server_log, "the extension's log (dockwise output channel)")
    host = cs.log_file("*/exthost1/remoteexthost.log")
    assert host, f"no extension host log under {cs.user_data / 'logs'}"
    assert_clean("".join(p.read_text() for p in host), "the extension host log")


def checkout_venv(venv: Path) -> Path:
    """A venv with this checkout installed (editable, so it runs the code under test); the
    dependencies come from the interpreter running the tests (--system-site-packages), so no
    download is needed."""
    # without its own pip and setuptools: the venv runs the test interpreter's (new enough to
    # build an editable wheel offline)
    for cmd in ([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)],
                [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                 "--no-deps", "--no-build-isolation", "-e", str(REPO)]):
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            pytest.fail(f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}")
    found = subprocess.run([str(venv / "bin" / "python"), "-c", "import dockwise; print(dockwise.__file__)"],
                           capture_output=True, text=True, env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert found.stdout.strip() == str(REPO / "server" / "dockwise" / "__init__.py"), found
    return venv


def expected_after_fixes(path: Path) -> str:
    """The pin fix (unsafe, applied by hand), the merge fix, then fix-all on save (safe only),
    computed by dockwise's own fixer from the same input."""
    pinned = fix_text(NAIVE, str(path), Config(select=["DL3007"]), unsafe=True)
    assert [c for c, _ in pinned.applied] == ["DL3007"], pinned.applied
    merged = fix_text(pinned.text, str(path), Config(select=["DL3059"]))
    assert [c for c, _ in merged.applied] == ["DL3059"], merged.applied
    return fix_text(merged.text, str(path), **context_kw(path)).text


def dockwise_log(cs: CodeServer) -> str:
    files = cs.log_file("*/exthost1/dockwise.dockwise/dockwise.log")
    return "".join(p.read_text() for p in files)


# The server logs through Python's logging at WARNING and above only (`logger: message` on its
# stderr, which the extension writes to its log): any such line is a warning.
SERVER_WARNING = re.compile(r"\] (pygls|dockwise\.)[\w.]*: ")


def assert_clean(log: str, what: str) -> None:
    bad = [line for line in log.splitlines()
           if re.search(r"\[(error|warning)\]|Traceback", line) or SERVER_WARNING.search(line)]
    assert not bad, f"{what} has errors or warnings:\n" + "\n".join(bad)
