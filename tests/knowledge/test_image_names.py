"""Base-image messages name images as a user writes them in FROM, not endoflife.date ids."""

from __future__ import annotations

import re

import pytest

from dockwise.knowledge import eol
from dockwise.knowledge.image_names import image_of_product, image_reference
from rule_harness import findings


@pytest.mark.parametrize("product,cycle,expected", [
    ("nodejs", "26", "node:26"),
    ("alpine-linux", "3.24", "alpine:3.24"),
    ("go", "1.22", "golang:1.22"),
    ("postgresql", "16", "postgres:16"),
    ("amazon-corretto", "21", "amazoncorretto:21"),
    ("rocky-linux", "9", "rockylinux:9"),
    ("debian", "12", "debian:12"),
])
def test_image_reference(product, cycle, expected):
    assert image_reference(product, cycle) == expected


def test_every_mapped_product_names_its_image():
    for image, product in eol.IMAGE_PRODUCTS.items():
        assert image_of_product(product) == image


@pytest.mark.parametrize("dockerfile,current,move", [
    ("FROM node:16-alpine3.15\n", "node:16", "node:"),
    ("FROM node:16-alpine3.15\n", "alpine:3.15", "alpine:3."),
    ("FROM golang:1.19\n", "golang:1.19", "golang:1."),
])
def test_dw150_messages_name_images(dockerfile, current, move):
    messages = [d.message for d in findings("DW150", dockerfile)]
    assert any(m.startswith(f"`{current}` reached its end of life") and f"move to `{move}" in m for m in messages), messages
    assert not any(re.search(r"\b(nodejs|alpine-linux|go) \d", m) for m in messages)


def test_hover_names_images_too():
    import datetime as dt
    from dockwise.lsp.hover import _eol_line
    info = eol.eol_info("node", "16-alpine3.15", dt.date(2026, 1, 1))
    assert _eol_line(info).startswith("- `node:16`: **end of life**") and "newest supported: `node:" in _eol_line(info)
    assert _eol_line(info.distro).startswith("- `alpine:3.15`: **end of life**")
