"""Comments that speak to a tool, not to a reader. The ignore pragma itself (`# dockwise: ignore=`,
`# hadolint ignore=`, `global`) is read by the engine: `engine.suppression.PRAGMA`."""

from __future__ import annotations

import re

from ...lazy_regex import lazy_compile

# `# hadolint ignore=DL3008,…` and `# dockwise: ignore=…` (next-instruction pragmas only;
# `global ignore` is a file-wide decision, not an inline one).
INLINE_PRAGMA = lazy_compile(r"^(?:hadolint|dockwise:)\s*ignore\s*=", re.IGNORECASE)


# Comments addressed to a tool rather than a reader, which belong to the instruction below
# them: dockwise and hadolint pragmas (`hadolint ignore=`, `hadolint shell=`), BuildKit's
# `check=` and parser directives (`syntax`, `escape`; BuildKit allows spaces around `=`), and
# other scanners' annotations (`renovate:`, `trivy:ignore:`, `checkov:skip=`, `noqa`).
TOOL_COMMENT = lazy_compile(r"^\s*(?:dockwise\s*:|hadolint\s|(?:check|syntax|escape)\s*=|noqa\b|renovate:|trivy:|checkov:)",
                            re.IGNORECASE)
