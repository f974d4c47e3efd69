"""Rule modules, one per rule, grouped into literal family tables that the registry joins."""

from . import table_core

TABLES = (
    table_core.RULES,
)
