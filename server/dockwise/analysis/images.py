"""What a base image is known to contain, from its name alone (no registry, no pulls).

Only images whose layout is well known are described; anything else is `None` ("unknown"),
and rules must then stay silent.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..dockerfile.image import ImageRef
from ..lazy_regex import lazy_compile


@dataclass(frozen=True)
class Interpreter:
    name: str                  # "python", "node", "java", "ruby", "php", "go"
    path: str                  # e.g. "/usr/local/bin/python3.9"
    version: str | None = None # "3.9" (major.minor) when known
    libc: str | None = None    # "musl" or "glibc"

    def describe(self) -> str:
        bits = [self.path]
        if self.version:
            bits.append(self.version)
        if self.libc:
            bits.append(self.libc)
        return ", ".join(bits)


@dataclass(frozen=True)
class ImageFacts:
    family: str                             # "python", "alpine", "scratch", "distroless-static", …
    interpreters: tuple[Interpreter, ...] = ()
    libc: str | None = None
    distro: str | None = None               # "alpine", "debian", "ubuntu"
    distro_version: str | None = None       # "3.19", "bookworm", "22.04"
    toolchain: str | None = None            # "go", "rust", "maven", "gradle", "node" for build images
    top_dirs: frozenset[str] = field(default_factory=frozenset)  # non-FHS top-level dirs it ships


# Top-level directories every Linux image may have; a path under one of them can exist
# without the Dockerfile creating it.
FHS_TOP = frozenset({"bin", "boot", "dev", "etc", "home", "lib", "lib32", "lib64", "libx32", "media",
                     "mnt", "opt", "proc", "root", "run", "sbin", "srv", "sys", "tmp", "usr", "var",
                     "nix", "snap"})

# Debian/Ubuntu/Alpine releases → the python3 their package manager installs.
DISTRO_PYTHON = {
    ("debian", "buster"): "3.7", ("debian", "10"): "3.7",
    ("debian", "bullseye"): "3.9", ("debian", "11"): "3.9",
    ("debian", "bookworm"): "3.11", ("debian", "12"): "3.11",
    ("debian", "trixie"): "3.13", ("debian", "13"): "3.13",
    ("ubuntu", "18.04"): "3.6", ("ubuntu", "bionic"): "3.6",
    ("ubuntu", "20.04"): "3.8", ("ubuntu", "focal"): "3.8",
    ("ubuntu", "22.04"): "3.10", ("ubuntu", "jammy"): "3.10",
    ("ubuntu", "24.04"): "3.12", ("ubuntu", "noble"): "3.12",
    ("alpine", "3.15"): "3.9", ("alpine", "3.16"): "3.10", ("alpine", "3.17"): "3.10",
    ("alpine", "3.18"): "3.11", ("alpine", "3.19"): "3.11", ("alpine", "3.20"): "3.12",
    ("alpine", "3.21"): "3.12", ("alpine", "3.22"): "3.12",
}

_DEBIAN_CODENAMES = ("buster", "bullseye", "bookworm", "trixie")
_UBUNTU_CODENAMES = {"bionic": "18.04", "focal": "20.04", "jammy": "22.04", "noble": "24.04"}
_VERSION = lazy_compile(r"^(\d+)\.(\d+)")


def _minor(tag: str | None) -> str | None:
    m = _VERSION.match(tag or "")
    return f"{m.group(1)}.{m.group(2)}" if m else None


def _tag_libc(tag: str | None) -> str:
    return "musl" if tag and "alpine" in tag else "glibc"


def _tag_distro(tag: str | None) -> tuple[str | None, str | None]:
    """The distribution under a language image: `3.11-slim-bookworm` → (debian, bookworm)."""
    t = tag or ""
    m = re.search(r"alpine(\d+\.\d+)?", t)
    if m:
        return "alpine", m.group(1)
    for name in _DEBIAN_CODENAMES:
        if name in t:
            return "debian", name
    for name, ver in _UBUNTU_CODENAMES.items():
        if name in t:
            return "ubuntu", ver
    return None, None


def facts(ref: ImageRef | None) -> ImageFacts | None:
    """Facts for a base image reference, or None when the image is not one we know."""
    if ref is None:
        return None
    if ref.is_scratch:
        return ImageFacts("scratch")
    name = ref.name.lower()
    tag = (ref.tag or "").lower()
    registry = (ref.registry or "").lower()
    if registry == "gcr.io" and name.startswith("distroless/"):
        return _distroless(name[len("distroless/"):], tag)
    if registry == "mcr.microsoft.com" and name.startswith("dotnet/"):
        return _dotnet(name[len("dotnet/"):], tag)
    if registry in ("docker.io", "index.docker.io", "registry-1.docker.io", ""):
        name = name.removeprefix("library/")
    elif registry not in ("public.ecr.aws", "mirror.gcr.io"):
        return None
    else:
        name = name.removeprefix("docker/library/").removeprefix("library/")
    if "onbuild" in tag:
        return None
    if name == "alpine":
        ver = _minor(tag)
        return ImageFacts("alpine", libc="musl", distro="alpine", distro_version=ver)
    if name == "busybox":
        return ImageFacts("busybox", libc="musl" if "musl" in tag else "glibc")
    if name == "debian":
        codename = next((c for c in _DEBIAN_CODENAMES if c in tag), None)
        if codename is None and tag[:2].isdigit():
            codename = tag.split(".")[0].split("-")[0]
        return ImageFacts("debian", libc="glibc", distro="debian", distro_version=codename)
    if name == "ubuntu":
        ver = _UBUNTU_CODENAMES.get(tag.split("-")[0], _minor(tag))
        return ImageFacts("ubuntu", libc="glibc", distro="ubuntu", distro_version=ver)
    if name in ("python", "pypy"):
        libc = _tag_libc(tag)
        distro, dver = _tag_distro(tag)
        distro = distro or "debian"
        if name == "pypy":
            return ImageFacts("pypy", (Interpreter("python", "/opt/pypy/bin/pypy3", None, libc),), libc, distro, dver)
        ver = _minor(tag)
        path = f"/usr/local/bin/python{ver}" if ver else "/usr/local/bin/python3"
        return ImageFacts("python", (Interpreter("python", path, ver, libc),), libc, distro, dver)
    if name == "node":
        libc = _tag_libc(tag)
        distro, dver = _tag_distro(tag)
        return ImageFacts("node", (Interpreter("node", "/usr/local/bin/node", tag.split(".")[0] or None, libc),),
                          libc, distro or "debian", dver, toolchain="node", top_dirs=frozenset())
    if name in ("eclipse-temurin", "openjdk", "amazoncorretto", "ibm-semeru-runtimes", "sapmachine"):
        libc = _tag_libc(tag)
        return ImageFacts("java", (Interpreter("java", "/opt/java/openjdk/bin/java", None, libc),), libc)
    if name in ("maven", "gradle"):
        libc = _tag_libc(tag)
        return ImageFacts(name, (Interpreter("java", "/opt/java/openjdk/bin/java", None, libc),), libc, toolchain=name)
    if name == "golang":
        libc = _tag_libc(tag)
        return ImageFacts("golang", (Interpreter("go", "/usr/local/go/bin/go", _minor(tag), libc),), libc,
                          toolchain="go", top_dirs=frozenset({"go"}))
    if name == "rust":
        return ImageFacts("rust", libc=_tag_libc(tag), toolchain="rust")
    if name == "ruby":
        libc = _tag_libc(tag)
        return ImageFacts("ruby", (Interpreter("ruby", "/usr/local/bin/ruby", _minor(tag), libc),), libc)
    if name == "php":
        libc = _tag_libc(tag)
        return ImageFacts("php", (Interpreter("php", "/usr/local/bin/php", _minor(tag), libc),), libc)
    return None


def _distroless(name: str, tag: str) -> ImageFacts | None:
    deb = re.search(r"debian(\d+)", name)
    codename = deb.group(1) if deb else "12"
    if name.startswith(("static", "base", "cc")):
        return ImageFacts("distroless", libc=None if name.startswith("static") else "glibc")
    if name.startswith("python3"):
        ver = DISTRO_PYTHON.get(("debian", codename))
        return ImageFacts("distroless-python", (Interpreter("python", "/usr/bin/python3", ver, "glibc"),), "glibc",
                          "debian", codename)
    if name.startswith("java"):
        return ImageFacts("distroless-java", (Interpreter("java", "/usr/bin/java", None, "glibc"),), "glibc")
    if name.startswith("nodejs"):
        return ImageFacts("distroless-node", (Interpreter("node", "/nodejs/bin/node", None, "glibc"),), "glibc")
    return None


def _dotnet(name: str, tag: str) -> ImageFacts | None:
    """mcr.microsoft.com/dotnet/*: `runtime`, `aspnet` and `sdk` carry the `dotnet` host;
    `runtime-deps` only the native libraries a self-contained app needs."""
    if "nanoserver" in tag or "windowsservercore" in tag:
        return None
    libc = _tag_libc(tag)
    if name == "runtime-deps":
        return ImageFacts("dotnet-deps", libc=libc)
    if name in ("runtime", "aspnet", "sdk"):
        return ImageFacts("dotnet", (Interpreter("dotnet", "/usr/share/dotnet/dotnet", _minor(tag), libc),), libc)
    return None


_PYTHON_PACKAGE = lazy_compile(r"python(3\.\d+)(-.*)?")
_RUBY_PACKAGE = lazy_compile(r"ruby\d(\.\d)?")
_PHP_PACKAGE = lazy_compile(r"php\d+(\.\d+)?(-cli)?")


def packaged_interpreter(facts_: ImageFacts | None, package: str) -> Interpreter | None:
    """The interpreter an OS package brings (`apk add python3` on alpine:3.19 → python 3.11)."""
    if facts_ is None:
        return _packaged(package.split("=")[0].lower(), None, None, None)
    return _packaged(package.split("=")[0].lower(), facts_.distro, facts_.distro_version, facts_.libc)


@functools.lru_cache(maxsize=4096)  # the same packages are installed on the same bases again and again
def _packaged(p: str, distro: str | None, distro_version: str | None, libc: str | None) -> Interpreter | None:
    if p in ("python3", "python3-minimal", "python3-full", "python3-venv", "python3-pip", "python3-dev", "python",
             "python-is-python3", "python3.x"):
        ver = DISTRO_PYTHON.get((distro, distro_version)) if distro else None
        return Interpreter("python", "/usr/bin/python3", ver, libc)
    m = _PYTHON_PACKAGE.fullmatch(p) if p.startswith("python") else None
    if m:
        return Interpreter("python", f"/usr/bin/python{m.group(1)}", m.group(1), libc)
    if p in ("nodejs", "nodejs-current", "node"):
        return Interpreter("node", "/usr/bin/node", None, libc)
    if p.startswith(("openjdk", "default-jre", "default-jdk", "java-", "temurin", "zulu", "msopenjdk")):
        return Interpreter("java", "/usr/bin/java", None, libc)
    if p in ("ruby", "ruby-full") or (p.startswith("ruby") and _RUBY_PACKAGE.fullmatch(p)):
        return Interpreter("ruby", "/usr/bin/ruby", None, libc)
    if p in ("php", "php-cli") or (p.startswith("php") and _PHP_PACKAGE.fullmatch(p)):
        return Interpreter("php", "/usr/bin/php", None, libc)
    return None
