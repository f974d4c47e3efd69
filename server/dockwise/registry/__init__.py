"""Opt-in, online digest pinning: resolve image tags through the registry HTTP API v2.

Importing this package never touches the network; only ``resolve_digest`` does.
"""

from .cache import DEFAULT_TTL_SECONDS, DigestCache, default_cache_path
from .client import MANIFEST_MEDIA_TYPES, resolve_digest
from .errors import RegistryError
from .reference import parse_reference, pin_reference_text

__all__ = [
    "DEFAULT_TTL_SECONDS",
    "MANIFEST_MEDIA_TYPES",
    "DigestCache",
    "RegistryError",
    "default_cache_path",
    "parse_reference",
    "pin_reference_text",
    "resolve_digest",
]
