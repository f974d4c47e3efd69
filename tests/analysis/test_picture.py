"""The per-stage picture: workdirs, install targets, venvs, interpreters, reachability."""

from dockwise.analysis import facts, pictures
from dockwise.analysis.reach import reachable
from dockwise.dockerfile import parse
from dockwise.dockerfile.image import parse_image


def pics(text):
    df = parse(text)
    return df, pictures(df)


def test_base_image_interpreters():
    assert facts(parse_image("python:3.9-alpine")).interpreters[0].path == "/usr/local/bin/python3.9"
    assert facts(parse_image("python:3.9-alpine")).libc == "musl"
    assert facts(parse_image("alpine:3.20")).interpreters == ()
    assert facts(parse_image("gcr.io/distroless/python3-debian12")).interpreters[0].version == "3.11"
    assert facts(parse_image("gcr.io/distroless/static-debian12")).interpreters == ()
    assert facts(parse_image("scratch")).family == "scratch"
    assert facts(parse_image("example/custom")) is None


def test_pip_targets():
    _, (p,) = pics("FROM python:3.11\nWORKDIR /app\nRUN pip install -r r.txt\nRUN pip install --user x\n"
                   "RUN pip install --target deps x\nRUN pip install --prefix=/install x\n")
    assert [(i.kind, i.path) for i in p.pip] == [
        ("system", "/usr/local/lib/python3.11/site-packages"), ("user", "/root/.local"),
        ("target", "/app/deps"), ("prefix", "/install")]


def test_venvs_and_pip_inside_them():
    _, (p,) = pics("FROM python:3.11-slim\nRUN python -m venv /opt/venv\nRUN /opt/venv/bin/pip install x\n"
                   "ENV PATH=/opt/venv/bin:$PATH\nRUN pip install y\n"
                   "RUN uv venv /uv && . /uv/bin/activate && pip install z\n")
    assert p.venvs["/opt/venv"].version == "3.11"
    assert [(i.kind, i.path) for i in p.pip] == [("venv", "/opt/venv"), ("venv", "/opt/venv"), ("venv", "/uv")]


def test_user_changes_home():
    _, (p,) = pics("FROM python:3.11\nUSER app\nRUN pip install --user x\n")
    assert p.pip[0].kind == "user" and p.pip[0].path is None


def test_workdir_and_outputs():
    _, (p,) = pics("FROM golang:1.22\nRUN go build -o app .\nWORKDIR /src\nRUN go build -o /bin/x . && cargo build --release"
                   " && npm ci\n")
    assert [(t, path) for t, path, _ in p.outputs] == [("go", "/go/app"), ("go", "/bin/x"), ("cargo", "/src/target"),
                                                      ("node_modules", "/src/node_modules")]


def test_installed_and_copied_interpreters():
    _, (a, b) = pics("FROM python:3.12 AS a\nFROM alpine:3.19\nRUN apk add --no-cache python3 nodejs\n")
    assert b.interpreters["python"].version == "3.11" and b.interpreters["python"].libc == "musl"
    assert "node" in b.interpreters
    _, (a, b) = pics("FROM python:3.12 AS a\nFROM debian:12\nCOPY --from=a /usr/local /usr/local\n")
    assert b.interpreters["python"].path == "/usr/local/bin/python3.12"


def test_inherited_stage_and_entry():
    _, (a, b) = pics("FROM python:3.12 AS a\nENTRYPOINT [\"python\"]\nFROM a\nCMD [\"x.py\"]\n")
    assert b.interpreters["python"].version == "3.12"
    assert b.entry_argv == ["python"]


def test_opaque_installs_make_interpreters_unknown():
    _, (p,) = pics("FROM ubuntu:24.04\nRUN curl -fsSL https://x/setup | bash -\n")
    assert p.interpreters_unknown


def test_reachability():
    df, _ = pics("FROM alpine AS a\nFROM alpine AS b\nRUN --mount=from=a,target=/m true\nFROM alpine\n"
                 "COPY --from=b /x /x\n")
    assert reachable(df, df.stages[-1]) == ({0, 1, 2}, True)
    df, _ = pics("FROM alpine AS a\nFROM alpine\nARG X\nCOPY --from=$X /x /x\n")
    assert reachable(df, df.stages[-1])[1] is False


def _summary(p):
    """What a picture says, without the objects it points at."""
    return (p.stage.index, p.base.stage.index if p.base else None, sorted(p.interpreters.items()),
            p.interpreters_unknown, [(n, i.index) for n, i, _ in p.os_packages],
            [(x.kind, x.path, x.real) for x in p.pip], sorted(p.venvs.items()),
            [(c.ref, c.stage.index if c.stage else None, c.sources, c.dest, c.resolved) for c in p.copies],
            sorted(p.workdir.items()), p.final_workdir, p.user, p.own_mentions, p.entry_argv, p.outputs and
            [(t, path, i.index) for t, path, i in p.outputs])


def test_one_stage_is_pictured_with_only_the_stages_it_reads_and_as_when_all_are():
    from dockwise.analysis import picture_of
    from dockwise.analysis.picture import _CACHE
    text = ("FROM python:3.12-slim AS deps\nRUN python -m venv /venv && /venv/bin/pip install flask\n"
            "FROM node:20 AS assets\nWORKDIR /web\nRUN npm ci\n"
            "FROM deps AS test\nRUN /venv/bin/pip install pytest\n"
            "FROM golang:1.22 AS tools\nRUN go build -o /out/tool ./cmd/tool\n"
            "ARG FLAVOR=deps\nFROM python:3.12-slim AS app\nCOPY --from=deps /venv /venv\nCOPY --from=tools /out/tool /usr/local/bin/\n"
            "ENV PATH=/venv/bin:$PATH\nCMD [\"python\", \"-m\", \"app\"]\n"
            "FROM python:3.12-slim AS any\nARG SRC=deps\nCOPY --from=${SRC} /venv /venv\n")
    df = parse(text)
    app = df.stages[4]
    picture_of(df, app)
    # app reads deps and tools; assets, test and `any` were not pictured
    assert [p is not None for p in _CACHE[df]] == [True, False, False, True, True, False]
    picture_of(df, df.stages[5])  # a variable names the source: every earlier stage is read
    assert all(p is not None for p in _CACHE[df])
    whole = parse(text)
    assert [_summary(p) for p in pictures(whole)] == [_summary(p) for p in _CACHE[df]]
