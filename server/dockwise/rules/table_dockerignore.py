"""Rule family table: dockerignore (a literal tuple; the registry joins the tables)."""

RULES = (
)
