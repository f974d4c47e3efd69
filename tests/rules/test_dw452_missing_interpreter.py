import pytest

from rule_harness import assert_catches, assert_passes

CATCHES = [
    "FROM alpine:3.20\nCOPY app.py /app.py\nCMD [\"python3\", \"/app.py\"]\n",
    "FROM debian:bookworm-slim\nCOPY server.js /srv/\nENTRYPOINT [\"node\", \"/srv/server.js\"]\n",
    "FROM gcr.io/distroless/static-debian12\nCOPY app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n",
    "FROM scratch\nCOPY x /x\nCMD python /x\n",
    "FROM node:20 AS b\nRUN npm ci\nFROM ubuntu:24.04\nCOPY --from=b /app /app\nCMD [\"node\", \"/app/i.js\"]\n",
    # Java: a JAR built with Maven, run on a bare base, in shell form and through sh -c and tini
    "FROM maven:3.9-eclipse-temurin-21 AS build\nRUN mvn -q package\n"
    "FROM alpine:3.20\nCOPY --from=build /src/target/app.jar /app.jar\nCMD java -jar /app.jar\n",
    "FROM maven:3.9-eclipse-temurin-21 AS build\nRUN mvn -q package\nFROM debian:bookworm-slim\n"
    "COPY --from=build /src/target/app.jar /srv/app.jar\nENTRYPOINT [\"sh\", \"-c\", \"cd /srv && exec java $JAVA_OPTS -jar app.jar\"]\n",
    "FROM gradle:8-jdk21 AS build\nRUN gradle bootJar\nFROM ubuntu:24.04\nRUN apt-get update && apt-get install -y tini\n"
    "COPY --from=build /home/gradle/build/libs/app.jar /app.jar\nENTRYPOINT [\"tini\", \"--\", \"java\", \"-jar\", \"/app.jar\"]\n",
    # .NET: a framework-dependent app on runtime-deps or a bare base
    "FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nRUN dotnet publish -c Release -o /out\n"
    "FROM mcr.microsoft.com/dotnet/runtime-deps:8.0\nCOPY --from=build /out /app\nENTRYPOINT [\"dotnet\", \"/app/Api.dll\"]\n",
    "FROM mcr.microsoft.com/dotnet/sdk:8.0-alpine AS build\nRUN dotnet publish -o /out\n"
    "FROM alpine:3.20\nCOPY --from=build /out /app\nCMD [\"dotnet\", \"/app/Api.dll\"]\n",
    # a language image of another language
    "FROM python:3.12-slim\nCOPY server.js /srv/\nCMD [\"node\", \"/srv/server.js\"]\n",
    "FROM node:20-alpine\nCOPY app.py /app/\nCMD [\"python3\", \"/app/app.py\"]\n",
    "FROM golang:1.22 AS build\nRUN go build -o /x .\nFROM eclipse-temurin:21-jre\nCOPY app.rb /app/\nCMD [\"ruby\", \"/app/app.rb\"]\n",
    "FROM node:20-slim\nCOPY . /app\nCMD [\"npm\", \"start\"]\nFROM php:8.3-cli\nCOPY . /app\nCMD [\"npm\", \"start\"]\n",
    "FROM gcr.io/distroless/java21-debian12\nCOPY app.py /app/\nCMD [\"python3\", \"/app/app.py\"]\n",
]
PASSES = [
    "FROM alpine:3.20\nRUN apk add --no-cache python3\nCMD [\"python3\", \"a.py\"]\n",
    "FROM debian:12\nRUN apt-get update && apt-get install -y nodejs\nCMD [\"node\", \"a.js\"]\n",
    "FROM gcr.io/distroless/python3-debian12\nCOPY a.py /\nCMD [\"/a.py\"]\n",
    "FROM gcr.io/distroless/python3-debian12\nCMD [\"python3\", \"/a.py\"]\n",
    "FROM python:3.12-slim\nCMD [\"python\", \"a.py\"]\n",
    "FROM python:3.12 AS b\nFROM alpine:3.20\nCOPY --from=python:3.12-alpine /usr/local /usr/local\nCMD [\"python3\"]\n",
    "FROM ubuntu:24.04\nRUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs\n"
    "CMD [\"node\", \"a.js\"]\n",
    "FROM ubuntu:24.04\nRUN ./install-python.sh\nCMD [\"python3\", \"a.py\"]\n",
    "FROM example/base\nCMD [\"python3\", \"a.py\"]\n",
    # ENTRYPOINT decides; CMD only passes arguments
    "FROM alpine:3.20\nENTRYPOINT [\"/app\"]\nCMD [\"python\"]\n",
    "FROM alpine:3.20\nCMD [\"/app\"]\n",
    # images that ship the runtime
    "FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n",
    "FROM amazoncorretto:21-alpine\nCOPY app.jar /app.jar\nCMD java -jar /app.jar\n",
    "FROM gcr.io/distroless/java21-debian12\nCOPY app.jar /app.jar\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n",
    "FROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY out /app\nENTRYPOINT [\"dotnet\", \"/app/Api.dll\"]\n",
    "FROM mcr.microsoft.com/dotnet/runtime:8.0-alpine\nCOPY out /app\nENTRYPOINT dotnet /app/Worker.dll\n",
    "FROM ruby:3.3-slim\nCOPY . /app\nCMD [\"bundle\", \"exec\", \"puma\"]\n",
    "FROM php:8.3-cli-alpine\nCOPY . /app\nCMD [\"php\", \"/app/worker.php\"]\n",
    # a self-contained .NET app on runtime-deps runs itself
    "FROM mcr.microsoft.com/dotnet/runtime-deps:8.0\nCOPY out /app\nENTRYPOINT [\"/app/Api\"]\n",
    # the full Debian variants of language images carry python3
    "FROM node:20\nCOPY build.py /\nCMD [\"python3\", \"/build.py\"]\n",
    # installed, or copied from an image
    "FROM debian:12-slim\nRUN apt-get update && apt-get install -y openjdk-17-jre-headless\nCMD java -jar /app.jar\n",
    "FROM alpine:3.20\nRUN apk add --no-cache dotnet8-runtime\nCMD [\"dotnet\", \"/app/x.dll\"]\n",
    "FROM python:3.12-slim\nCOPY --from=node:20-slim /usr/local/bin/node /usr/local/bin/\nCMD [\"node\", \"a.js\"]\n",
    # an unknown wrapper script decides
    "FROM alpine:3.20\nCOPY entrypoint.sh /\nENTRYPOINT [\"/entrypoint.sh\"]\nCMD [\"java\", \"-jar\", \"/app.jar\"]\n",
    # a program name from a variable
    "FROM alpine:3.20\nCMD [\"sh\", \"-c\", \"$RUNTIME app\"]\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW452", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW452", text)
