import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM a\nCOPY .env /app/\n',
    'FROM a\nCOPY id_rsa /root/.ssh/\n',
    'FROM a\nCOPY server.key /etc/ssl/\n',
    'FROM a\nCOPY .npmrc .\n',
    'FROM a\nADD .aws/credentials /root/.aws/\n',
    'FROM a\nCOPY .docker/config.json /root/.docker/\n',
    'FROM a\nCOPY certs/tls.pem /x\n',
    'FROM a\nCOPY .ssh /root/.ssh\n',
]
PASSES = [
    'FROM a\nCOPY .env.example /app/\n',
    'FROM a\nCOPY id_rsa.pub /root/.ssh/\n',
    'FROM a\nCOPY ca.pem /etc/ssl/\n',
    'FROM a\nCOPY --from=build /app/.env /x\n',
    'FROM a\nCOPY repo.gpg.key /usr/share/keyrings/\n',
    'FROM a\nCOPY jenkins.key /war/key.pub\n',
    'FROM a\nCOPY app.py /app/\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW218', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW218', text)
