"""Rule family table: hadolint_b (a literal tuple; the registry joins the tables)."""

RULES = (
)
