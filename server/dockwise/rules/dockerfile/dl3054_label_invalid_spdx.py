from __future__ import annotations

import re

SPDX_IDS = frozenset(x.lower() for x in (
    "0BSD", "AFL-3.0", "AGPL-1.0", "AGPL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-1.0",
    "Apache-1.1", "Apache-2.0", "APSL-2.0", "Artistic-1.0", "Artistic-2.0", "BlueOak-1.0.0", "BSD-1-Clause",
    "BSD-2-Clause", "BSD-2-Clause-Patent", "BSD-3-Clause", "BSD-3-Clause-Clear", "BSD-4-Clause", "BSL-1.0",
    "BUSL-1.1", "CAL-1.0", "CC-BY-3.0", "CC-BY-4.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC0-1.0",
    "CDDL-1.0", "CDDL-1.1", "CECILL-2.1", "CPL-1.0", "ECL-2.0", "EPL-1.0", "EPL-2.0", "EUPL-1.1",
    "EUPL-1.2", "GPL-1.0", "GPL-1.0-only", "GPL-1.0-or-later", "GPL-2.0", "GPL-2.0-only",
    "GPL-2.0-or-later", "GPL-3.0", "GPL-3.0-only", "GPL-3.0-or-later", "ISC", "LGPL-2.0", "LGPL-2.0-only",
    "LGPL-2.0-or-later", "LGPL-2.1", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0", "LGPL-3.0-only",
    "LGPL-3.0-or-later", "LPPL-1.3c", "MIT", "MIT-0", "MPL-1.1", "MPL-2.0", "MPL-2.0-no-copyleft-exception",
    "MS-PL", "MS-RL", "NCSA", "ODbL-1.0", "OFL-1.1", "OSL-3.0", "PHP-3.01", "PostgreSQL", "PSF-2.0",
    "Python-2.0", "Ruby", "SSPL-1.0", "Unicode-DFS-2016", "Unlicense", "UPL-1.0", "Vim", "W3C", "WTFPL",
    "X11", "Zlib", "ZPL-2.1",
))
SPDX_EXCEPTIONS = frozenset(x.lower() for x in (
    "Classpath-exception-2.0", "GCC-exception-3.1", "LLVM-exception", "OpenJDK-assembly-exception-1.0",
    "Autoconf-exception-3.0", "Bison-exception-2.2", "Font-exception-2.0",
))


def spdx_expression_ok(text: str) -> bool:
    """A (simple) SPDX license expression: ids joined by AND/OR, `WITH` exceptions, parentheses."""
    tokens = re.findall(r"\(|\)|[^\s()]+", text)
    expect_id, depth, after_with = True, 0, False
    for tok in tokens:
        if expect_id:
            if tok == "(":
                depth += 1
                continue
            low = tok.lower().rstrip("+")
            if after_with:
                if low not in SPDX_EXCEPTIONS:
                    return False
            elif low not in SPDX_IDS and not tok.startswith(("LicenseRef-", "DocumentRef-")):
                return False
            expect_id, after_with = False, False
        elif tok == ")":
            depth -= 1
            if depth < 0:
                return False
        elif tok in ("AND", "OR"):
            expect_id = True
        elif tok == "WITH":
            expect_id, after_with = True, True
        else:
            return False
    return bool(tokens) and not expect_id and depth == 0

from ...engine.diagnostic import Category, FixAvailability, Severity
from ...engine.rule import Inputs, Scope
from ..support.labels import SchemaLabelRule


class LabelInvalidSpdx(SchemaLabelRule):
    """A `spdx` label of the label schema is not a valid SPDX license expression.

    ## What it does
    With a `label-schema` giving a label the type `spdx`, flags values of that label that are
    not an SPDX license identifier or expression. Values holding variables are not judged. Does nothing without a schema.

    Stages: all: every `LABEL` of the file (`ONBUILD LABEL` too).

    ## Why is this bad?
    Tools reading the label expect that format; a malformed value breaks them silently.

    ## Example
    ```toml
    label-schema = { "org.example.label" = "spdx" }
    ```
    ```dockerfile
    LABEL org.example.label="Apache 2"
    ```

    Use instead:
    ```dockerfile
    LABEL org.example.label="Apache-2.0"
    ```

    ## Options
    - `label-schema`

    ## References
    - hadolint DL3054
    """

    code = "DL3054"
    inputs = Inputs(keywords={"LABEL"}, scope=Scope.STAGE)
    name = "label-invalid-spdx"
    category = Category.MAINTAINABILITY
    severity = Severity.WARNING
    fix_availability = FixAvailability.NEVER
    message = "Label `<label>` is not a valid SPDX license expression"
    label_type = "spdx"

    def valid(self, value: str) -> bool:
        return spdx_expression_ok(value)
