import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nRUN zypper install -y curl\n',
    'FROM x\nRUN zypper in -y a=1 b\n',
    # hadolint's spec cases
    'FROM opensuse/leap:15.6\nRUN zypper install -y tomcat && zypper clean\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper install -y tomcat && zypper clean\n',
]
PASSES = [
    'FROM x\nRUN zypper install -y curl=8.6\n',
    "FROM x\nRUN zypper in -y 'a>=1' ./x.rpm\n",
    'FROM x\nRUN zypper in -y $PKGS\n',
    # hadolint's spec cases
    'FROM opensuse/leap:15.6\nRUN zypper install -y tomcat=9.0.39 && zypper clean\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper install -y tomcat=9.0.39 && zypper clean\n',
    'FROM opensuse/leap:15.6\nRUN zypper install -y tomcat\\>=9.0 && zypper clean\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper install -y tomcat\\>=9.0 && zypper clean\n',
    'FROM opensuse/leap:15.6\nRUN zypper install -y tomcat\\>9.0 && zypper clean\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper install -y tomcat\\>9.0 && zypper clean\n',
    'FROM opensuse/leap:15.6\nRUN zypper install -y tomcat\\<=9.0 && zypper clean\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper install -y tomcat\\<=9.0 && zypper clean\n',
    'FROM opensuse/leap:15.6\nRUN zypper install -y tomcat\\<9.0 && zypper clean\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper install -y tomcat\\<9.0 && zypper clean\n',
    'FROM opensuse/leap:15.6\nRUN zypper install -y tomcat-9.0.39-1.rpm && zypper clean\n',
    'FROM opensuse/leap:15.6\nONBUILD RUN zypper install -y tomcat-9.0.39-1.rpm && zypper clean\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3037", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3037", text)
