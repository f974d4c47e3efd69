"""Official-image tag knowledge: normalize, exists, aliases, pin, floating kind, variants.

Assertions use patterns rather than exact patch versions where the answer changes with each
index refresh, so regenerating the shipped table does not break them.
"""

from __future__ import annotations

import re

import pytest

from dockwise.knowledge import images


@pytest.mark.parametrize(
    "repo, expected",
    [
        ("python", "python"),
        ("library/python", "python"),
        ("docker.io/library/python", "python"),
        ("index.docker.io/library/python", "python"),
        ("docker.io/python", "python"),
        ("python:3.12-slim", "python"),
        ("python@sha256:" + "0" * 64, "python"),
        ("ghcr.io/library/python", None),
        ("quay.io/python", None),
        ("localhost:5000/python", None),
        ("bitnami/python", None),
        ("docker.io/bitnami/python", None),
        ("not-an-official-image", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize(repo, expected):
    assert images.normalize(repo) == expected


def test_index_records_its_source():
    source = images.index_source()
    assert source["repo"] == "docker-library/official-images"
    assert re.fullmatch(r"[0-9a-f]{40}", source["commit"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", source["date"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", source["generated"])
    assert {"python", "node", "golang", "ubuntu", "debian", "alpine"} <= set(images.known_images())


@pytest.mark.parametrize(
    "image, tag, exists",
    [
        ("python", "3.12-slim", True),
        ("python", "latest", True),
        ("python", None, True),
        ("docker.io/library/python", "3.12", True),
        ("python", "3.21-slim", False),
        ("python", "3.12-slim-nosuchdistro", False),
        ("nosuchimage", "latest", False),
    ],
)
def test_tag_exists(image, tag, exists):
    assert images.tag_exists(image, tag) is exists


def test_aliases_are_the_same_build():
    assert "3.12-slim" in images.aliases("python", "3.12-slim-trixie")
    assert any(re.fullmatch(r"3\.12\.\d+-slim", t) for t in images.aliases("python", "3.12-slim"))
    # latest is a multi-platform SharedTag: its aliases are the other SharedTags of that list.
    latest_aliases = images.aliases("python", "latest")
    assert "3" in latest_aliases
    assert "latest" not in latest_aliases
    assert images.aliases("python", "3.21-slim") == ()


def test_linux_aliases_look_through_shared_tags():
    assert any(t.endswith("-trixie") or t.endswith("-bookworm") for t in images.linux_aliases("python", "3.12"))
    assert not any("windowsservercore" in t for t in images.linux_aliases("python", "3.12"))


@pytest.mark.parametrize(
    "image, tag, pattern",
    [
        ("python", "latest", r"3\.\d+\.\d+"),
        ("python", None, r"3\.\d+\.\d+"),
        ("python", "3", r"3\.\d+\.\d+"),
        ("python", "3.12", r"3\.12\.\d+"),
        ("python", "3.12-slim", r"3\.12\.\d+-slim"),
        ("python", "3.12-slim-bookworm", r"3\.12\.\d+-slim-bookworm"),
        ("python", "3.12-alpine", r"3\.12\.\d+-alpine"),
        ("node", "lts-alpine", r"\d+\.\d+\.\d+-alpine"),
        ("node", "lts", r"\d+\.\d+\.\d+"),
        ("golang", "1-alpine", r"1\.\d+\.\d+-alpine"),
        # Distributions: the dated snapshot is the most specific tag the data offers.
        ("ubuntu", "latest", r"[a-z]+-\d{8}(\.\d+)?"),
        ("ubuntu", "24.04", r"noble-\d{8}(\.\d+)?"),
        ("debian", "bookworm-slim", r"bookworm-\d{8}-slim"),
        ("alpine", "latest", r"3\.\d+\.\d+"),
    ],
)
def test_pin(image, tag, pattern):
    pinned = images.pin(image, tag)
    assert pinned is not None and re.fullmatch(pattern, pinned), pinned
    assert images.tag_exists(image, pinned)
    assert images.pin(image, pinned) is None  # a pinned tag is concrete


def test_pin_matches_what_latest_aliases():
    pinned = images.pin("python", "latest")
    assert pinned in images.aliases("python", "latest")
    assert images.pin("python", None) == pinned
    assert images.pin("node", "lts-alpine") in images.aliases("node", "lts-alpine")


@pytest.mark.parametrize("tag", ["3.21-slim", "no-such-tag"])
def test_pin_unknown_tag(tag):
    assert images.pin("python", tag) is None


def test_pin_concrete_tag_is_none():
    concrete = images.pin("python", "3.12-slim")
    assert images.pin("python", concrete) is None
    assert not images.is_floating("python", concrete)
    assert images.floating_kind("python", concrete) is None


@pytest.mark.parametrize(
    "image, tag, kind",
    [
        ("python", "latest", "major"),
        ("python", None, "major"),
        ("python", "slim", "major"),
        ("python", "trixie", "major"),
        ("node", "lts", "major"),
        ("node", "lts-alpine", "major"),
        ("node", "alpine", "major"),
        ("python", "3", "minor"),
        ("python", "3-slim", "minor"),
        ("golang", "1", "minor"),
        ("debian", "bookworm", "minor"),
        ("python", "3.12", "patch"),
        ("python", "3.12-slim", "patch"),
        ("ubuntu", "24.04", "build"),
        ("ubuntu", "noble", "build"),
    ],
)
def test_floating_kind(image, tag, kind):
    assert images.floating_kind(image, tag) == kind
    assert images.is_floating(image, tag)


def test_node_codename_pins_a_release_line():
    codenamed = [t for t in ("jod", "krypton", "iron") if images.tag_exists("node", t)]
    assert codenamed
    for tag in codenamed:
        assert images.floating_kind("node", tag) == "minor"


def test_unknown_tag_is_not_reported_floating():
    assert images.floating_kind("python", "3.21-slim") is None
    assert images.is_floating("python", "3.21-slim") is False


@pytest.mark.parametrize(
    "image, tag, version",
    [
        ("python", "3-slim", r"3\.\d+\.\d+"),
        ("python", "3.12-slim", r"3\.12\.\d+"),
        ("python", "latest", r"3\.\d+\.\d+"),
        ("ubuntu", "latest", r"\d\d\.\d\d"),
        ("debian", "bookworm", r"12\.\d+"),
        ("eclipse-temurin", "21", r"21\.[\d._]+"),
    ],
)
def test_version_of(image, tag, version):
    assert re.fullmatch(version, images.version_of(image, tag) or "")


def test_version_of_latest_matches_major_tag():
    # python:3-slim and python:slim name the same build today.
    assert images.version_of("python", "3-slim") == images.version_of("python", "slim")
    assert images.version_of("python", "3.21-slim") is None


@pytest.mark.parametrize(
    "image, tag, expected",
    [
        ("python", "3.12", ("3.12-alpine", "3.12-slim")),
        ("python", "latest", ("alpine", "slim")),
        ("python", "3.12-slim", ("3.12-alpine",)),
        ("python", "3.12-alpine", ()),
        ("python", "3.12-bookworm", ("3.12-alpine", "3.12-slim-bookworm")),
        ("golang", "1", ("1-alpine",)),
        ("node", "lts", ("lts-alpine", "lts-slim")),
        ("eclipse-temurin", "21-jre", ("21-jre-alpine",)),
        ("debian", "bookworm", ("bookworm-slim",)),
    ],
)
def test_variants(image, tag, expected):
    assert images.variants(image, tag) == expected
    assert images.is_minimal(image, tag) is (expected == ())


def test_variants_of_node_and_golang_versions():
    # Whatever majors the index holds, node offers alpine and slim, golang alpine.
    node_major = images.version_of("node", "lts").split(".")[0]
    assert images.variants("node", node_major) == (f"{node_major}-alpine", f"{node_major}-slim")
    go_minor = ".".join(images.version_of("golang", "latest").split(".")[:2])
    assert images.variants("golang", go_minor) == (f"{go_minor}-alpine",)


def test_variants_never_offer_windows_or_other_versions():
    for tag in images.variants("python", "3.12"):
        assert tag.startswith("3.12-") and "windows" not in tag


def test_unknown_tag_has_no_variants():
    assert images.variants("python", "3.21-slim") == ()
    assert images.is_minimal("python", "3.21-slim") is False


@pytest.mark.parametrize(
    "tag, version, date, words",
    [
        ("3.12.14-slim-bookworm", ("3.12.14",), None, ("slim", "bookworm")),
        ("bookworm-20260803-slim", (), "20260803", ("bookworm", "slim")),
        ("resolute-20260811.1", (), "20260811.1", ("resolute",)),
        ("8u502-b07-jdk-alpine-3.24", ("8u502", "b07"), None, ("jdk", "alpine3.24")),
        ("3.15-rc-slim", ("3.15", "rc"), None, ("slim",)),
        ("lts-alpine", (), None, ("lts", "alpine")),
    ],
)
def test_parse_tag(tag, version, date, words):
    parts = images.parse_tag(tag)
    assert (parts.version, parts.date, parts.words) == (version, date, words)


def test_lookups_read_the_table_once(monkeypatch):
    """After the first lookup, lookups are dictionary reads: the shipped table is never read
    or parsed again (work done, not seconds: a loaded machine cannot make this flaky)."""
    import json
    images.pin("python", "latest")  # load once
    reads = []
    monkeypatch.setattr(json, "load", lambda *a, **k: reads.append(a) or {})
    monkeypatch.setattr(json, "loads", lambda *a, **k: reads.append(a) or {})
    for _ in range(200):
        for image in ("python", "node", "golang", "ubuntu", "debian"):
            assert images.pin(image, "latest")
            assert images.tag_exists(image, "latest")
    assert reads == []
