"""The model segments every corpus file exactly as BuildKit's own parser does.

The oracle is the PyPI package `dockerfile` (BuildKit 0.12's Go parser), used only here.
It is fed only files it accepts and only valid text (it crashes on lone surrogates).
"""

from __future__ import annotations

import pytest

from dockwise.dockerfile import parse

from shared_data import corpus_dockerfiles

import dockerfile  # the BuildKit oracle (PyPI "dockerfile"), a test dependency

# Where the oracle itself cannot show what BuildKit does, each with its reason.
ORACLE_LIMITS = {
    "nul": "the oracle's Go-to-Python bridge cuts strings at a NUL character (JSON \\u0000)",
    "onbuild-heredoc": "the oracle does not expose heredocs of ONBUILD's inner instruction",
}


def oracle_view(text: str):
    out = []
    for c in dockerfile.parse_string(text):
        value = c.value
        if value == ("",) and c.cmd.upper() not in ("RUN", "CMD", "ENTRYPOINT", "SHELL", "ENV", "LABEL"):
            value = ()
        out.append((c.cmd.upper(), c.sub_cmd.upper() if c.sub_cmd else None, c.json, c.start_line,
                    c.end_line, tuple(c.flags), tuple(value),
                    tuple((h.name, h.content) for h in c.heredocs)))
    return out


def model_view(text: str):
    df = parse(text)
    src = df.source
    out = []
    for ins in df.instructions:
        target = ins.sub if ins.keyword == "ONBUILD" and ins.sub is not None else ins
        value = tuple(v.split("\x00")[0] for v in target.args)  # ORACLE_LIMITS["nul"]
        if target.keyword in ("ENV", "LABEL"):
            # the oracle's wrapper leaves out BuildKit's separator node ("=" or "")
            value = tuple(v for k, v in enumerate(value) if k % 3 != 2)
        flags = tuple("--" + f.name + ("" if f.value is None else "=" + f.value) for f in target.flags)
        out.append((ins.keyword, ins.sub.keyword if ins.sub is not None and ins.keyword == "ONBUILD" else None,
                    target.json, src.line_of(ins.head) + 1, src.line_of(ins.tail) + 1, flags, value,
                    () if ins.keyword == "ONBUILD" else  # ORACLE_LIMITS["onbuild-heredoc"]
                    tuple((h.name, h.content) for h in ins.heredocs)))
    return out


def compare(text: str) -> None:
    try:
        expected = oracle_view(text)
    except dockerfile.GoParseError:
        return  # BuildKit rejects the file: nothing to compare (the model still must not raise)
    got = model_view(text)
    assert len(got) == len(expected), f"instruction count {len(got)} != {len(expected)}"
    for g, e in zip(got, expected):
        assert g == e


@pytest.mark.parametrize("path", corpus_dockerfiles(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_file_matches_buildkit(path):
    text = path.read_bytes().decode("utf-8", errors="replace")
    compare(text)


EDGE_CASES = [
    "FROM a AS b\r\nRUN <<EOF cat <<-\"E2\"\r\necho hi\r\nEOF\n\t\tx\n\tE2\n",
    "RUN <<'EOF'\nx\nEOF\n",
    "RUN cat <<EOF1 <<EOF2\na\nEOF1\nb\nEOF2\n",
    "COPY <<EOF /x\nhello\nEOF\n",
    "RUN 2<<EOF cat\nx\nEOF\n",
    "RUN cat << EOF\nx\nEOF\n",
    "RUN echo \"<<EOF\"\nx\n",
    "RUN [\"cat\", \"<<EOF\"]\nx\n",
    "ONBUILD RUN <<EOF\nx\nEOF\n",
    "RUN <<E\"O\"F\nx\nEOF\nEOF\n",
    "\\\nFROM x\n",
    "RUN a \\\n  # c\n\n  b\n",
    "FROM a\nRUN <<EOF\nx\nEOF\n# comment\nRUN b\n",
    "\ufeffFROM a\nRUN b",
    "FROM a\nRUN b \\",
    "FROM a\nRUN b \\\n\n\n",
    "# escape=`\nFROM a\nRUN a `\n  b\n",
    "# syntax=x\n# escape=`\nFROM a\nRUN dir c:\\\n",
    "# comment\n# escape=`\nFROM a\nRUN a \\\n b\n",
    "FROM a\nHEALTHCHECK NONE\nHEALTHCHECK --interval=5s --retries=3 CMD curl -f x || exit 1\n",
    "FROM a\nCMD [\"a\",]\nCMD [\"a\"] x\nENTRYPOINT  [ \"a\" , \"b\" ]  \n",
    "FROM a\nENV A=\"x y\" B='z' C=d\\ e\nLABEL a b c\nARG X Y=1 Z=\"q r\"\n",
    "FROM a\nCOPY --chown=1:1 --chmod=755 [\"a b\", \"c\"]\nADD --checksum=sha256:abc http://x /y\n",
    "FROM a\nRUN --mount=type=cache,target=/root/.cache \"--network=none\" echo\nRUN -- echo\n",
    "from a as b\nrun echo\nexpose 80/tcp 443\nvolume /a /b\nuser 1000:1000\nworkdir /x\nstopsignal SIGTERM\nmaintainer me\nshell [\"/bin/bash\", \"-c\"]\n",
    "FROM a\nFOO bar\nRUN x\n",
    "FROM a\n   RUN   x   \n\t\tCMD y\n",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_case_matches_buildkit(text):
    compare(text)
