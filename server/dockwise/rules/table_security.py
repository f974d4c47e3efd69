"""Rule family table: security (a literal tuple; the registry joins the tables)."""

RULES = (
)
