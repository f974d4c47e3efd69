"""Files package managers and cloud tools read credentials from (`.npmrc`, `.netrc`, `pip.conf`,
`.aws/credentials`, maven's `settings.xml`…), by name and, when the build context holds them,
by content: DW222 (a credential file copied, used and deleted)."""

from __future__ import annotations

import posixpath
import re

from ...lazy_regex import lazy_compile

# base name → what it is
_BY_NAME = {
    ".npmrc": "npm credentials", ".yarnrc.yml": "yarn credentials", ".yarnrc": "yarn credentials",
    ".netrc": "netrc credentials", "_netrc": "netrc credentials",
    "pip.conf": "pip configuration", "pip.ini": "pip configuration", ".pypirc": "PyPI credentials",
    ".git-credentials": "git credentials", "auth.json": "Composer credentials",
    "settings.xml": "Maven settings", "settings-security.xml": "Maven settings",
    "nuget.config": "NuGet configuration", ".pgpass": "PostgreSQL password file",
    "credentials.toml": "Cargo credentials", "kubeconfig": "Kubernetes credentials",
    "application_default_credentials.json": "Google Cloud credentials",
    "id_rsa": "SSH key", "id_ed25519": "SSH key", "id_ecdsa": "SSH key", "id_dsa": "SSH key",
}
# (parent folder, base name) → what it is
_BY_FOLDER = {
    (".aws", "credentials"): "AWS credentials", (".gem", "credentials"): "RubyGems credentials",
    (".cargo", "credentials"): "Cargo credentials", (".docker", "config.json"): "Docker credentials",
    (".kube", "config"): "Kubernetes credentials", (".bundle", "config"): "Bundler credentials",
}
_KEY_JSON = lazy_compile(r"(?:credential|service[-_]?account|adminsdk|gcloud|gcp[-_]?key|client[-_]secret)[\w.-]*"
                         r"\.json$|^(?:[\w-]+[-_])?key\.json$", re.IGNORECASE)
_TEMPLATE = lazy_compile(r"(?:\.example|\.sample|\.template|\.tmpl|\.dist|\.default)$", re.IGNORECASE)

# What a file of each kind holds when it holds a credential (a value written out, not `${VAR}`).
_URL_PASSWORD = r"://[^/\s:@$]+:[^/\s@$]+@"
_HOLDS = {
    "npm credentials": r"(?:_authToken|_auth|_password|npmAuthToken|npmAuthIdent)\s*[=:]\s*['\"]?(?![$'\"\s])",
    "netrc credentials": r"\bpassword\s+[^\s$]",
    "pip configuration": _URL_PASSWORD + r"|\bpassword\s*[=:]\s*[^\s$]",
    "PyPI credentials": r"\bpassword\s*[=:]\s*[^\s$]",
    "git credentials": _URL_PASSWORD,
    "Composer credentials": r"\"(?:http-basic|github-oauth|gitlab-token|gitlab-oauth|bitbucket-oauth|bearer)\"",
    "Maven settings": r"<password>\s*[^<\s$]",
    "NuGet configuration": r"(?i)(?:ClearText)?Password\"\s+value=\"[^\"$%]",
    "PostgreSQL password file": r"\S",
    "AWS credentials": r"(?i)aws_secret_access_key\s*=\s*[^\s$]",
    "Docker credentials": r"\"(?:auth|identitytoken)\"\s*:\s*\"[^\"$]",
    "Kubernetes credentials": r"(?m)^\s*(?:token|client-key-data|password)\s*:\s*[^\s$]",
    "Google Cloud credentials": r"\"private_key\"|\"refresh_token\"",
    "SSH key": r"PRIVATE KEY",
}
_HOLDS["yarn credentials"] = _HOLDS["npm credentials"]
_HOLDS["Cargo credentials"] = r"\btoken\s*=\s*\"[^\"$]"
_HOLDS["RubyGems credentials"] = r":\w+:\s*\S"
_HOLDS["Bundler credentials"] = r"BUNDLE_[A-Z0-9_]+:\s*['\"]?[^\s'\"$]+:[^\s'\"$]"


def credential_kind(path: str) -> str | None:
    """What kind of credential file `path` (a COPY source or destination) is named like, or None."""
    clean = path.strip("\"'").rstrip("/")
    if not clean or "$" in clean or "://" in clean or any(c in clean for c in "*?["):
        return None
    parts = [p for p in clean.split("/") if p not in ("", ".")]
    if not parts or _TEMPLATE.search(parts[-1]):
        return None
    base = parts[-1]
    if len(parts) > 1 and (parts[-2], base) in _BY_FOLDER:
        return _BY_FOLDER[parts[-2], base]
    lowered = base.lower()
    if lowered in _BY_NAME:
        return _BY_NAME[lowered]
    if _KEY_JSON.search(base):
        return "Google Cloud credentials"
    return None


def is_template(path: str) -> bool:
    """`.npmrc.template`, `settings.xml.example`: a file to fill in, no credential itself."""
    return bool(_TEMPLATE.search(path.strip("\"'").rstrip("/")))


def holds_credential(kind: str, head: bytes) -> bool:
    """Whether the first bytes of a file of `kind` write a credential out (not a `${VAR}` that a
    build secret or argument fills in)."""
    pattern = _HOLDS.get(kind)
    if pattern is None:
        return True
    return re.search(pattern.encode(), head) is not None


def file_id(path: str) -> str:
    """The secret id for a credential file: its name without the dot, with the folder when the
    name alone says little (`.aws/credentials` → `aws_credentials`)."""
    parts = [p.lstrip(".") for p in path.strip("\"'").rstrip("/").split("/") if p not in ("", ".", "..")]
    name = parts[-1] if parts else "secret"
    if len(parts) > 1 and posixpath.splitext(name)[0].lower() in ("credentials", "config", "settings"):
        name = f"{parts[-2]}_{name}"
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("._-").lower() or "secret"
