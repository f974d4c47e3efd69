import pytest
from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM centos:7\nRUN yum install x\n',
    'FROM centos:7\nRUN yum groupinstall x\n',
    'FROM centos:7\nRUN yum localinstall a.rpm\n',
    'FROM centos:7\nRUN <<EOF\nyum install x\nEOF\n',
    # hadolint's spec cases
    'FROM centos:7\nRUN yum install httpd-2.4.24 && yum clean all\n',
    'FROM centos:7\nONBUILD RUN yum install httpd-2.4.24 && yum clean all\n',
]
PASSES = [
    'FROM centos:7\nRUN yum install -y x\n',
    'FROM centos:7\nRUN yum -qy install x\n',
    'FROM centos:7\nRUN yum install --assumeyes x\n',
    'FROM centos:7\nRUN yum update -y\n',
    'FROM centos:7\nRUN dnf install x\n',
    # hadolint's spec cases
    'FROM centos:7\nRUN yum install -y httpd-2.4.24 && yum clean all\n',
    'FROM centos:7\nONBUILD RUN yum install -y httpd-2.4.24 && yum clean all\n',
    'FROM centos:7\nRUN bash -c `# not even a yum command`\n',
    'FROM centos:7\nONBUILD RUN bash -c `# not even a yum command`\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3030', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3030', text)


def test_fix_inserts_y_after_the_subcommand():
    assert fixed("DL3030", "FROM centos:7\nRUN yum install x\n") == "FROM centos:7\nRUN yum install -y x\n"
