"""Rule family table: buildkit (a literal tuple; the registry joins the tables)."""

RULES = (
)
