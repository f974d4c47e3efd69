import pytest

from rule_harness import assert_catches, assert_passes, findings, fixed

CATCHES = [
    # typos of real flags
    'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --frm=build /out/app /app\n',
    'FROM golang:1.22\nRUN --mnt=type=cache,target=/root/.cache/go-build go build ./...\n',
    'FROM --platfrom=linux/amd64 alpine:3.20\n',
    'FROM alpine:3.20\nADD --chwon=app:app app.tar.gz /srv/\n',
    'FROM alpine:3.20\nHEALTHCHECK --interval=30s --timout=3s CMD wget -q -O- localhost/health\n',
    # flag names are case-sensitive
    'FROM node:20 AS deps\nFROM node:20-slim\nCOPY --FROM=deps /app/node_modules ./node_modules\n',
    # a flag of another instruction
    'FROM node:20 AS deps\nFROM node:20-slim\nADD --from=deps /app/node_modules ./node_modules\n',
    'FROM alpine:3.20\nCOPY --checksum=sha256:abc app.tar.gz /srv/\n',
    # instructions that take no flags
    'FROM alpine:3.20\nWORKDIR --mode=0755 /app\n',
    # inside ONBUILD
    'FROM node:20\nONBUILD COPY --frm=deps . .\n',
    # removed/never-existing flags
    'FROM alpine:3.20\nCOPY --user=app . /app\n',
]
PASSES = [
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n'
    'RUN --mount=type=cache,target=/go/pkg/mod --network=none go build ./...\n'
    'FROM alpine:3.20\nCOPY --from=build --chown=app:app --chmod=0755 --link /out/app /app\n',
    'FROM alpine:3.20\nCOPY --parents --exclude=*.md ./docs/ /srv/\n',
    'FROM alpine:3.20\nADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.14 /src\n'
    'ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d --unpack=true '
    'https://example.com/a.tar.gz /a\n',
    'FROM alpine:3.20\nHEALTHCHECK --interval=30s --timeout=3s --start-period=5s --start-interval=1s --retries=3 '
    'CMD true\n',
    'FROM alpine:3.20\nRUN --security=insecure --network=host echo hi\n',
    # arguments that look like flags but are not leading flags
    'FROM alpine:3.20\nRUN apk add --no-cache curl\nCMD ["app", "--port=8080"]\n',
    # unknown instructions are DW400's
    'FROM alpine:3.20\nRUNN --mnt=x echo\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW426', text, count=1)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW426', text)


FIXES = [
    ('FROM golang:1.22 AS build\nFROM alpine\nCOPY --frm=build /a /a\n',
     'FROM golang:1.22 AS build\nFROM alpine\nCOPY --from=build /a /a\n'),
    ('FROM golang:1.22\nRUN --mnt=type=cache,target=/root/.cache go build\n',
     'FROM golang:1.22\nRUN --mount=type=cache,target=/root/.cache go build\n'),
    ('FROM --platfrom=linux/arm64 alpine\n', 'FROM --platform=linux/arm64 alpine\n'),
    ('FROM alpine\nCOPY --FROM=x a b\n', 'FROM alpine\nCOPY --from=x a b\n'),
]


@pytest.mark.parametrize(("before", "after"), FIXES)
def test_fix(before, after):
    assert fixed('DW426', before, unsafe=False) == after


def test_did_you_mean_names_the_flag():
    [d] = findings('DW426', 'FROM alpine\nCOPY --frm=build /a /a\n')
    assert "did you mean `--from`?" in d.message


def test_flag_of_another_instruction_has_no_fix():
    [d] = findings('DW426', 'FROM alpine\nADD --from=build /a /a\n')
    assert "flag of COPY" in d.message and d.fix is None


def test_quoted_flag_name_is_not_rewritten():
    # the flag's text is not its name as written: no edit that could miss
    [d] = findings('DW426', 'FROM alpine\nCOPY --fr"m"=build /a /a\n')
    assert d.fix is None
