"""Rule family table: crossstage (a literal tuple; the registry joins the tables)."""

RULES = (
)
