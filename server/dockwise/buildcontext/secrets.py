"""Is a context file a secret? Decided by its name and, where the name is ambiguous, by a
bounded read of its first bytes.

Public API::

    secret_by_name(relpath, is_dir=False) -> str | None
        # the kind of secret the name suggests ("private key or certificate", …), or None
    classify(root, relpath, is_dir=False) -> SecretVerdict
        # .secret: bool, .kind: str (for messages), .reason: str (how it was decided)

Only regular files are read (never symlinks, devices or FIFOs), at most ``HEAD_BYTES`` of
each. A file of size 0 (an empty placeholder, or a file with nothing in it) cannot be judged
by content: only names that are secrets whatever they hold (SSH private keys, ``*.key``, key
stores) count then, and the reason says so. Examples and templates (``.env.example``) and
public material (``*.pub``, certificates, PGP public key blocks) are never secrets, and
neither is test material under test folders (``spec/fixtures/keys/pgp.key``).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass

from ..lazy_regex import lazy_compile

__all__ = ["HEAD_BYTES", "SecretVerdict", "classify", "secret_by_name", "read_head"]

HEAD_BYTES = 8192  # a PEM bundle may hold a key after a few certificates; .env files are small

_EXAMPLE_SUFFIXES = (".example", ".sample", ".template", ".dist", ".defaults", ".default", ".tmpl",
                     ".schema", ".pub")
_SSH_KEYS = ("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519")
_KEY_STORES = {".p12": "key store", ".pfx": "key store", ".jks": "key store", ".keystore": "key store"}
_SECRET_DIRS = {".aws": "AWS credentials", ".ssh": "SSH keys", ".gnupg": "GnuPG keys"}
_CONFIG_WITH_AUTH = {".npmrc": "npm credentials", ".pypirc": "PyPI credentials", ".netrc": "netrc credentials",
                     "_netrc": "netrc credentials", ".git-credentials": "git credentials",
                     ".htpasswd": "password file", ".yarnrc.yml": "yarn credentials"}
_CREDENTIAL_JSON = lazy_compile(r"(?:credential|service[-_]?account|adminsdk|gcp[-_]?key|client[-_]secret)",
                                re.IGNORECASE)

_MAYBE_SECRET = lazy_compile(r"env|^id_|\.(?:pem|crt|cer|key|p12|pfx|jks|keystore)$|rc$|rc\.yml$|credential|"
                             r"htpasswd|kube|^config(?:\.json)?$|json$", re.IGNORECASE)
_SECRET_DIR_PARTS = tuple(f"{d}/" for d in (".aws", ".ssh", ".gnupg"))
_PRIVATE_KEY = lazy_compile(rb"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")
_PEM_BLOCK = lazy_compile(rb"-----BEGIN ([A-Z0-9 ]+)-----")
_ASSIGNMENT = lazy_compile(rb"^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*['\"]?([^\s'\"#][^\r\n]*)",
                           re.MULTILINE)
# Words of a variable name that say its value is a secret (BuildKit's SecretsUsedInArgOrEnv
# list, plus DSN and PRIVATE); prefixes that frameworks bundle into public client code.
_SECRET_WORDS = {b"APIKEY", b"AUTH", b"CREDENTIAL", b"CREDENTIALS", b"KEY", b"PASSWORD", b"PWORD", b"PASSWD",
                 b"PASS", b"PWD", b"SECRET", b"TOKEN", b"DSN", b"PRIVATE"}
_PUBLIC_PREFIXES = (b"VITE_", b"EXPO_PUBLIC_", b"NEXT_PUBLIC_", b"REACT_APP_", b"NUXT_PUBLIC_", b"PUBLIC_",
                    b"GATSBY_", b"VUE_APP_")
_URL_PASSWORD = lazy_compile(rb"://[^/\s:@]+:[^/\s@]+@")
_NPM_AUTH = lazy_compile(rb"(?:_authToken|_auth|_password|npmAuthToken|npmAuthIdent)\s*[=:]\s*['\"]?(?!\$\{)[^\s'\"]",
                         re.IGNORECASE)
_PASSWORD = lazy_compile(rb"\bpassword\s*[=:]?\s*\S", re.IGNORECASE)
_AWS = lazy_compile(rb"aws_secret_access_key\s*=\s*\S|aws_session_token\s*=\s*\S", re.IGNORECASE)
_GCP = lazy_compile(rb"\"private_key\"\s*:\s*\"-----BEGIN")
_KUBE = lazy_compile(rb"^\s*(?:token|client-key-data|password)\s*:\s*\S", re.MULTILINE)
_DOCKER_AUTH = lazy_compile(rb"\"(?:auth|identitytoken)\"\s*:\s*\"[^\"]+\"")


@dataclass(frozen=True)
class SecretVerdict:
    secret: bool
    kind: str      # what it is, for messages ("private key", "environment file", …)
    reason: str    # how it was decided ("holds a private key block", "empty: judged by name", …)


NOT_SECRET = SecretVerdict(False, "", "")


def _is_example(name: str) -> bool:
    return name.lower().endswith(_EXAMPLE_SUFFIXES)


def secret_by_name(relpath: str, is_dir: bool = False) -> str | None:
    """The kind of secret the path's name suggests, or None. A hint only: :func:`classify`
    confirms it by content."""
    if is_dir:
        return _SECRET_DIRS.get(relpath.rstrip("/").rsplit("/", 1)[-1])
    name = relpath[relpath.rfind("/") + 1:]
    if not _MAYBE_SECRET.search(name) and not any(d in relpath for d in _SECRET_DIR_PARTS):
        return None  # most files of a context: decided without splitting the path
    parts = relpath.rstrip("/").split("/")
    if _is_example(name):
        return None
    if any(p in _SECRET_DIRS for p in parts[:-1]):
        return _SECRET_DIRS[next(p for p in parts[:-1] if p in _SECRET_DIRS)]
    if parts[-2:] == [".docker", "config.json"]:
        return "Docker credentials"
    if parts[-2:] == [".kube", "config"] or name == "kubeconfig" or name.endswith(".kubeconfig"):
        return "Kubernetes credentials"
    if name in _CONFIG_WITH_AUTH:
        return _CONFIG_WITH_AUTH[name]
    if name == ".env" or name.startswith(".env.") or name.endswith(".env"):
        return "environment file"
    if name.startswith(_SSH_KEYS):
        return "SSH key"
    if name == "credentials" or (name.endswith(".json") and _CREDENTIAL_JSON.search(name)):
        return "cloud credentials"
    ext = os.path.splitext(name)[1].lower()
    if ext in (".pem", ".crt", ".cer"):
        return "private key or certificate"
    if ext == ".key":
        return "private key"
    return _KEY_STORES.get(ext)


def read_head(root: str, relpath: str, limit: int = HEAD_BYTES) -> bytes | None:
    """The first `limit` bytes of a regular file of the context (None: not a regular file,
    or unreadable). Never follows a symlink, never blocks on a FIFO."""
    path = os.path.join(root, *relpath.split("/"))
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):
            return None
        if st.st_size == 0:
            return b""
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            return fh.read(limit)
    except OSError:
        return None


def _secret_assignment(text: bytes) -> str | None:
    """The first variable an env file gives a secret value: a name with a secret word
    (`DB_PASSWORD`, `API_TOKEN`, `SECRET_KEY`) and a literal value, or a URL with a password.
    Settings (`PORT=8080`) and public client variables (`VITE_API_URL`) are not secrets."""
    for m in _ASSIGNMENT.finditer(text):
        name, value = m.group(1), m.group(2).strip()
        if value.startswith(b"${") or value.startswith(b"$("):
            continue  # read from the environment where it runs
        if _URL_PASSWORD.search(value):
            return name.decode("ascii", "replace")
        upper = name.upper()
        if upper.startswith(_PUBLIC_PREFIXES):
            continue
        if set(re.split(rb"[_.-]", upper)) & _SECRET_WORDS:
            return name.decode("ascii", "replace")
    return None


_TEST_DIRS = frozenset({"fixtures", "__fixtures__", "testdata", "test-fixtures", "testfixtures", "test_data",
                        "spec", "test", "tests", "__tests__"})


def _test_material(relpath: str) -> bool:
    """Keys and env files under test folders (`common/spec/fixtures/keys/pgp.key`) are test
    material committed to the repository on purpose, and the test suite may need them in the
    image: neither a leak nor something to exclude."""
    return any(part.lower() in _TEST_DIRS for part in relpath.split("/")[:-1])


def classify(root: str, relpath: str, is_dir: bool = False) -> SecretVerdict:
    """Whether the context path `relpath` under `root` is a secret (see the module docstring)."""
    kind = secret_by_name(relpath, is_dir)
    if kind is None or _test_material(relpath):
        return NOT_SECRET
    if is_dir:
        return SecretVerdict(True, kind, f"a `{relpath.rsplit('/', 1)[-1]}/` directory")
    head = read_head(root, relpath)
    name = relpath.rsplit("/", 1)[-1]
    ext = os.path.splitext(name)[1].lower()
    if head is None:
        return NOT_SECRET
    if head == b"":
        # Nothing to read: only names that are secrets whatever they hold count.
        if name.startswith(_SSH_KEYS) or ext == ".key" or ext in _KEY_STORES:
            return SecretVerdict(True, kind, "empty file: judged by its name only")
        return NOT_SECRET
    if kind == "cloud credentials":
        if _AWS.search(head):
            return SecretVerdict(True, "AWS credentials", "holds aws_secret_access_key")
        if _GCP.search(head):
            return SecretVerdict(True, "GCP service-account key", "holds a private_key")
    if _PRIVATE_KEY.search(head):
        return SecretVerdict(True, "private key", "holds a private key block")
    if ext in _KEY_STORES:
        return SecretVerdict(True, kind, "a key store")
    blocks = set(_PEM_BLOCK.findall(head))
    if ext in (".pem", ".crt", ".cer", ".key") or name.startswith(_SSH_KEYS):
        if blocks:
            return NOT_SECRET  # certificates, public keys, PGP public key blocks
        if name.startswith(_SSH_KEYS) or ext == ".key":
            # not PEM: a binary (DER) key, or text we cannot place; keys are named so on purpose
            return SecretVerdict(True, kind, "a key file that is not public PEM material")
        return NOT_SECRET
    if kind == "environment file":
        found = _secret_assignment(head)
        return SecretVerdict(True, kind, f"assigns `{found}`") if found else NOT_SECRET
    if kind in ("npm credentials", "yarn credentials"):
        return SecretVerdict(True, kind, "holds an auth token") if _NPM_AUTH.search(head) else NOT_SECRET
    if kind in ("PyPI credentials", "netrc credentials"):
        return SecretVerdict(True, kind, "holds a password") if _PASSWORD.search(head) else NOT_SECRET
    if kind in ("git credentials", "password file"):
        return SecretVerdict(True, kind, "holds credentials") if head.strip() else NOT_SECRET
    if kind == "Docker credentials":
        return SecretVerdict(True, kind, "holds registry auth") if _DOCKER_AUTH.search(head) else NOT_SECRET
    if kind == "Kubernetes credentials":
        return SecretVerdict(True, kind, "holds a token or client key") if _KUBE.search(head) else NOT_SECRET
    if kind == "cloud credentials":
        return NOT_SECRET
    if kind in _SECRET_DIRS.values():
        return SecretVerdict(True, kind, "inside a credentials directory")
    return NOT_SECRET
