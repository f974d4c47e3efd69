"""Rule modules, one per rule, grouped into literal family tables that the registry joins."""

from . import (table_buildkit, table_core, table_crossstage, table_dockerignore, table_hadolint_a,
               table_hadolint_b, table_images, table_security)

TABLES = (
    table_core.RULES,
    table_hadolint_a.RULES,
    table_hadolint_b.RULES,
    table_buildkit.RULES,
    table_security.RULES,
    table_crossstage.RULES,
    table_images.RULES,
    table_dockerignore.RULES,
)
