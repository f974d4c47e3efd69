"""The build context as the editor sees it: unsaved ignore-file edits win over the disk."""

from __future__ import annotations

import os
from collections.abc import Callable

from ..buildcontext.view import ContextView
from ..ignorefile import find_ignore_file, parse_ignore_file


class EditorContextView(ContextView):
    def __init__(self, root: str, dockerfile_path: str | None, text_of: Callable[[str], str | None]) -> None:
        super().__init__(root, dockerfile_path)
        self._text_of = text_of

    def _load_ignore(self) -> None:
        if self._ignore_loaded:
            return
        # an ignore file open in the editor counts even before it is saved
        path = find_ignore_file(self.root, self.dockerfile_path,
                                exists=lambda p: self._text_of(p) is not None or os.path.isfile(p))
        text = self._text_of(path) if path else None
        if text is None:
            super()._load_ignore()
            return
        self._ignore_loaded = True
        self._ignore_path = path
        self._ignore_text = text
        self._ignore = parse_ignore_file(text)


def editor_view(root: str, dockerfile_path: str | None, text_of) -> ContextView:
    return EditorContextView(root, dockerfile_path, text_of)
