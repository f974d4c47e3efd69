import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    'FROM x\nRUN go install github.com/a/b\n',
    'FROM x\nRUN go install github.com/a/b@latest\n',
    'FROM x\nRUN go get github.com/a/b\n',
    'FROM golang:1.24\nRUN go run golang.org/x/tools/cmd/stringer@latest -type=Kind\n',
    # hadolint's spec cases
    'FROM golang:1.24\nRUN go install example.com/pkg\n',
    'FROM golang:1.24\nONBUILD RUN go install example.com/pkg\n',
    'FROM golang:1.24\nRUN go install example.com/pkg@latest\n',
    'FROM golang:1.24\nONBUILD RUN go install example.com/pkg@latest\n',
    'FROM golang:1.24\nRUN go get example.com/pkg\n',
    'FROM golang:1.24\nONBUILD RUN go get example.com/pkg\n',
    'FROM golang:1.24\nRUN go get example.com/pkg@latest\n',
    'FROM golang:1.24\nONBUILD RUN go get example.com/pkg@latest\n',
    'FROM golang:1.24\nRUN go get -tool foobar@latest\n',
    'FROM golang:1.24\nONBUILD RUN go get -tool foobar@latest\n',
    'FROM golang:1.24\nRUN go run example.com/pkg\n',
    'FROM golang:1.24\nONBUILD RUN go run example.com/pkg\n',
    'FROM golang:1.24\nRUN go run example.com/pkg@latest\n',
    'FROM golang:1.24\nONBUILD RUN go run example.com/pkg@latest\n',
]
PASSES = [
    # Go 1.24's tool directive: go.mod pins what `go install tool` installs (buildkit's own Dockerfiles)
    'FROM golang:1.24\nRUN go install tool github.com/planetscale/vtprotobuf/cmd/protoc-gen-go-vtproto google.golang.org/grpc/cmd/protoc-gen-go-grpc\n',
    'FROM x\nRUN go install github.com/a/b@v1.0.0\n',
    'FROM x\nRUN go install ./...\n',
    'FROM x\nRUN go build ./cmd/x\n',
    'FROM x\nRUN go install $PKG\n',
    'FROM golang:1.24\nRUN go run mkasm.go\n',
    'FROM golang:1.24\nRUN go run golang.org/x/tools/cmd/stringer@v0.24.0 -type=Kind\n',
    # hadolint's spec cases
    # hadolint's spec says catch; differs because `foobar` has no dot in its first path element: Go
    # reserves such paths for the standard library and the main module and never fetches them
    # (`tool` is Go 1.24's meta-pattern for the tools go.mod pins)
    'FROM golang:1.24\nRUN go install tool foobar\n',
    # hadolint's spec says catch; differs because `foobar` has no dot in its first path element: Go
    # reserves such paths for the standard library and the main module and never fetches them
    # (`tool` is Go 1.24's meta-pattern for the tools go.mod pins)
    'FROM golang:1.24\nONBUILD RUN go install tool foobar\n',
    # hadolint's spec says catch; differs because `foobar` has no dot in its first path element: Go
    # reserves such paths for the standard library and the main module and never fetches them
    # (`tool` is Go 1.24's meta-pattern for the tools go.mod pins)
    'FROM golang:1.24\nRUN go install tool foobar@latest\n',
    # hadolint's spec says catch; differs because `foobar` has no dot in its first path element: Go
    # reserves such paths for the standard library and the main module and never fetches them
    # (`tool` is Go 1.24's meta-pattern for the tools go.mod pins)
    'FROM golang:1.24\nONBUILD RUN go install tool foobar@latest\n',
    # hadolint's spec says catch; differs because `foobar` has no dot in its first path element: Go
    # reserves such paths for the standard library and the main module and never fetches them
    # (`tool` is Go 1.24's meta-pattern for the tools go.mod pins)
    'FROM golang:1.24\nRUN go get -tool foobar\n',
    # hadolint's spec says catch; differs because `foobar` has no dot in its first path element: Go
    # reserves such paths for the standard library and the main module and never fetches them
    # (`tool` is Go 1.24's meta-pattern for the tools go.mod pins)
    'FROM golang:1.24\nONBUILD RUN go get -tool foobar\n',
    'FROM golang:1.24\nRUN go install example.com/pkg@v1.2.3\n',
    'FROM golang:1.24\nONBUILD RUN go install example.com/pkg@v1.2.3\n',
    'FROM golang:1.24\nRUN go install /go/app/foobar\n',
    'FROM golang:1.24\nONBUILD RUN go install /go/app/foobar\n',
    'FROM golang:1.24\nRUN go install ./app/foobar\n',
    'FROM golang:1.24\nONBUILD RUN go install ./app/foobar\n',
    'FROM golang:1.24\nRUN go install .\n',
    'FROM golang:1.24\nONBUILD RUN go install .\n',
    'FROM golang:1.24\nRUN go install tool foobar@v1.2.3\n',
    'FROM golang:1.24\nONBUILD RUN go install tool foobar@v1.2.3\n',
    'FROM golang:1.24\nRUN go get example.com/pkg@v1.2.3\n',
    'FROM golang:1.24\nONBUILD RUN go get example.com/pkg@v1.2.3\n',
    'FROM golang:1.24\nRUN go get -tool foobar@v1.2.3\n',
    'FROM golang:1.24\nONBUILD RUN go get -tool foobar@v1.2.3\n',
    'FROM golang:1.24\nRUN go run example.com/pkg@v1.2.3\n',
    'FROM golang:1.24\nONBUILD RUN go run example.com/pkg@v1.2.3\n',
    'FROM golang:1.24\nRUN go run example.com/pkg@v1.2.3 -f\n',
    'FROM golang:1.24\nONBUILD RUN go run example.com/pkg@v1.2.3 -f\n',
    'FROM golang:1.24\nRUN go run example.com/pkg@v1.2.3 -foobar\n',
    'FROM golang:1.24\nONBUILD RUN go run example.com/pkg@v1.2.3 -foobar\n',
    'FROM golang:1.24\nRUN go run example.com/pkg@v1.2.3 --foobar\n',
    'FROM golang:1.24\nONBUILD RUN go run example.com/pkg@v1.2.3 --foobar\n',
    'FROM golang:1.24\nRUN go run example.com/pkg@v1.2.3 foobar\n',
    'FROM golang:1.24\nONBUILD RUN go run example.com/pkg@v1.2.3 foobar\n',
    'FROM golang:1.24\nRUN go run example.com/pkg@v1.2.3 --foo bar\n',
    'FROM golang:1.24\nONBUILD RUN go run example.com/pkg@v1.2.3 --foo bar\n',
    'FROM golang:1.24\nRUN go run /go/app/foobar\n',
    'FROM golang:1.24\nONBUILD RUN go run /go/app/foobar\n',
    'FROM golang:1.24\nRUN go run ./app/foobar\n',
    'FROM golang:1.24\nONBUILD RUN go run ./app/foobar\n',
    'FROM golang:1.24\nRUN go run .\n',
    'FROM golang:1.24\nONBUILD RUN go run .\n',
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
