from __future__ import annotations

from ...engine.diagnostic import Category, Severity
from ...engine.rule import Inputs, Rule, RuleContext, Scope


class AddRemoteWithoutChecksum(Rule):
    """`ADD https://…` downloads a file without checking its checksum.

    ## What it does
    Flags `ADD` of an `http://` or `https://` URL without `--checksum=sha256:…`. Git URLs
    (`ADD https://github.com/x/y.git#v1`) are left alone.

    Stages: all (`ONBUILD ADD` too): an unchecked download in a builder stage can tamper with
    what it builds and hands over.

    ## Why is this bad?
    Whatever the server returns today goes into the image: a changed release, a compromised
    mirror or a man-in-the-middle on plain HTTP are all accepted silently, and the build is not
    reproducible. BuildKit verifies `--checksum` before using the file.

    ## Example
    ```dockerfile
    ADD https://example.com/tool-1.2.tar.gz /tmp/
    ```

    Use instead:
    ```dockerfile
    ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d \\
        https://example.com/tool-1.2.tar.gz /tmp/
    ```

    ## References
    - checkov CKV_DOCKER_4 and trivy DS005 (AVD-DS-0005) flag `ADD` in general
    - https://docs.docker.com/reference/dockerfile/#add---checksum
    """

    code = "DW217"
    inputs = Inputs(keywords={"ADD"}, scope=Scope.STAGE)
    name = "add-remote-without-checksum"
    category = Category.SECURITY
    severity = Severity.WARNING
    message = "`ADD {url}` is not verified with `--checksum`"

    def check_instruction(self, ins, ctx: RuleContext):
        if ins.flag("checksum") is not None or len(ins.words) < 2:
            return
        for w in ins.words[:-1]:
            url = w.value.lower()
            if not url.startswith(("http://", "https://")):
                continue
            path = url.split("#", 1)[0].split("?", 1)[0]
            if path.endswith(".git") or "#" in url and ".git" in path:
                continue
            yield self.report(w.start, w.end, self.message.format(url=w.value))
