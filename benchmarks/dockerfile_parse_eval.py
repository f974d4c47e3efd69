#!/usr/bin/env python3
"""Does dockerfile-parse agree with BuildKit where we might use it?

For every ENV/LABEL/ARG instruction of the corpus, compare dockerfile-parse's key=value
extraction and word splitting (`dockerfile_parse.util.extract_key_values`, `WordSplitter`)
with BuildKit's semantics as reproduced by dockwise's model (itself verified against BuildKit's
parser on the whole corpus) followed by BuildKit's quote removal and variable expansion.

    python benchmarks/dockerfile_parse_eval.py
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from dockerfile_parse.util import WordSplitter, extract_key_values  # noqa: E402

from dockwise.dockerfile import parse  # noqa: E402
from dockwise.dockerfile.stages import stage_env  # noqa: E402
from dockwise.dockerfile.variables import expand  # noqa: E402
from shared_data import corpus_dockerfiles  # noqa: E402


def main() -> int:
    stats = Counter()
    examples = []
    t_ours = t_theirs = 0.0
    for path in corpus_dockerfiles():
        df = parse(path.read_text(errors="replace"))
        for stage in df.stages:
            for ins in stage.instructions:
                if ins.keyword not in ("ENV", "LABEL") or not ins.pairs:
                    continue
                env = stage_env(df, stage, ins)
                t = time.perf_counter()
                ours = [(kv.key.value, expand(kv.value.value, env, df.escape).value) for kv in ins.pairs if kv.value]
                t_ours += time.perf_counter() - t
                t = time.perf_counter()
                try:
                    theirs = extract_key_values(env_replace=True, args=dict((k, v or "") for k, v in env.items()),
                                                envs=dict((k, v or "") for k, v in env.items()),
                                                instruction_value=ins.rest)
                    theirs = [(k, v) for k, v in theirs]
                except Exception as e:  # noqa: BLE001 - we are measuring exactly this
                    theirs = f"raised {type(e).__name__}"
                t_theirs += time.perf_counter() - t
                stats["instructions"] += 1
                if theirs == ours:
                    stats["agree"] += 1
                else:
                    stats["disagree"] += 1
                    if len(examples) < 8:
                        examples.append((f"{path.parent.name}/{path.name}", ins.rest[:80], ours[:2], theirs if isinstance(theirs, str) else theirs[:2]))
    print(f"ENV/LABEL instructions: {stats['instructions']}, agree: {stats['agree']}, disagree: {stats['disagree']}")
    print(f"time: dockwise {t_ours * 1000:.1f} ms, dockerfile-parse {t_theirs * 1000:.1f} ms")
    for ex in examples:
        print("  ", ex)
    for word in ["a\\ b", "'a b'", '"a\\"b"', "$X", "${X:-d}", "a\\\\b"]:
        try:
            theirs = list(WordSplitter(word, args={"X": "1"}).split(dequote=True))
        except Exception as e:  # noqa: BLE001
            theirs = f"raised {type(e).__name__}: {e}"
        print(f"  split {word!r}: dockerfile-parse {theirs!r}, BuildKit {expand(word, {'X': '1'}).value!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
