"""The pygls workarounds (dockwise/lsp/pygls_compat.py) name the versions they were written for;
a different pygls or lsprotocol in the test environment fails here, so that an upgrade re-reads
each workaround (they reach into pygls internals) instead of carrying it on unread."""

from importlib.metadata import version

from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from dockwise.lsp import pygls_compat


def test_the_workarounds_were_written_for_the_installed_pygls():
    installed = {name: version(name) for name in pygls_compat.TESTED_WITH}
    assert installed == pygls_compat.TESTED_WITH, (
        "pygls or lsprotocol changed: re-read each workaround in dockwise/lsp/pygls_compat.py, "
        "drop those no longer needed, then update TESTED_WITH")


def test_each_override_of_pygls_names_the_version_it_targets():
    """Every pygls method the module overrides says, in its docstring or its class's, which
    pygls it works around."""
    wanted = f"pygls {pygls_compat.TESTED_WITH['pygls']}"
    bases = {pygls_compat.Protocol: LanguageServerProtocol, pygls_compat.Server: LanguageServer,
             pygls_compat._Writer: StdoutWriter}
    unexplained = []
    for cls, base in bases.items():
        assert wanted in (cls.__doc__ or ""), cls.__name__
        overrides = [name for name, member in vars(cls).items()
                     if callable(member) and hasattr(base, name) and not name.startswith("__")]
        assert overrides, cls.__name__
        for name in overrides:
            doc = getattr(cls, name).__doc__ or ""
            if wanted not in doc and name not in pygls_compat.__doc__:
                unexplained.append(f"{cls.__name__}.{name}")
    assert unexplained == []
