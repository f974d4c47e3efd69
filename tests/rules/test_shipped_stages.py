"""Size rules report only what reaches the image (analysis/shipping.py), and say so.

Each shape is a common real-world multi-stage layout: the builder's caches and downloads are
thrown away with the stage unless a `COPY --from` takes them whole.
"""

import re

import pytest

from dockwise.engine.diagnostic import Category
from dockwise.rules.registry import all_rules
from rule_harness import assert_catches, assert_passes

# A Node front end built in a throw-away stage, served by nginx.
NODE_SPA = """\
FROM node:20-bookworm AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
RUN npm ci && npm run build

FROM nginx:1.27-alpine
COPY --from=build /app/dist /usr/share/nginx/html
"""

# The same build, but the final stage is built FROM the builder: its layers ship.
NODE_SINGLE_CHAIN = NODE_SPA.replace("FROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
                                     "FROM build AS runtime\nCMD [\"node\", \"server.js\"]\n")

# A root filesystem assembled in one stage and flattened into scratch: everything is copied.
FLATTENED = """\
FROM debian:bookworm-slim AS rootfs
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl
RUN npm ci
FROM scratch
COPY --from=rootfs / /
CMD ["/usr/bin/curl"]
"""

# A Go tool downloaded and unpacked in a builder stage, one binary copied out.
GO_TOOL = """\
FROM debian:bookworm AS tools
RUN curl -fsSL -o /tmp/protoc.zip https://github.com/protocolbuffers/protobuf/releases/download/v27.0/protoc-27.0-linux-x86_64.zip
RUN unzip /tmp/protoc.zip -d /opt/protoc && rm /tmp/protoc.zip

FROM gcr.io/distroless/static-debian12
COPY --from=tools /opt/protoc/bin/protoc /usr/local/bin/protoc
ENTRYPOINT ["/usr/local/bin/protoc"]
"""

GO_TOOL_SHIPPED = GO_TOOL.replace("FROM gcr.io/distroless/static-debian12\nCOPY --from=tools /opt/protoc/bin/protoc /usr/local/bin/protoc\n",
                                  "FROM tools AS final\n")

# A Python app compiled with build-essential in a builder, wheels copied out.
PY_WHEELS = """\
FROM python:3.12 AS builder
RUN apt-get update && apt-get install -y build-essential && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip wheel --no-cache-dir -r requirements.txt -w /wheels

FROM python:3.12-slim
COPY --from=builder /wheels /wheels
RUN pip install --no-cache-dir /wheels/*
CMD ["python", "-m", "app"]
"""

PY_NO_BUILDER = """\
FROM python:3.12-slim
RUN apt-get update && apt-get install -y build-essential && rm -rf /var/lib/apt/lists/*
COPY . /app
RUN pip install --no-cache-dir /app
CMD ["python", "-m", "app"]
"""

CASES = [
    # (code, thrown-away shape that passes, shipped shape that catches)
    ("DL3009", NODE_SPA, NODE_SINGLE_CHAIN),
    ("DL3009", NODE_SPA, FLATTENED),
    ("DL3060", NODE_SPA, NODE_SINGLE_CHAIN),
    ("DW110", NODE_SPA, NODE_SINGLE_CHAIN),
    ("DW110", NODE_SPA, FLATTENED),
    ("DW111", GO_TOOL, GO_TOOL_SHIPPED),
    ("DW100", GO_TOOL, GO_TOOL_SHIPPED),
    ("DW120", PY_WHEELS, PY_NO_BUILDER),
]


@pytest.mark.parametrize(("code", "discarded", "shipped"), CASES)
def test_reports_only_what_reaches_the_image(code, discarded, shipped):
    assert_passes(code, discarded)
    assert_catches(code, shipped)


def test_a_flattened_stage_frees_what_it_deletes():
    # COPY --from=rootfs / / copies the final files: deleting in a later layer costs nothing there
    text = ("FROM debian:bookworm AS rootfs\nRUN curl -fsSLo /tmp/x.tgz https://example.com/x.tgz\n"
            "RUN tar -xzf /tmp/x.tgz -C /opt\nRUN rm /tmp/x.tgz\nFROM scratch\nCOPY --from=rootfs / /\n")
    assert_passes("DW100", text)
    assert_passes("DW111", text)


def test_a_copied_home_directory_takes_the_npm_cache_with_it():
    text = ("FROM node:20 AS build\nUSER node\nWORKDIR /home/node/app\nRUN npm ci\n"
            "FROM node:20-slim\nCOPY --from=build /home/node /home/node\nCMD [\"node\", \"app/index.js\"]\n")
    assert_catches("DW110", text)
    assert_passes("DW110", text.replace("COPY --from=build /home/node /home/node",
                                        "COPY --from=build /home/node/app /home/node/app"))


STAGE_NOTE = re.compile(r"^Stages: (all|shipped only|final only)\b", re.M)


def test_size_rules_say_which_stages_they_look_at():
    missing = [r.code for r in all_rules().values() if r.category is Category.SIZE and r.file_kind == "dockerfile"
               and not r.needs_context and not STAGE_NOTE.search(r.docs())]
    assert missing == []
