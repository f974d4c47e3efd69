"""End-of-life knowledge: runtime cycles, distro suffixes, and old tags the index no longer lists.

Dates come from the shipped table; ``today`` is fixed far enough after the EOL dates
asserted here that a table refresh does not change the verdicts.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dockwise.knowledge import eol

TODAY = dt.date(2026, 8, 22)


def test_table_records_its_source():
    source = eol.eol_source()
    assert source["repo"] == "endoflife-date/endoflife.date"
    assert re.fullmatch(r"[0-9a-f]{40}", source["commit"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", source["date"])


def test_debian_lts_reaches_the_image_ubuntu_esm_does_not():
    bookworm = eol.eol_info("debian", "bookworm", TODAY)
    assert (bookworm.standard_eol, bookworm.eol, bookworm.is_eol) == (dt.date(2026, 7, 11), dt.date(2028, 6, 30), False)
    assert bookworm.extended_in_image
    focal = eol.eol_info("ubuntu", "focal", TODAY)
    assert (focal.eol, focal.extended_eol, focal.extended_in_image, focal.is_eol) == (
        dt.date(2025, 5, 31), dt.date(2030, 4, 2), False, True)


@pytest.mark.parametrize(
    "image, tag, product, cycle, eol_date",
    [
        ("python", "3.8", "python", "3.8", dt.date(2024, 10, 7)),
        ("python", "3.8-slim", "python", "3.8", dt.date(2024, 10, 7)),
        ("node", "16", "nodejs", "16", dt.date(2023, 9, 11)),
        ("node", "16-alpine", "nodejs", "16", dt.date(2023, 9, 11)),
        ("alpine", "3.12", "alpine-linux", "3.12", dt.date(2022, 5, 1)),
        ("alpine", "3.12.4", "alpine-linux", "3.12", dt.date(2022, 5, 1)),
        ("debian", "buster", "debian", "10", dt.date(2024, 6, 30)),  # Debian LTS end
        ("debian", "buster-slim", "debian", "10", dt.date(2024, 6, 30)),  # Debian LTS end
        ("debian", "10", "debian", "10", dt.date(2024, 6, 30)),  # Debian LTS end
        ("ubuntu", "focal", "ubuntu", "20.04", dt.date(2025, 5, 31)),
        ("golang", "1.20", "go", "1.20", dt.date(2024, 2, 6)),
        ("docker.io/library/postgres", "12", "postgresql", "12", dt.date(2024, 11, 21)),
    ],
)
def test_past_eol(image, tag, product, cycle, eol_date):
    info = eol.eol_info(image, tag, TODAY)
    assert info is not None
    assert (info.product, info.cycle, info.eol) == (product, cycle, eol_date)
    assert info.is_eol and info.any_eol
    assert info.days_left == (eol_date - TODAY).days < 0
    assert info.latest_supported and info.latest_supported != cycle


def test_latest_supported_is_a_supported_cycle():
    info = eol.eol_info("python", "3.8", TODAY)
    newest = eol.eol_info("python", info.latest_supported, TODAY)
    assert newest is not None and not newest.is_eol


def test_node_upgrade_target_is_an_lts_line():
    # Node's odd majors never become LTS; the suggestion must be an even, LTS line.
    assert int(eol.eol_info("node", "16", TODAY).latest_supported) % 2 == 0


def test_runtime_fine_but_distro_suffix_eol():
    info = eol.eol_info("python", "3.12-slim-buster", TODAY)
    assert (info.product, info.cycle, info.is_eol) == ("python", "3.12", False)
    assert info.days_left > 0
    assert info.distro is not None
    assert (info.distro.product, info.distro.cycle, info.distro.is_eol) == ("debian", "10", True)
    assert info.distro.latest_supported is not None
    assert info.any_eol


@pytest.mark.parametrize(
    "image, tag, distro_product, distro_cycle",
    [
        ("python", "3.9-slim-buster", "debian", "10"),  # bullseye is in Debian LTS until 2026-08-31
        ("node", "22-alpine3.18", "alpine-linux", "3.18"),
        ("eclipse-temurin", "17-jre-focal", "ubuntu", "20.04"),
    ],
)
def test_distro_suffixes(image, tag, distro_product, distro_cycle):
    info = eol.eol_info(image, tag, TODAY)
    assert (info.distro.product, info.distro.cycle) == (distro_product, distro_cycle)
    assert info.distro.is_eol


def test_distro_read_from_aliases_when_the_tag_does_not_spell_it():
    info = eol.eol_info("python", "3.12-slim", TODAY)
    assert info.distro is not None and info.distro.product == "debian"
    alpine = eol.eol_info("python", "3.12-alpine", TODAY)
    assert alpine.distro is not None and alpine.distro.product == "alpine-linux"


def test_floating_tags_use_the_version_they_alias():
    info = eol.eol_info("python", None, TODAY)
    assert info.product == "python" and not info.is_eol
    assert info.cycle == eol.eol_info("python", "latest", TODAY).cycle
    assert eol.eol_info("python", "3", TODAY).cycle == info.cycle
    ubuntu = eol.eol_info("ubuntu", "latest", TODAY)
    assert ubuntu.product == "ubuntu" and re.fullmatch(r"\d\d\.\d\d", ubuntu.cycle)


def test_not_eol_without_an_announced_date():
    info = eol.eol_info("golang", "latest", TODAY)
    assert info.product == "go" and not info.is_eol
    if info.eol is None:
        assert info.days_left is None


def test_same_product_is_not_reported_twice():
    assert eol.eol_info("debian", "buster-slim", TODAY).distro is None
    assert eol.eol_info("ubuntu", "jammy-20240808", TODAY).distro is None


def test_image_without_product_falls_back_to_its_distro():
    info = eol.eol_info("httpd", "2.4-alpine3.12", TODAY)
    assert (info.product, info.cycle, info.is_eol) == ("alpine-linux", "3.12", True)


@pytest.mark.parametrize(
    "image, tag",
    [("ghcr.io/acme/python", "3.8"), ("bitnami/python", "3.8"), ("hello-world", "latest"), ("python", "99.1")],
)
def test_unknown(image, tag):
    assert eol.eol_info(image, tag, TODAY) is None


def test_every_mapped_product_exists_in_the_table():
    for image in eol.IMAGE_PRODUCTS:
        if image != "centos":  # no longer an official image; kept for old Dockerfiles
            assert eol.product_for_image(image) == eol.IMAGE_PRODUCTS[image], image
