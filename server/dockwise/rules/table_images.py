"""Rule family table: images (a literal tuple; the registry joins the tables)."""

RULES = (
)
