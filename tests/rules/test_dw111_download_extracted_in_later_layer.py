import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a\nRUN curl -fsSL -o /tmp/x.tar.gz https://e/x.tar.gz\nRUN tar -xzf /tmp/x.tar.gz\n',
    'FROM a\nRUN wget https://e/x-1.zip\nRUN unzip x-1.zip\n',
    'FROM a\nRUN curl -O https://e/p.tgz\nRUN tar xvf p.tgz\n',
    # deleting it in the extracting RUN does not take it out of the download's layer
    'FROM a\nRUN cd /tmp && wget https://e/ui.zip -O web_ui.zip\nRUN cd /tmp && unzip web_ui.zip && rm web_ui.zip\n',
    # the download's RUN deletes another file, not the archive
    'FROM a\nRUN curl -o /tmp/x.tar.gz https://e/x.tar.gz && rm /tmp/x.sha256\nRUN tar -xzf /tmp/x.tar.gz\n',
]
PASSES = [
    'FROM a\nRUN curl -fsSL -o /tmp/x.tar.gz https://e/x.tar.gz && tar -xzf /tmp/x.tar.gz\n',
    'FROM a\nRUN curl -o /tmp/x.tar.gz https://e\nFROM b\nRUN tar -xzf /tmp/x.tar.gz\n',
    'FROM a\nRUN tar -xzf /tmp/x.tar.gz\n',
    'FROM a\nRUN curl -o /tmp/x.tar.gz https://e\nRUN tar -czf /tmp/x.tar.gz /src\n',
    # brimstone/docker-consul: each RUN downloads web_ui.zip, unzips it and deletes it itself
    'FROM progrium/busybox\n'
    'RUN opkg-install curl wget unzip \\\n    && cd /tmp \\\n'
    '    && wget https://dl.bintray.com/mitchellh/consul/0.3.1_web_ui.zip \\\n       -O web_ui.zip \\\n'
    '    && unzip web_ui.zip \\\n    && mv dist /webui \\\n    && rm web_ui.zip\n\n'
    'RUN apt-get update \\\n    && cd /tmp \\\n'
    '    && wget https://dl.bintray.com/mitchellh/consul/0.3.1_web_ui.zip \\\n       -O web_ui.zip \\\n'
    '    && unzip web_ui.zip \\\n    && mv dist /webui \\\n    && rm web_ui.zip\n',
    # the extracting RUN downloads the archive again before extracting it
    'FROM a\nRUN wget -O /tmp/web_ui.zip https://e/ui.zip\nRUN wget -O /tmp/web_ui.zip https://e/ui.zip && unzip /tmp/web_ui.zip\n',
    # an earlier download deleted by its own RUN (a folder holding it) is not what a later RUN extracts
    'FROM a\nRUN mkdir /tmp/dl && curl -o /tmp/dl/x.tar.gz https://e/x.tar.gz && rm -rf /tmp/dl/\n'
    'COPY x.tar.gz /tmp/dl/x.tar.gz\nRUN tar -xzf /tmp/dl/x.tar.gz\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW111', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW111', text)
