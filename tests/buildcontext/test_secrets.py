"""Secrets decided by name and content, with bounded reads of regular files only."""

import os

import pytest

from dockwise.buildcontext import secrets
from dockwise.buildcontext.secrets import HEAD_BYTES, classify, read_head

CERT = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTAN\n-----END CERTIFICATE-----\n"
RSA = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgO\n-----END RSA PRIVATE KEY-----\n"

CASES = [
    # (path, content, secret?, reason contains)
    ("certs/ca-bundle.pem", CERT * 3, False, ""),
    ("tls/server.pem", CERT + RSA, True, "private key block"),            # cert chain plus its key
    ("tls/server.key", RSA, True, "private key block"),
    ("keys/repo.key", "-----BEGIN PGP PUBLIC KEY BLOCK-----\nmQINBF\n-----END PGP PUBLIC KEY BLOCK-----\n",
     False, ""),
    ("deploy/id_rsa", "", True, "judged by its name only"),             # an empty placeholder
    ("certs/server.pem", "", False, ""),                                # empty: could be anything
    (".env", "# settings\nDEBUG=1\nDATABASE_URL=postgres://u:p@db/app\n", True, "assigns `DATABASE_URL`"),
    (".env", "MARIADB_ROOT_PASSWORD=secret\nMARIADB_DATABASE=app\n", True, "MARIADB_ROOT_PASSWORD"),
    # fastapi template frontend/.env, opentelemetry-demo react-native-app/.env: build settings
    # that Vite and Expo read and bundle into public client code
    ("frontend/.env", "VITE_API_URL=http://localhost:8000\nMAILPIT_HOST=http://localhost:8025\n", False, ""),
    (".env", "# expo\n\nEXPO_PUBLIC_FRONTEND_PROXY_PORT=8080\n", False, ""),
    (".env", "NEXT_PUBLIC_STRIPE_KEY=pk_test_1\nPORT=3000\n", False, ""),
    (".env", "API_TOKEN=${API_TOKEN}\n", False, ""),
    (".env", "# copy .env.example and fill in\n", False, ""),
    (".env.example", "SECRET=changeme\n", False, ""),
    ("ops/prod.env", "export API_TOKEN='x1'\n", True, "API_TOKEN"),
    (".npmrc", "//registry.npmjs.org/:_authToken=npm_Ab12\n", True, "auth token"),
    (".npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n", False, ""),
    (".npmrc", "engine-strict=true\n", False, ""),
    (".aws/credentials", "[default]\naws_secret_access_key = abc\n", True, ""),
    ("ci/credentials", "[default]\naws_access_key_id = AKIA\naws_secret_access_key = abc\n", True, "aws_secret"),
    ("ci/credentials", "#!/bin/sh\necho hi\n", False, ""),
    ("gcp-sa-credentials.json", '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n"}',
     True, "private_key"),
    ("config/kubeconfig", "users:\n- name: ci\n  user:\n    token: eyJhb\n", True, "token"),
    (".docker/config.json", '{"auths": {"ghcr.io": {"auth": "dXNlcjpwYXNz"}}}', True, "registry auth"),
    (".docker/config.json", '{"credsStore": "desktop"}', False, ""),
    ("src/credentials/store.py", "def load(): ...\n", False, ""),
    ("keystore/server.jks", "\xfe\xed\xfe\xed", True, "key store"),
]


@pytest.mark.parametrize("path,content,secret,why", CASES)
def test_classify(tmp_path, path, content, secret, why):
    p = tmp_path / path
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(content.encode("latin-1"))
    verdict = classify(str(tmp_path), path)
    assert verdict.secret is secret and why in verdict.reason


def test_reads_are_bounded(tmp_path, monkeypatch):
    big = tmp_path / "bundle.pem"
    big.write_bytes((CERT * 2000).encode())         # ~200 kB of certificates
    assert len(read_head(str(tmp_path), "bundle.pem")) == HEAD_BYTES


def test_never_reads_symlinks_or_fifos(tmp_path):
    (tmp_path / "real.key").write_text(RSA)
    os.symlink(tmp_path / "real.key", tmp_path / "link.key")
    os.mkfifo(tmp_path / "pipe.env")
    assert read_head(str(tmp_path), "link.key") is None
    assert read_head(str(tmp_path), "pipe.env") is None          # returns at once, no blocking open
    assert not classify(str(tmp_path), "pipe.env").secret


def test_unreadable_or_missing_is_not_a_secret(tmp_path):
    assert not classify(str(tmp_path), "missing/.env").secret
    assert secrets.secret_by_name("src/app.py") is None
