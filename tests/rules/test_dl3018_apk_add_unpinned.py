import pytest
from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM alpine\nRUN apk add curl\n',
    'FROM alpine\nRUN apk add --no-cache --virtual .deps gcc\n',
    'FROM alpine\nRUN apk add py3-${X}\n',
    # hadolint's spec cases
    'FROM alpine:3.20\nRUN apk add flex\n',
    'FROM alpine:3.20\nONBUILD RUN apk add flex\n',
    'FROM alpine:3.20\nRUN apk add --no-cache \\\nflex=2.6.4-r1 \\\nlibffi \\\npython2=2.7.13-r1 \\\nlibbz2=1.0.6-r5\n',
    'FROM alpine:3.20\nONBUILD RUN apk add --no-cache \\\nflex=2.6.4-r1 \\\nlibffi \\\npython2=2.7.13-r1 \\\nlibbz2=1.0.6-r5\n',
]
PASSES = [
    'FROM alpine\nRUN apk add curl=8.5.0-r0\n',
    'FROM alpine\nRUN apk add curl~8.5\n',
    'FROM alpine\nRUN apk add --virtual .deps gcc=13.2.1-r0\n',
    'FROM alpine\nRUN apk add ./x.apk\n',
    'FROM alpine\nRUN apk add $PKGS\n',
    'FROM alpine\nRUN apk update\n',
    # hadolint's spec cases
    'FROM alpine:3.20\nRUN apk add flex=2.6.4-r1\n',
    'FROM alpine:3.20\nONBUILD RUN apk add flex=2.6.4-r1\n',
    'FROM alpine:3.20\nRUN apk add --no-cache git~2.52.0\n',
    'FROM alpine:3.20\nONBUILD RUN apk add --no-cache git~2.52.0\n',
    'FROM alpine:3.20\nRUN apk add --no-cache flex=2.6.4-r1 \\\n && pip install -r requirements.txt\n',
    'FROM alpine:3.20\nONBUILD RUN apk add --no-cache flex=2.6.4-r1 \\\n && pip install -r requirements.txt\n',
    'FROM alpine:3.20\nRUN apk add --no-cache \\\nflex=2.6.4-r1 \\\nlibffi=3.2.1-r3 \\\npython2=2.7.13-r1 \\\nlibbz2=1.0.6-r5\n',
    'FROM alpine:3.20\nONBUILD RUN apk add --no-cache \\\nflex=2.6.4-r1 \\\nlibffi=3.2.1-r3 \\\npython2=2.7.13-r1 \\\nlibbz2=1.0.6-r5\n',
    'FROM alpine:3.20\nRUN apk add \\\n--virtual build-dependencies \\\npython-dev=1.1.1 build-base=2.2.2 wget=3.3.3 \\\n&& pip install -r requirements.txt \\\n&& python setup.py install \\\n&& apk del build-dependencies\n',
    'FROM alpine:3.20\nONBUILD RUN apk add \\\n--virtual build-dependencies \\\npython-dev=1.1.1 build-base=2.2.2 wget=3.3.3 \\\n&& pip install -r requirements.txt \\\n&& python setup.py install \\\n&& apk del build-dependencies\n',
    'FROM alpine:3.20\nRUN apk add --no-cache \\\n--repository https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0\n',
    'FROM alpine:3.20\nONBUILD RUN apk add --no-cache \\\n--repository https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0\n',
    'FROM alpine:3.20\nRUN apk add --no-cache \\\n--repository=https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0\n',
    'FROM alpine:3.20\nONBUILD RUN apk add --no-cache \\\n--repository=https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0\n',
    'FROM alpine:3.20\nRUN apk add --no-cache \\\n-X https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0\n',
    'FROM alpine:3.20\nONBUILD RUN apk add --no-cache \\\n-X https://nl.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0\n',
    'FROM alpine:3.20\nRUN apk add mypackage-1.1.1.apk\n',
    'FROM alpine:3.20\nONBUILD RUN apk add mypackage-1.1.1.apk\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DL3018', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DL3018', text)
