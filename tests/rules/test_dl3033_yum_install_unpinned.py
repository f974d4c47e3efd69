import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM centos:7\nRUN yum install -y httpd\n',
    'FROM centos:7\nRUN yum install -y yum-utils\n',
    'FROM centos:7\nRUN yum module install -y nodejs\n',
]
PASSES = [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6\n',
    'FROM centos:7\nRUN yum install -y ./a.rpm\n',
    'FROM centos:7\nRUN yum install -y $PKGS\n',
    'FROM centos:7\nRUN yum module install -y nodejs:18\n',
    'FROM centos:7\nRUN yum update -y\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3033', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3033', text)
