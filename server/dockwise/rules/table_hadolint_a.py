"""Rule family table: hadolint_a (a literal tuple; the registry joins the tables)."""

RULES = (
)
