"""A parsed model is complete when `parse()` returns: its stages are linked, and reading any
of its public properties (or checking it) changes nothing in it. What is worked out from it
later lives in its one `ModelIndex`, never in hidden attributes."""

from __future__ import annotations

import dataclasses
import random

import pytest

from dockwise.dockerfile import parse
from dockwise.dockerfile.model import Dockerfile, Instruction, ModelIndex
from dockwise.dockerfile.stages import Stage, stage_by_ref, stage_env
from dockwise.engine.check import check
from dockwise.source import Source
from shared_data import corpus_dockerfiles

MULTI_STAGE = """\
# syntax=docker/dockerfile:1
ARG PY=3.12
ARG BASE=python:${PY}-slim
FROM ${BASE} AS build
WORKDIR /src
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
ONBUILD RUN echo building
FROM build AS test
RUN pytest -q
FROM --platform=$BUILDPLATFORM node:20 AS assets
RUN npm ci && npm run build
FROM ${BASE}
COPY --from=build /src /app
COPY --from=assets /dist /app/static
USER app
CMD ["python", "-m", "app"]
"""


def snapshot(df: Dockerfile) -> object:
    """Everything a reader can see of the model, as plain values: its public fields, each
    instruction's (with the stage it belongs to) and each stage's (with its base stage), by
    position rather than identity so that two snapshots compare with `==`."""
    stage_at = {id(s): s.index for s in df.__dict__.get("stages", ())}

    def value(x):
        if isinstance(x, Instruction):
            return instruction(x)
        if isinstance(x, Stage):
            return ("stage", x.index)
        if dataclasses.is_dataclass(x) and not isinstance(x, type):
            return (type(x).__name__, tuple(value(getattr(x, f.name)) for f in dataclasses.fields(x)
                                            if not f.name.startswith("_")))
        if isinstance(x, (list, tuple)):
            return tuple(value(v) for v in x)
        if isinstance(x, (set, frozenset)):
            return tuple(sorted(map(repr, x)))
        if isinstance(x, dict):
            return tuple((k, value(v)) for k, v in x.items())
        if hasattr(x, "text") and hasattr(x, "starts"):  # a Joined line
            return (x.text, tuple(x.starts), tuple(x.sources))
        if isinstance(x, Source):
            return ("source", x.text)
        return x

    def instruction(ins: Instruction):
        stage = ins.stage
        return (tuple(value(getattr(ins, f.name)) for f in dataclasses.fields(ins) if not f.name.startswith("_")),
                stage_at.get(id(stage), "unknown stage") if stage is not None else None)

    def stage(s: Stage):
        return (s.index, s.from_.index, s.name, s.image, s.platform, sorted(s.unresolved),
                s.base_stage.index if s.base_stage is not None else None, repr(s.ref),
                tuple(i.index for i in s.instructions))

    shown = {name: v for name, v in vars(df).items() if name not in ("index", "stages", "resumed")}
    return ({name: value(v) for name, v in sorted(shown.items())},
            tuple(stage(s) for s in df.__dict__.get("stages", ())),
            tuple(instruction(i.sub) for i in df.__dict__.get("instructions", ()) if i.sub is not None),
            sorted(vars(df)))


def read_everything(df: Dockerfile) -> None:
    """Every public property and query of the model, its instructions and its stages."""
    df.text, df.stages, df.global_args, df.source.line_starts, df.all_instructions()  # noqa: B018
    for ins in df.all_instructions():
        ins.stage, ins.rest_start, ins.rest_end, ins.is_shell_form  # noqa: B018
        if ins.keyword == "RUN":
            df.script(ins)
        for f in ins.flags:
            f.options()
    for s in df.stages:
        s.root, s.windows, s.root_ref, s.label, s.of("RUN")  # noqa: B018
        stage_env(df, s)
        stage_by_ref(df, s.name or str(s.index))


def test_a_fresh_parse_has_its_stages_linked():
    df = parse(MULTI_STAGE)
    # before anything reads `df.stages`: every instruction after a FROM knows its stage
    stages = df.__dict__["stages"]
    assert [s.name for s in stages] == ["build", "test", "assets", None]
    by_stage = [(ins.keyword, ins.stage.index if ins.stage is not None else None) for ins in df.instructions]
    assert by_stage[:2] == [("ARG", None), ("ARG", None)]
    assert by_stage[2:] == [("FROM", 0), ("WORKDIR", 0), ("COPY", 0), ("RUN", 0), ("ONBUILD", 0),
                            ("FROM", 1), ("RUN", 1), ("FROM", 2), ("RUN", 2),
                            ("FROM", 3), ("COPY", 3), ("COPY", 3), ("USER", 3), ("CMD", 3)]
    onbuild = df.instructions[6]
    assert onbuild.sub is not None and onbuild.sub.stage is stages[0]
    assert stages[1].base_stage is stages[0] and stages[3].image == "python:3.12-slim"
    assert df.global_args["BASE"] == "python:3.12-slim"


def test_a_resumed_parse_has_its_stages_linked_like_a_fresh_one():
    old = parse(MULTI_STAGE)
    at = MULTI_STAGE.index("FROM build AS test")
    text = MULTI_STAGE[:at] + "FROM alpine AS lint\nRUN true\n" + MULTI_STAGE[at:]
    new = parse(text, resume_from=old, edit=(at, at, len("FROM alpine AS lint\nRUN true\n")))
    assert new.resumed is not None and new.resumed.pending is not None
    new.instructions  # noqa: B018 - the rest of the parse: the lists made, the stages linked
    assert new.resumed.pending is None
    assert snapshot(new) == snapshot(parse(text))
    assert [s.name for s in new.stages] == ["build", "lint", "test", "assets", None]
    assert all(i.stage is new.stages[i.stage.index] for i in new.instructions if i.stage is not None)


def test_reading_every_property_leaves_the_model_as_parsed():
    df = parse(MULTI_STAGE)
    before = snapshot(df)
    read_everything(df)
    assert snapshot(df) == before


@pytest.mark.parametrize("seed", range(3))
def test_reading_and_checking_corpus_models_changes_nothing_in_them(seed):
    files = random.Random(seed).sample(corpus_dockerfiles(), 15)
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        df = parse(text)
        before = snapshot(df)
        read_everything(df)
        check(text, model=df)  # every rule, with what they work out kept in `df.index`
        assert snapshot(df) == before, path.name


def test_what_checks_work_out_is_kept_in_the_model_index_alone():
    df = parse(MULTI_STAGE)
    attributes = set(vars(df))
    check(MULTI_STAGE, model=df)
    assert set(vars(df)) == attributes  # nothing hidden in the model's __dict__
    assert isinstance(df.index, ModelIndex)
    kept = {name for name in ModelIndex.__slots__ if getattr(df.index, name) is not None}
    assert {"all_instructions", "by_keyword", "runs", "commands", "stages_by_name", "pragmas"} <= kept
