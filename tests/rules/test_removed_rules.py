"""Removed rules stay known (selecting or ignoring them is no error) and report nothing."""

import subprocess
import sys

from rules.context_trees import make_tree
from dockwise.rules.registry import REMOVED, all_rules, is_known

# opentelemetry-demo src/payment/.dockerignore: lists the two files Docker reads itself.
PAYMENT_IGNORE = "node_modules\n.dockerignore\nDockerfile\nnpm-debug.log\n"


def test_dw508_is_removed_not_reused():
    assert "DW508" in REMOVED and "DW508" not in all_rules() and is_known("DW508")


def test_listing_the_dockerfile_and_ignore_file_is_not_reported(tmp_path):
    make_tree(tmp_path, {".dockerignore": PAYMENT_IGNORE, "Dockerfile": "FROM node:22\nCOPY . .\n",
                         "index.js": "x", "package.json": "{}"})
    out = subprocess.run([sys.executable, "-m", "dockwise", "check", "--select", "ALL", "--preview", "-q",
                          "--exit-zero", str(tmp_path / ".dockerignore")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert ".dockerignore:2:" not in out.stdout and ".dockerignore:3:" not in out.stdout


def test_selecting_the_removed_code_is_accepted_and_explained(tmp_path):
    make_tree(tmp_path, {".dockerignore": "Dockerfile\n", "Dockerfile": "FROM alpine\n"})
    out = subprocess.run([sys.executable, "-m", "dockwise", "check", "--select", "DW508", str(tmp_path)],
                         capture_output=True, text=True)
    assert out.returncode == 0 and "DW508" not in out.stdout, out.stdout + out.stderr
    rule = subprocess.run([sys.executable, "-m", "dockwise", "rule", "DW508"], capture_output=True, text=True)
    assert rule.returncode == 0 and "removed" in rule.stdout and "good practice" in rule.stdout
