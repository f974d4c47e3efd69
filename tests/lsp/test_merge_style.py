"""The `mergeStyle` editor setting reaches the quick fix that merges RUNs (over stdio)."""

from __future__ import annotations

from lsp_harness import apply_text_edits, start

TEXT = ("FROM node:20-slim\n"
        "WORKDIR /app\n"
        "RUN corepack enable\n"
        "# yarn berry\n"
        "RUN yarn set version 4.3.1\n")


async def test_the_quick_fix_writes_a_heredoc_with_merge_style_heredoc(workspace):
    async with start(workspace, settings={"debounceMs": 0, "mergeStyle": "heredoc", "select": ["DL3059"]}) as s:
        diags = await s.open("Dockerfile", TEXT)
        (d,) = [x for x in diags if x.code == "DL3059"]
        uri = s.uri("Dockerfile")
        quick = [a for a in await s.code_actions(uri, d.range, [d]) if a.title.startswith("dockwise (DL3059)")]
        assert [a.title for a in quick] == [
            "dockwise (DL3059): Merge this RUN into the one before as a heredoc (needs BuildKit)"]
        assert apply_text_edits(TEXT, quick[0].edit.changes[uri]) == (
            "FROM node:20-slim\nWORKDIR /app\nRUN <<EOF\nset -e\ncorepack enable\n# yarn berry\n"
            "yarn set version 4.3.1\nEOF\n")


async def test_without_the_setting_the_quick_fix_chains_with_and(workspace):
    async with start(workspace, settings={"debounceMs": 0, "select": ["DL3059"]}) as s:
        diags = await s.open("Dockerfile", TEXT)
        (d,) = [x for x in diags if x.code == "DL3059"]
        uri = s.uri("Dockerfile")
        quick = [a for a in await s.code_actions(uri, d.range, [d]) if a.title.startswith("dockwise (DL3059)")]
        assert apply_text_edits(TEXT, quick[0].edit.changes[uri]) == (
            "FROM node:20-slim\nWORKDIR /app\nRUN corepack enable && \\\n    # yarn berry\n    yarn set version 4.3.1\n")
