"""Image references for endoflife.date products: messages name the image a user writes in
`FROM` (`node:26`, `alpine:3.24`), not the table's product id (`nodejs`, `alpine-linux`)."""

from __future__ import annotations


def image_of_product(product: str) -> str:
    """The official image that ships an endoflife.date product (`node` for `nodejs`); a
    product no image is mapped to keeps its own name."""
    from .eol import IMAGE_PRODUCTS
    return next((image for image, p in IMAGE_PRODUCTS.items() if p == product), product)


def image_reference(product: str, cycle: str) -> str:
    """`node:26` for the release cycle `26` of `nodejs`."""
    return f"{image_of_product(product)}:{cycle}"
