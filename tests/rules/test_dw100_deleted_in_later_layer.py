import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DW100"
CATCHES = [
    'FROM debian:bookworm-slim\nRUN curl -o /tmp/x.tgz https://x\nRUN rm /tmp/x.tgz\n',
    'FROM debian:bookworm-slim\nCOPY a.sh /tmp/\nRUN sh /tmp/a.sh && rm /tmp/a.sh\n',
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
