import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    # deleting only one of the two paths leaves the other world-writable
    'FROM a\nRUN chmod 777 /scratch /app && rm -rf /scratch\n',
    'FROM a\nRUN chmod 777 /app\n',
    'FROM a\nRUN chmod -R 0777 /app\n',
    'FROM a\nRUN chmod o+w /app\n',
    'FROM a\nRUN chmod a+rwx /x\n',
    'FROM a\nRUN chmod 666 /f\n',
    'FROM a\nCOPY --chmod=777 a /a\n',
    # a builder's world-writable directory that the final stage copies out
    'FROM golang:1.24 AS build\nRUN mkdir /out && chmod 777 /out && go build -o /out/app .\n'
    'FROM debian:13-slim\nCOPY --from=build /out /usr/local/bin\n',
    # minio: every program of the shipped image opened
    'FROM registry.access.redhat.com/ubi9/ubi-micro:latest\nRUN chmod -R 777 /usr/bin\n',
    # a folder below a toolchain's home is not the home
    'FROM rust:1.85\nRUN chmod -R 777 /usr/local/cargo/bin/../../bin\n',
]
PASSES = [
    # nginx's official image: a scratch directory for APT's _apt user, deleted in the same RUN
    'FROM a\nRUN tempDir="$(mktemp -d)" && chmod 777 "$tempDir" && cd "$tempDir" && make \\\n'
    '    && rm -rf "$tempDir" /etc/apt/sources.list.d/temp.list\n',
    'FROM a\nRUN chmod 755 /app\n',
    'FROM a\nRUN chmod 1777 /tmp\n',
    'FROM a\nRUN chmod +x /app\n',
    'FROM a\nRUN chmod ugo+rwx,o+t /run/x\n',
    'FROM a\nRUN chmod g+w /app\n',
    'FROM a\nRUN chmod -R go-w /app\n',
    # the official rust image opens its toolchain homes so builds under any user can use them
    'FROM debian:bookworm-slim\nENV RUSTUP_HOME=/usr/local/rustup CARGO_HOME=/usr/local/cargo\n'
    'RUN ./rustup-init -y --no-modify-path --profile minimal && rm rustup-init \\\n'
    '    && chmod -R a+w $RUSTUP_HOME $CARGO_HOME\n',
    # text-generation-inference: rustup into /root, opened for the non-root build user
    "FROM nvidia/cuda:12.8.0-devel-ubuntu24.04 AS builder\nENV PATH=\"/root/.cargo/bin:$PATH\"\n"
    "RUN curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y && \\\n"
    "    chmod -R a+w /root/.rustup && chmod -R a+w /root/.cargo\n",
    # tonistiigi/fsutil: a benchmark stage that is not shipped, nothing copied out of /go/pkg
    'FROM golang:1.24-alpine AS base\nFROM base AS bench-noroot\nRUN mkdir -p /go/pkg && chmod 0777 /go/pkg\n'
    'USER 1000:1000\nRUN go test -bench=. . > /tmp/bench.log\nFROM scratch AS bench-noroot-results\n'
    'COPY --from=bench-noroot /tmp/bench.log /\nFROM base AS build\nRUN go build ./...\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW215', text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW215', text)


# LocalStack's Dockerfile.s3: a scratch folder under /tmp created by the same RUN
LOCALSTACK = ('FROM python:3.13-slim-trixie\nWORKDIR /opt/code/localstack/\n'
              'RUN chmod 777 . && \\\n    useradd -ms /bin/bash localstack && \\\n'
              '    mkdir -p /var/lib/localstack && \\\n    chmod -R 777 /var/lib/localstack && \\\n'
              '    mkdir /tmp/localstack && \\\n    chmod -R 777 /tmp/localstack && \\\n'
              '    touch /tmp/localstack/.marker\n')


def test_a_scratch_folder_under_tmp_is_asked_for_the_sticky_bit():
    from rule_harness import findings
    found = findings('DW215', LOCALSTACK)
    messages = {LOCALSTACK[d.start:d.end]: d.message for d in found}
    assert set(messages) == {"chmod 777 .", "chmod -R 777 /var/lib/localstack", "chmod -R 777 /tmp/localstack"}
    assert "use `chmod 1777`" in messages["chmod -R 777 /tmp/localstack"]
    # state and the working directory are not scratch space: the plain message
    assert "sticky" not in messages["chmod -R 777 /var/lib/localstack"] and "sticky" not in messages["chmod 777 ."]



def test_a_scratch_folder_in_an_image_where_everything_runs_as_root_is_not_reported():
    """Without `useradd`, a non-root USER or a privilege dropper, every process is root: nobody
    else's files are in the scratch folder, so the sticky bit protects nothing."""
    from rule_harness import findings
    root_only = LOCALSTACK.replace("    useradd -ms /bin/bash localstack && \\\n", "")
    assert [root_only[d.start:d.end] for d in findings('DW215', root_only)] == \
        ["chmod 777 .", "chmod -R 777 /var/lib/localstack"]
    # a later USER, or an entrypoint stepping down with gosu, brings the finding back
    for tail in ("USER 1000\n", 'ENTRYPOINT ["gosu", "app", "server"]\n'):
        assert "chmod -R 777 /tmp/localstack" in [(root_only + tail)[d.start:d.end]
                                                    for d in findings('DW215', root_only + tail)]

@pytest.mark.parametrize("text", [
    # /tmp/cache was not created by this RUN: it may hold files an earlier step put there
    'FROM debian:bookworm\nRUN chmod -R 777 /tmp/cache\n',
    # created here but not under /tmp
    'FROM debian:bookworm\nRUN mkdir -p /srv/uploads && chmod 777 /srv/uploads\n',
])
def test_other_folders_keep_the_plain_message(text):
    from rule_harness import findings
    found = findings('DW215', text)
    assert len(found) == 1 and "sticky" not in found[0].message


def test_the_sticky_mode_it_suggests_is_not_reported():
    assert_passes('DW215', 'FROM debian:bookworm\nRUN mkdir /tmp/localstack && chmod -R 1777 /tmp/localstack\n')
