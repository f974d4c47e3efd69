import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM node\nRUN npm install express\n',
    'FROM node\nRUN npm i -g @scope/pkg\n',
    'FROM node\nRUN npm install git+https://github.com/a/b\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN npm install express\n',
    'FROM debian:12\nONBUILD RUN npm install express\n',
    'FROM debian:12\nRUN npm install @myorg/privatepackage\n',
    'FROM debian:12\nONBUILD RUN npm install @myorg/privatepackage\n',
    'FROM debian:12\nRUN npm install express sax@0.1.1\n',
    'FROM debian:12\nONBUILD RUN npm install express sax@0.1.1\n',
    'FROM debian:12\nRUN npm install --global express\n',
    'FROM debian:12\nONBUILD RUN npm install --global express\n',
    'FROM debian:12\nRUN npm install git+ssh://git@github.com:npm/npm.git\n',
    'FROM debian:12\nONBUILD RUN npm install git+ssh://git@github.com:npm/npm.git\n',
    'FROM debian:12\nRUN npm install git+http://isaacs@github.com/npm/npm\n',
    'FROM debian:12\nONBUILD RUN npm install git+http://isaacs@github.com/npm/npm\n',
    'FROM debian:12\nRUN npm install git+https://isaacs@github.com/npm/npm.git\n',
    'FROM debian:12\nONBUILD RUN npm install git+https://isaacs@github.com/npm/npm.git\n',
    'FROM debian:12\nRUN npm install git://github.com/npm/npm.git\n',
    'FROM debian:12\nONBUILD RUN npm install git://github.com/npm/npm.git\n',
    'FROM debian:12\nRUN npm install --registry https://example.com express\n',
    'FROM debian:12\nONBUILD RUN npm install --registry https://example.com express\n',
    'FROM debian:12\nRUN npm install --registry=https://example.com express\n',
    'FROM debian:12\nONBUILD RUN npm install --registry=https://example.com express\n',
]
PASSES = [
    'FROM node\nRUN npm install\n',
    'FROM node\nRUN npm ci\n',
    'FROM node\nRUN npm install express@4\n',
    'FROM node\nRUN npm install @scope/pkg@1.2\n',
    'FROM node\nRUN npm install ./local\n',
    'FROM node\nRUN npm install a.tgz\n',
    'FROM node\nRUN npm install git+https://github.com/a/b#v1\n',
    'FROM node\nRUN npm install $PKG\n',
    'FROM node:20\nRUN npm install --omit dev --loglevel warn express@4.19.2\n',
    # hadolint's spec cases
    'FROM debian:12\nRUN npm install\n',
    'FROM debian:12\nONBUILD RUN npm install\n',
    'FROM debian:12\nRUN npm install --progress=false\n',
    'FROM debian:12\nONBUILD RUN npm install --progress=false\n',
    'FROM debian:12\nRUN npm install express@4.1.1\n',
    'FROM debian:12\nONBUILD RUN npm install express@4.1.1\n',
    'FROM debian:12\nRUN npm install @myorg/privatepackage@">=0.1.0"\n',
    'FROM debian:12\nONBUILD RUN npm install @myorg/privatepackage@">=0.1.0"\n',
    'FROM debian:12\nRUN npm install express@"4.1.1" sax@0.1.1\n',
    'FROM debian:12\nONBUILD RUN npm install express@"4.1.1" sax@0.1.1\n',
    'FROM debian:12\nRUN npm install --global express@"4.1.1"\n',
    'FROM debian:12\nONBUILD RUN npm install --global express@"4.1.1"\n',
    'FROM debian:12\nRUN npm install -g express@"4.1.1"\n',
    'FROM debian:12\nONBUILD RUN npm install -g express@"4.1.1"\n',
    'FROM debian:12\nRUN npm install package-v1.2.3.tar\n',
    'FROM debian:12\nONBUILD RUN npm install package-v1.2.3.tar\n',
    'FROM debian:12\nRUN npm install package-v1.2.3.tar.gz\n',
    'FROM debian:12\nONBUILD RUN npm install package-v1.2.3.tar.gz\n',
    'FROM debian:12\nRUN npm install package-v1.2.3.tgz\n',
    'FROM debian:12\nONBUILD RUN npm install package-v1.2.3.tgz\n',
    'FROM debian:12\nRUN npm install /folder\n',
    'FROM debian:12\nONBUILD RUN npm install /folder\n',
    'FROM debian:12\nRUN npm install ./folder\n',
    'FROM debian:12\nONBUILD RUN npm install ./folder\n',
    'FROM debian:12\nRUN npm install ../folder\n',
    'FROM debian:12\nONBUILD RUN npm install ../folder\n',
    'FROM debian:12\nRUN npm install ~/folder\n',
    'FROM debian:12\nONBUILD RUN npm install ~/folder\n',
    'FROM debian:12\nRUN npm install git+ssh://git@github.com:npm/npm.git#v1.0.27\n',
    'FROM debian:12\nONBUILD RUN npm install git+ssh://git@github.com:npm/npm.git#v1.0.27\n',
    'FROM debian:12\nRUN npm install git+http://isaacs@github.com/npm/npm#semver:^5.0\n',
    'FROM debian:12\nONBUILD RUN npm install git+http://isaacs@github.com/npm/npm#semver:^5.0\n',
    'FROM debian:12\nRUN npm install git+https://isaacs@github.com/npm/npm.git#v1.0.27\n',
    'FROM debian:12\nONBUILD RUN npm install git+https://isaacs@github.com/npm/npm.git#v1.0.27\n',
    'FROM debian:12\nRUN npm install git://github.com/npm/npm.git#v1.0.27\n',
    'FROM debian:12\nONBUILD RUN npm install git://github.com/npm/npm.git#v1.0.27\n',
    'FROM debian:12\nRUN npm run --crazy install\n',
    'FROM debian:12\nONBUILD RUN npm run --crazy install\n',
    'FROM debian:12\nRUN npm install @myorg/privatepackage@">=0.1.0 <0.2.0"\n',
    'FROM debian:12\nONBUILD RUN npm install @myorg/privatepackage@">=0.1.0 <0.2.0"\n',
    'FROM debian:12\nRUN npm install --loglevel verbose sax@0.1.1\n',
    'FROM debian:12\nONBUILD RUN npm install --loglevel verbose sax@0.1.1\n',
    'FROM debian:12\nRUN npm install --registry https://example.com sax@0.1.1\n',
    'FROM debian:12\nONBUILD RUN npm install --registry https://example.com sax@0.1.1\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3016', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3016', text)
