import pytest

from rule_harness import assert_catches, assert_passes, fixed

CODE = "DW200"
CATCHES = [
    'FROM node:22\nCOPY . /app\nCMD ["node", "/app/server.js"]\n',
    # a program that replaces nginx's own command runs as root
    'FROM nginx:1.27\nCMD ["/app/serve"]\n',
    'FROM python:3.12\nCMD x\n',
    'FROM python:3.12 AS b\nUSER app\nFROM python:3.12\nCMD ["python", "app.py"]\n',
    'FROM ubuntu:24.04\nCOPY app /usr/local/bin/app\nCMD ["app"]\n',
]
PASSES = [
    'FROM python:3.12\nUSER app\n',
    'FROM python:3.12 AS b\nUSER app\nFROM b\n',
    'FROM scratch\nCOPY x /\n',
    'FROM gcr.io/distroless/static:nonroot\n',
    'FROM cgr.dev/chainguard/python:latest\n',
    'FROM example.com/team/base:1\n',  # not known to run as root: DW221's (preview)
    'FROM python:3.12\nUSER root\n',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n',
    # cypress's base images: no command of their own, node's interpreter stays the command
    'FROM node:22.19.0-bookworm\nRUN npm install -g yarn\nENV npm_config_unsafe_perm=true\n',
    # servers whose master process starts unprivileged workers (official php, nginx images)
    'FROM alpine:3.23\nRUN apk add php84-fpm\nCMD ["php-fpm"]\n',
    'FROM nginx:alpine\nCOPY site /usr/share/nginx/html\n',
    'FROM php:8.3-fpm\nRUN docker-php-ext-install pdo_mysql\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches(CODE, text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes(CODE, text)
