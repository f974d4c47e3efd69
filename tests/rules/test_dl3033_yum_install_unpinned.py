import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM centos:7\nRUN yum install -y httpd\n',
    'FROM centos:7\nRUN yum install -y yum-utils\n',
    'FROM centos:7\nRUN yum module install -y nodejs\n',
    # hadolint's spec cases
    'FROM centos:7\nRUN yum install -y tomcat && yum clean all\n',
    'FROM centos:7\nONBUILD RUN yum install -y tomcat && yum clean all\n',
    'FROM centos:7\nRUN yum module install -y tomcat && yum clean all\n',
    'FROM centos:7\nONBUILD RUN yum module install -y tomcat && yum clean all\n',
]
PASSES = [
    'FROM centos:7\nRUN yum install -y httpd-2.4.6\n',
    'FROM centos:7\nRUN yum install -y ./a.rpm\n',
    'FROM centos:7\nRUN yum install -y $PKGS\n',
    'FROM centos:7\nRUN yum module install -y nodejs:18\n',
    'FROM centos:7\nRUN yum update -y\n',
    # hadolint's spec cases
    'FROM centos:7\nRUN yum install -y tomcat-9.2 && yum clean all\n',
    'FROM centos:7\nONBUILD RUN yum install -y tomcat-9.2 && yum clean all\n',
    'FROM centos:7\nRUN bash -c `# not even a yum command`\n',
    'FROM centos:7\nONBUILD RUN bash -c `# not even a yum command`\n',
    'FROM centos:7\nRUN yum install -y openssl-1:1.1.1k\n',
    'FROM centos:7\nONBUILD RUN yum install -y openssl-1:1.1.1k\n',
    'FROM centos:7\nRUN yum install -y rpm-sign-4.16.1.3\n',
    'FROM centos:7\nONBUILD RUN yum install -y rpm-sign-4.16.1.3\n',
    'FROM centos:7\nRUN yum install -y gcc-c++-1.1.1\n',
    'FROM centos:7\nONBUILD RUN yum install -y gcc-c++-1.1.1\n',
    'FROM centos:7\nRUN yum module install -y tomcat:9 && yum clean all\n',
    'FROM centos:7\nONBUILD RUN yum module install -y tomcat:9 && yum clean all\n',
    'FROM centos:7\nRUN yum install -y "git-core-${GIT_VER}" && yum clean all\n',
    'FROM centos:7\nONBUILD RUN yum install -y "git-core-${GIT_VER}" && yum clean all\n',
    'FROM centos:7\nRUN yum install -y "which-${WHICH_VERSION}" && yum clean all\n',
    'FROM centos:7\nONBUILD RUN yum install -y "which-${WHICH_VERSION}" && yum clean all\n',
    'FROM centos:7\nRUN yum install -y "rpm-sign-${VERSION}" && yum clean all\n',
    'FROM centos:7\nONBUILD RUN yum install -y "rpm-sign-${VERSION}" && yum clean all\n',
    'FROM centos:7\nRUN yum install -y tomcat-$VERSION && yum clean all\n',
    'FROM centos:7\nONBUILD RUN yum install -y tomcat-$VERSION && yum clean all\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3033', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3033', text)
