"""The rule engine: diagnostics, fixes, the registry, suppression and the check() entry point."""
