"""Which package-manager family a base image's distribution uses, from its name and tag alone.

Families: "apk" (Alpine), "apt" (Debian, Ubuntu), "rpm" (Fedora, RHEL/UBI, CentOS, Rocky,
Alma, Oracle Linux, Amazon Linux, Azure Linux, Photon), "zypper" (openSUSE, SUSE BCI),
"pacman" (Arch). `None` means "not known" (or no package manager at all: scratch,
distroless, busybox, Windows); rules must then stay silent.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..dockerfile.image import ImageRef
from ..lazy_regex import lazy_compile

# Docker Official Images whose default (untagged-distribution) variant is Debian or Ubuntu.
_APT_BY_DEFAULT = frozenset({
    "debian", "ubuntu", "python", "pypy", "node", "ruby", "php", "golang", "rust", "perl",
    "buildpack-deps", "gcc", "httpd", "nginx", "postgres", "redis", "mariadb", "mongo", "rabbitmq",
    "eclipse-temurin", "tomcat", "haproxy", "memcached", "julia", "erlang", "elixir", "haskell",
    "wordpress", "drupal", "nextcloud", "composer", "ibm-semeru-runtimes", "sapmachine",
})  # fmt: skip
_APK_BY_DEFAULT = frozenset({"alpine", "traefik", "caddy"})
_RPM_BY_DEFAULT = frozenset({"fedora", "centos", "rockylinux", "almalinux", "oraclelinux", "amazonlinux",
                             "amazoncorretto", "photon", "clearlinux"})
_RPM_NAMES = lazy_compile(r"(^|/)(ubi\d*(-\w+)?|ubi\d*/.*|centos|fedora|rockylinux|almalinux|cbl-mariner/base/\w+|"
                          r"azurelinux/base/\w+|amazonlinux)$")
_ZYPPER_NAMES = lazy_compile(r"^(opensuse/(leap|tumbleweed)|bci/.*|suse/.*)$")
_NO_PACKAGE_MANAGER_WORDS = ("windowsservercore", "nanoserver", "distroless", "chiseled", "scratch")
_DEBIAN_WORDS = ("debian", "jessie", "stretch", "buster", "bullseye", "bookworm", "trixie", "slim")
_UBUNTU_WORDS = ("xenial", "bionic", "focal", "jammy", "noble", "ubuntu")
_RPM_WORDS = ("ubi", "oraclelinux", "oracle", "amazonlinux", "al2", "centos", "fedora", "rockylinux",
              "azurelinux", "cbl-mariner", "mariner", "rhel", "corretto")

# The package managers of each family (a command's program name → family).
PACKAGE_MANAGERS = {
    "apk": "apk",
    "apt-get": "apt", "apt": "apt", "aptitude": "apt",
    "yum": "rpm", "dnf": "rpm", "microdnf": "rpm", "tdnf": "rpm",
    "zypper": "zypper",
    "pacman": "pacman",
}  # fmt: skip
FAMILY_DISTROS = {"apk": "Alpine", "apt": "Debian/Ubuntu", "rpm": "an RPM distribution (Fedora/RHEL/Amazon Linux)",
                  "zypper": "openSUSE/SUSE", "pacman": "Arch Linux"}
FAMILY_TOOLS = {"apk": "apk", "apt": "apt-get", "rpm": "dnf/yum/microdnf", "zypper": "zypper", "pacman": "pacman"}


def _has_word(tag: str, words) -> bool:
    parts = re.split(r"[-_.]", tag)
    return any(w in parts or any(p.startswith(w) and p[len(w):].replace(".", "").isdigit() for p in parts)
               for w in words)


@lru_cache(maxsize=4096)  # asked for every RUN of a stage; a reference (frozen) has one answer
def package_family(ref: ImageRef | None) -> str | None:
    """The package-manager family of the image `ref` names, or None when it is not known."""
    if ref is None or ref.is_scratch or ref.digest and not ref.tag:
        return None
    registry = (ref.registry or "").lower()
    name = ref.name.lower().removeprefix("library/")
    tag = (ref.tag or "latest").lower()
    if "$" in name or "$" in tag or any(w in tag or w in name for w in _NO_PACKAGE_MANAGER_WORDS):
        return None
    official = registry in ("", "docker.io", "index.docker.io", "registry-1.docker.io") and "/" not in name
    if registry in ("public.ecr.aws", "mirror.gcr.io") and name.startswith(("docker/library/", "library/")):
        name, official = name.split("/")[-1], True
    if registry == "mcr.microsoft.com" and name.startswith("dotnet/"):
        return _by_tag(tag) or "apt"  # Linux defaults are Debian (8, 9) or Ubuntu (10)
    if registry in ("registry.access.redhat.com", "registry.redhat.io") and _RPM_NAMES.search(name):
        return "rpm"
    if registry == "registry.suse.com" and _ZYPPER_NAMES.match(name):
        return "zypper"
    if registry == "mcr.microsoft.com" and _RPM_NAMES.search(name):
        return "rpm"
    if registry == "quay.io" and name in ("centos/centos", "fedora/fedora"):
        return "rpm"
    if registry in ("", "docker.io") and _ZYPPER_NAMES.match(name):
        return "zypper"
    if registry in ("", "docker.io") and re.fullmatch(r"redhat/ubi\d+(-\w+)?", name):
        return "rpm"
    # vendor images whose tags name their distribution (`12.8.0-runtime-ubuntu24.04`, `1-bookworm`)
    if (registry in ("", "docker.io") and name == "nvidia/cuda") or \
            (registry == "mcr.microsoft.com" and name.startswith(("devcontainers/", "vscode/devcontainers/"))):
        return _by_tag(tag)
    if not official:
        return None
    if name == "archlinux":
        return "pacman"
    if name in _APK_BY_DEFAULT:
        return "apk"
    if name in _RPM_BY_DEFAULT:
        return "apk" if "alpine" in tag else "rpm"
    if name in _APT_BY_DEFAULT or name in ("maven", "gradle", "openjdk", "mysql", "clojure"):
        by_tag = _by_tag(tag)
        if by_tag is not None:
            return by_tag
        if name in ("maven", "clojure"):
            return "apt" if _has_word(tag, ("temurin", "ibmjava", "sapmachine", "semeru")) else None
        if name == "gradle":  # `jdk21` is Temurin on Ubuntu; `graal` is Oracle Linux
            return "apt" if re.search(r"(^|-)jdk\d+(-|$)", tag) and "graal" not in tag else None
        if name in ("openjdk", "mysql"):
            return None  # newer defaults are Oracle Linux, older Debian
        return "apt"
    return None


def _by_tag(tag: str) -> str | None:
    """The family a tag's distribution words name (`3.12-alpine`, `21-jre-ubi9-minimal`, `bookworm`)."""
    if "alpine" in tag:
        return "apk"
    if _has_word(tag, _RPM_WORDS):
        return "rpm"
    if _has_word(tag, _DEBIAN_WORDS) or _has_word(tag, _UBUNTU_WORDS):
        return "apt"
    return None
