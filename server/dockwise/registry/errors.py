"""The one error type of the registry client."""

from __future__ import annotations

import re

# What went wrong, for callers that react differently (e.g. keep going when offline).
INVALID_REFERENCE = "invalid-reference"
UNREACHABLE = "unreachable"
TIMEOUT = "timeout"
NOT_FOUND = "not-found"
DENIED = "denied"
RATE_LIMITED = "rate-limited"
BAD_RESPONSE = "bad-response"


class RegistryError(Exception):
    """A registry look-up failed; ``str(error)`` is a one-line message for the user."""

    def __init__(self, message: str, *, kind: str = BAD_RESPONSE) -> None:
        # Servers put anything in their answers: keep the message on one short line.
        message = re.sub(r"\s+", " ", message).strip()
        if len(message) > 300:
            message = message[:297] + "..."
        super().__init__(message)
        self.kind = kind
