"""Which stages a build needs: edges FROM <stage>, COPY --from=<stage>, RUN --mount=from=<stage>."""

from __future__ import annotations

from ..dockerfile.model import Dockerfile
from ..dockerfile.stages import Stage, stage_by_ref


def dependencies(df: Dockerfile, stage: Stage) -> tuple[set[int], bool]:
    """Indexes of the stages `stage` needs directly, and whether every reference was resolved."""
    deps: set[int] = set()
    resolved = True
    if stage.base_stage is not None:
        deps.add(stage.base_stage.index)
    if stage.image_word is not None and "$" in stage.image_word.value:
        # FROM ${X}: could name any stage (platform args such as TARGETARCH expand to "" statically)
        resolved = False
    for ins in stage.instructions:
        for node in (ins, ins.sub) if ins.sub is not None else (ins,):
            refs = []
            if node.keyword in ("COPY", "ADD"):
                f = node.flag("from")
                if f is not None:
                    refs.append(f.value or "")
            if node.keyword == "RUN":
                for m in node.flags_named("mount"):
                    src = m.options().get("from")
                    if src:
                        refs.append(src)
            for ref in refs:
                if "$" in ref:
                    resolved = False  # a build argument picks the stage
                    continue
                target = stage_by_ref(df, ref, stage.index)
                if target is not None:
                    deps.add(target.index)
    return deps, resolved


def reachable(df: Dockerfile, target: Stage) -> tuple[set[int], bool]:
    """Stages built for `target` (itself included), and whether all references were resolved."""
    seen: set[int] = set()
    ok = True
    todo = [target.index]
    while todo:
        k = todo.pop()
        if k in seen:
            continue
        seen.add(k)
        deps, resolved = dependencies(df, df.stages[k])
        ok = ok and resolved
        todo.extend(deps - seen)
    return seen, ok


def unused_stages(df: Dockerfile) -> list[Stage]:
    """Stages the final stage never needs, in file order; none when a reference is unresolved
    (a build argument could pick any stage). Shared by DW453 (unnamed) and DW455 (named)."""
    if len(df.stages) < 2:
        return []
    used, resolved = reachable(df, df.stages[-1])
    if not resolved:
        return []
    return [stage for stage in df.stages[:-1] if stage.index not in used]
