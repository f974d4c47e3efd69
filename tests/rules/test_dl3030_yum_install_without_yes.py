import pytest
from rule_harness import assert_catches, assert_passes, fixed

CATCHES = [
    'FROM centos:7\nRUN yum install x\n',
    'FROM centos:7\nRUN yum groupinstall x\n',
    'FROM centos:7\nRUN yum localinstall a.rpm\n',
    'FROM centos:7\nRUN <<EOF\nyum install x\nEOF\n',
]
PASSES = [
    'FROM centos:7\nRUN yum install -y x\n',
    'FROM centos:7\nRUN yum -qy install x\n',
    'FROM centos:7\nRUN yum install --assumeyes x\n',
    'FROM centos:7\nRUN yum update -y\n',
    'FROM centos:7\nRUN dnf install x\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3030', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3030', text)


def test_fix_inserts_y_after_the_subcommand():
    assert fixed("DL3030", "FROM centos:7\nRUN yum install x\n") == "FROM centos:7\nRUN yum install -y x\n"
