import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DW202"
CATCHES = [
    'FROM a\nRUN curl -fsSL https://x | sh\n',
    'FROM a\nRUN wget -qO- https://x | sudo bash -s -- -y\n',
    'FROM a\nRUN curl https://x | tee /tmp/l | bash\n',
    'FROM a\nRUN curl -sSL https://getcomposer.org/installer | php\n',
    # the download's stderr silenced, or the download in a group: still piped into the shell
    'FROM a\nRUN curl -fsSL https://get.example.com 2>/dev/null | sh\n',
    'FROM a\nRUN { curl -fsSL https://x/a.sh; } | bash\n',
]
PASSES = [
    "FROM a\nRUN curl -s https://x | python3 -c 'import sys'\n", 'FROM a\nRUN curl -o i.sh https://x && sh i.sh\n',
    'FROM a\nRUN curl https://x | tar -xz\n', "FROM a\nRUN curl https://x | sh -c 'cat > f'\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)
