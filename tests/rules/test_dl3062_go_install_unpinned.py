import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nRUN go install github.com/a/b\n',
    'FROM x\nRUN go install github.com/a/b@latest\n',
    'FROM x\nRUN go get github.com/a/b\n',
]
PASSES = [
    # Go 1.24's tool directive: go.mod pins what `go install tool` installs (buildkit's own Dockerfiles)
    'FROM golang:1.24\nRUN go install tool github.com/planetscale/vtprotobuf/cmd/protoc-gen-go-vtproto google.golang.org/grpc/cmd/protoc-gen-go-grpc\n',
    'FROM x\nRUN go install github.com/a/b@v1.0.0\n',
    'FROM x\nRUN go install ./...\n',
    'FROM x\nRUN go build ./cmd/x\n',
    'FROM x\nRUN go install $PKG\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DL3062", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DL3062", text)


def test_go_install_tool_uses_the_versions_of_go_mod():
    # opentelemetry-demo: `go install tool` (Go 1.24) installs go.mod's pinned tools
    assert_passes("DL3062", "FROM golang:1.24\nRUN go install tool\n")
    assert_passes("DL3062", "FROM golang:1.24\nRUN go install std cmd/...\n")
    assert_passes("DL3062", "FROM golang:1.24\nRUN go install -tags netgo ./cmd/x\n")
