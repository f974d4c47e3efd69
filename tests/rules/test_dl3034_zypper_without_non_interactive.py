import pytest

from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM x\nRUN zypper install curl\n',
    'FROM x\nRUN zypper rm curl\n',
    'FROM x\nRUN zypper -q in x\n',
    'FROM x\nRUN <<EOF\nzypper install x\nEOF\n',
    # hadolint's spec cases
    'FROM opensuse/leap:15.6\nRUN zypper install httpd=2.4.24 && zypper clean\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper install httpd=2.4.24 && zypper clean\n',
]
PASSES = [
    'FROM x\nRUN zypper install -y curl\n',
    'FROM x\nRUN zypper -n install curl\n',
    'FROM x\nRUN zypper --non-interactive in x\n',
    'FROM x\nRUN zypper refresh\n',
    'FROM x\nRUN ["zypper", "install", "x"]\n',
    # hadolint's spec cases
    'FROM opensuse/leap:15.6\nRUN zypper install -n httpd=2.4.24 && zypper clean\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper install -n httpd=2.4.24 && zypper clean\n',
    'FROM opensuse/leap:15.6\nRUN zypper install --non-interactive httpd=2.4.24 && zypper clean\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper install --non-interactive httpd=2.4.24 && zypper clean\n',
    'FROM opensuse/leap:15.6\nRUN zypper install -y httpd=2.4.24 && zypper clean\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper install -y httpd=2.4.24 && zypper clean\n',
    'FROM opensuse/leap:15.6\nRUN zypper install --no-confirm httpd=2.4.24 && zypper clean\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper install --no-confirm httpd=2.4.24 && zypper clean\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3034", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3034", text)


def test_fix():
    assert fixed("DL3034", 'FROM x\nRUN zypper in x\n') == 'FROM x\nRUN zypper in -y x\n'
