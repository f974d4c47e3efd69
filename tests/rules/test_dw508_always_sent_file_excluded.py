import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = ["Dockerfile\n", ".dockerignore\n", "/Dockerfile\n", "./.dockerignore\n"]
PASSES = ["Dockerfile.*\n", "**/Dockerfile\n", "!Dockerfile\n", "docs/Dockerfile\n", "Dockerfile*\n"]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW508", text, path=".dockerignore")


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW508", text, path=".dockerignore")


def test_dockerfile_specific_ignore_file_names_its_dockerfile():
    assert_catches("DW508", "app.Dockerfile\n", path="app.Dockerfile.dockerignore")
    assert_catches("DW508", "app.Dockerfile.dockerignore\n", path="app.Dockerfile.dockerignore")
    assert_passes("DW508", "Dockerfile\n", path="app.Dockerfile.dockerignore")
