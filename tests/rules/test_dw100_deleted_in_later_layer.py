import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DW100"
CATCHES = [
    'FROM debian:bookworm-slim\nRUN curl -o /tmp/x.tgz https://x\nRUN rm /tmp/x.tgz\n',
    'FROM debian:bookworm-slim\nCOPY apprise.deb /tmp/\nRUN dpkg -i /tmp/apprise.deb && rm /tmp/apprise.deb\n',
    # a package copied out of a builder stage stays in the shipped layer
    'FROM debian AS b\nRUN make deb\nFROM debian\nCOPY --from=b /out/libheif1.deb /tmp/\n'
    'RUN apt-get install -y /tmp/libheif1.deb && rm /tmp/libheif1.deb\n',
    # a directory copied in: its size is unknown
    'FROM debian:bookworm-slim\nCOPY vendor/ /tmp/vendor/\nRUN cp -r /tmp/vendor/* /opt/ && rm -rf /tmp/vendor\n',
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y x\nRUN rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:bookworm-slim\nRUN apt-get install -y gcc\nRUN apt-get purge -y gcc\n',
    'FROM alpine\nRUN apk add --virtual .b gcc\nRUN apk del .b\n',
    'FROM debian:bookworm-slim\nWORKDIR /src\nRUN git clone https://x/y.git repo\nRUN rm -rf /src/repo/.git\n',
]
PASSES = [
    'FROM debian:bookworm-slim\nRUN curl -o /tmp/x.tgz https://x && rm /tmp/x.tgz\n',
    'FROM debian AS b\nRUN curl -o /tmp/x https://x\nRUN rm /tmp/x\nFROM debian\nCOPY --from=b /opt /opt\n',
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y x\nRUN apt-get update && apt-get install -y y && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian:bookworm-slim\nCOPY bin /usr/local/bin\nRUN rm /usr/local/bin/other\n',
    'FROM debian:bookworm-slim\nRUN curl -o x https://x\nRUN cd /y && rm x\n',
    # helper scripts and config files copied in by name: deleting them late leaves kilobytes
    'FROM mcr.microsoft.com/devcontainers/base:trixie\nCOPY ./scripts/install-subversion.sh /tmp/install-subversion.sh\n'
    'RUN chmod +x /tmp/install-subversion.sh && /tmp/install-subversion.sh && rm -rf /tmp/install-subversion.sh\n',
    'FROM debian:bookworm-slim\nCOPY library-scripts/common-debian.sh /tmp/library-scripts/\n'
    'RUN bash /tmp/library-scripts/common-debian.sh && rm -rf /tmp/library-scripts\n',
    'FROM continuumio/anaconda3\nCOPY environment.yml* noop.txt /tmp/conda-tmp/\n'
    'RUN if [ -f /tmp/conda-tmp/environment.yml ]; then conda env update -f /tmp/conda-tmp/environment.yml; fi\n'
    'RUN rm -rf /tmp/conda-tmp\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)


def test_related_points_at_the_earlier_layer():
    from rule_harness import findings
    text = "FROM x\nRUN curl -o /tmp/x https://x\nRUN rm /tmp/x\n"
    d = findings(CODE, text)[0]
    assert text[d.start:d.end] == "rm /tmp/x"
    assert text[d.related[0].start:d.related[0].end] == "RUN curl -o /tmp/x https://x"


def test_a_script_deleted_with_an_archive_names_the_archive():
    from rule_harness import findings
    text = ("FROM debian:bookworm-slim\nCOPY install.sh /tmp/\nRUN curl -fsSL -o /tmp/tool.tgz https://x/tool.tgz\n"
            "RUN sh /tmp/install.sh && rm /tmp/install.sh /tmp/tool.tgz\n")
    [d] = findings(CODE, text)
    assert "`/tmp/tool.tgz` was added by an earlier layer" in d.message
