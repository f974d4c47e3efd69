"""The language server selects files as the CLI does (`dockwise.classify`): opened documents by
name (a language id decides only when the name does not), and the workspace scan."""

from __future__ import annotations

import pytest
from lsp_harness import start
from lsprotocol import types as lsp

FAST = {"debounceMs": 0}
NAIVE = "FROM alpine:3.20\nRUN pip install flask\n"


def codes(diags) -> list[str]:
    return [d.code for d in diags]


async def test_workspace_scan_finds_what_the_cli_walk_finds(workspace):
    for rel in ["Dockerfile-prod", ".devcontainer/Dockerfile", "svc/web_Dockerfile", "svc/api.Dockerfile",
                "docs/Dockerfile.md", "templates/Dockerfile.j2", "Dockerfile~", "Dockerfile.orig",
                "node_modules/pkg/Dockerfile", "src/dockerfile.go"]:
        path = workspace / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(NAIVE)
    (workspace / "svc" / "api.Dockerfile.dockerignore").write_text("node_modules\n")
    async with start(workspace, pull=True) as s:
        ws = await s.client.workspace_diagnostic_async(lsp.WorkspaceDiagnosticParams(previous_result_ids=[]))
        found = {i.uri.removeprefix(s.uri("") + "/") for i in ws.items}
        assert found == {"Dockerfile-prod", ".devcontainer/Dockerfile", "svc/web_Dockerfile", "svc/api.Dockerfile",
                         "svc/api.Dockerfile.dockerignore"}


@pytest.mark.parametrize("name,language,checked", [
    ("Dockerfile-prod", "plaintext", True),     # the CLI lints it: so does the editor
    ("Dockerfile.md", "dockerfile", False),     # VS Code's `Dockerfile.*` pattern gave it the id
    ("Dockerfile.j2", "jinja", False),
    ("build.txt", "dockerfile", True),          # the user chose Dockerfile mode for it
])
async def test_opened_documents_are_selected_by_name_first(workspace, name, language, checked):
    async with start(workspace, settings=FAST) as s:
        if checked:
            assert "DL3042" in codes(await s.open(name, NAIVE, language_id=language))
        else:
            uri = await s.open(name, NAIVE, language_id=language, wait=False)
            assert await s.server_text(uri) is None  # not tracked at all
