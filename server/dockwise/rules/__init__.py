"""Rule modules, one per rule; `registry` lists them all (and imports one only when asked)."""
