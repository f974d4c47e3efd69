import pytest

from rule_harness import assert_catches, assert_passes

B = "FROM python:3.12 AS build\nWORKDIR /app\nCOPY . .\n"
CATCHES = [
    B + "RUN pip install -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /app /app\nCMD [\"python\", \"/app/m.py\"]\n",
    B + "RUN pip install --user -r requirements.txt\nFROM python:3.12-slim\nCOPY --from=build /app /app\n"
        "CMD [\"gunicorn\", \"app:app\"]\n",
    B + "RUN python -m venv /venv && /venv/bin/pip install -r r.txt\nFROM python:3.12-slim\n"
        "COPY --from=build /app /app\nCMD [\"python\", \"m.py\"]\n",
    B + "RUN pip install --target=/deps flask\nFROM python:3.12-slim\nCOPY --from=build /app /app\nCMD [\"python\", \"m.py\"]\n",
    # a relative source is read from the stage's root
    "FROM node:20 AS build\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n"
    "FROM nginx:1.27\nCOPY --from=build dist /usr/share/nginx/html\n",
    "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /src/bin/app .\n"
    "FROM scratch\nCOPY --from=build /out/app /app\n",
]
PASSES = [
    B + "RUN pip install --prefix=/install -r r.txt\nFROM python:3.12-slim\nCOPY --from=build /install /usr/local\n"
        "COPY --from=build /app /app\nCMD [\"python\", \"m.py\"]\n",
    B + "RUN pip install --user -r r.txt\nFROM python:3.12-slim\nCOPY --from=build /root/.local /root/.local\n"
        "COPY --from=build /app /app\nCMD [\"python\", \"m.py\"]\n",
    B + "RUN pip wheel -w /wheels -r r.txt\nFROM python:3.12-slim\nCOPY --from=build /wheels /wheels\n"
        "RUN pip install /wheels/*\nCMD [\"python\", \"m.py\"]\n",
    B + "RUN pip install -r r.txt\nFROM python:3.12-slim\nCOPY --from=build /usr/local/lib/python3.12/site-packages "
        "/usr/local/lib/python3.12/site-packages\nCOPY --from=build /app /app\nCMD [\"python\", \"m.py\"]\n",
    # only upgrades pip: nothing to miss
    B + "RUN pip install -U pip\nFROM python:3.12-slim\nCOPY --from=build /app /app\nCMD [\"python\", \"m.py\"]\n",
    # the final stage does not run Python
    B + "RUN pip install -r r.txt && python build.py\nFROM nginx:1.27\nCOPY --from=build /app/site /usr/share/nginx/html\n",
    # the path is created where we can see it
    "FROM node:20 AS build\nWORKDIR /app\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /html\n",
    "FROM golang:1.22 AS build\nRUN mkdir /out && go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n",
    # a build running in / could create anything
    "FROM node:20 AS build\nCOPY . .\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=build /dist /html\n",
    # unknown base image, variables
    "FROM example/builder AS build\nWORKDIR /src\nFROM scratch\nCOPY --from=build /out/app /app\n",
    "FROM golang:1.22 AS build\nARG OUT\nWORKDIR /src\nFROM scratch\nARG OUT\nCOPY --from=build $OUT /app\n",
    "FROM golang:1.22 AS build\nWORKDIR /src\nRUN go build -o /go/bin/app .\nFROM scratch\nCOPY --from=build /go/bin/app /app\n",
]


@pytest.mark.parametrize("text", CATCHES)
def test_catches(text):
    assert_catches("DW450", text)


@pytest.mark.parametrize("text", PASSES)
def test_passes(text):
    assert_passes("DW450", text)
