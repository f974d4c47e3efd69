import pytest

from rule_harness import assert_catches, assert_passes, findings
from dockwise.dockerfile.image import parse_image
from dockwise.knowledge.distros import package_family

CATCHES = [
    'FROM node:20\nRUN apk add --no-cache tini\n',
    'FROM python:3.12-slim\nRUN apk add --no-cache build-base\n',
    'FROM python:3.12-alpine\nRUN apt-get update && apt-get install -y gcc\n',
    'FROM alpine:3.20\nRUN apt update && apt install -y curl\n',
    'FROM golang:1.22-alpine\nRUN apt-get install -y git\n',
    'FROM debian:bookworm-slim\nRUN yum install -y curl\n',
    'FROM ubuntu:24.04\nRUN dnf install -y git\n',
    'FROM rockylinux:9\nRUN apt-get install -y git\n',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN apt-get install -y git\n',
    'FROM amazoncorretto:21\nRUN apt-get update\n',
    'FROM eclipse-temurin:21-jre\nRUN apk add --no-cache curl\n',
    'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nRUN apk add icu-libs\n',
    'FROM mcr.microsoft.com/dotnet/sdk:8.0-alpine\nRUN apt-get install -y clang\n',
    # through a chain of stages
    'FROM node:20-alpine AS base\nFROM base AS build\nRUN apt-get update && apt-get install -y python3\n',
    # sudo is unwrapped
    'FROM ubuntu:22.04\nRUN sudo apk add git\n',
    # one finding per RUN
    'FROM node:20\nRUN apk update && apk add git\n',
]
PASSES = [
    'FROM node:20\nRUN apt-get update && apt-get install -y tini\n',
    'FROM node:20-alpine\nRUN apk add --no-cache tini\n',
    'FROM fedora:40\nRUN dnf install -y git && microdnf --help\n',
    'FROM amazoncorretto:21-alpine\nRUN apk add --no-cache curl\n',
    # unknown bases
    'FROM myorg/base:1\nRUN apk add git\n',
    'FROM scratch\nRUN apk add git\n',
    # a base chosen by a build argument
    'ARG BASE=debian:12\nFROM ${BASE}\nRUN apk add git\n',
    # multi-distribution scripts
    'FROM debian:12\nRUN if command -v apk >/dev/null; then apk add git; else apt-get install -y git; fi\n',
    'FROM debian:12\nRUN . /etc/os-release && case "$ID" in alpine) apk add git ;; esac\n',
    'FROM debian:12\nRUN apk add git || apt-get install -y git\n',
    # the command is a test
    'FROM debian:12\nRUN if apk --version; then echo alpine; fi\n',
    # the other package manager was installed first
    'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y yum\nRUN yum --version\n',
    # building another root file system
    'FROM debian:12\nRUN debootstrap bookworm /rootfs && chroot /rootfs apt-get install -y curl\n',
    'FROM ubuntu:22.04\nRUN chroot /target apk add git\n',
    # ONBUILD runs in the child image
    'FROM debian:12\nONBUILD RUN apk add git\n',
    # other images of an unknown distribution
    'FROM openjdk:21\nRUN microdnf install -y findutils\n',
    'FROM gradle:8-jdk21-graal\nRUN microdnf install -y git\n',
    'FROM maven:3-amazoncorretto-21\nRUN yum install -y git\n',
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches('DW454', text, count=1)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes('DW454', text)


def test_message_names_both_distributions():
    [d] = findings('DW454', 'FROM node:20-bookworm-slim\nRUN apk add --no-cache tini\n')
    assert "`apk` is the package manager of Alpine" in d.message
    assert "`node:20-bookworm-slim` is based on Debian/Ubuntu" in d.message


@pytest.mark.parametrize(("image", "family"), [
    ("python:3.12", "apt"), ("python:3.12-slim-bookworm", "apt"), ("python:3.12-alpine3.20", "apk"),
    ("node:lts", "apt"), ("ubuntu", "apt"), ("alpine", "apk"), ("eclipse-temurin:21-jre-ubi9-minimal", "rpm"),
    ("eclipse-temurin:21-jre-alpine", "apk"), ("amazoncorretto:17-al2023", "rpm"), ("mysql:8.0-oracle", "rpm"),
    ("mysql:8.0-debian", "apt"), ("maven:3.9-eclipse-temurin-21", "apt"), ("gradle:8.5-jdk21", "apt"),
    ("gradle:8.5-jdk21-corretto", "rpm"), ("opensuse/leap:15.6", "zypper"), ("archlinux", "pacman"),
    ("mcr.microsoft.com/dotnet/runtime:8.0-azurelinux3.0", "rpm"), ("mcr.microsoft.com/dotnet/sdk:9.0", "apt"),
    ("nvidia/cuda:12.8.0-runtime-ubuntu24.04", "apt"), ("redhat/ubi9-minimal", "rpm"),
    # unknown: no package manager, or no telling
    ("scratch", None), ("gcr.io/distroless/static-debian12", None), ("openjdk:21", None), ("mysql:8", None),
    ("mcr.microsoft.com/dotnet/runtime:8.0-noble-chiseled", None), ("bitnami/node:20", None),
    ("mcr.microsoft.com/windows/servercore:ltsc2022", None),
])
def test_package_family(image, family):
    assert package_family(parse_image(image)) == family
