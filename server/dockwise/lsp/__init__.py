"""The language server: a thin adapter from LSP to `dockwise.engine.check`."""
