"""Garbage collection off the path from a keystroke to its diagnostics.

A model holds no reference cycles (an instruction points at its stage weakly), so a replaced
model is freed at once by reference counting; what cyclic garbage the server makes (the
protocol's futures, exceptions) is small. Yet Python's collector runs when enough objects were
made, which is in the middle of a check: an edit of a 20,000-line document leaves ~36,000 new
live objects (the moved instructions), and the young collections that walked them took 20-70 ms
of some edits, a full one (which walks every object of every open document) 65 ms with one
267-line document open and 350-530 ms with 50. Measured with no collection at all, none of it
was garbage.

So the server collects at moments of its own choosing:
  * after each published check (or pulled diagnostics), nothing is walked: what the check left
    is frozen (moved out of every later collection's way, in constant time). Checks make no
    cyclic garbage: a young collection after each of them, on 300-line and 5,000-line documents,
    found nothing to free, and walking what a check of 800 stages leaves cost 10-30 ms, paid by
    the next keystroke while typing;
  * once the user pauses (`IDLE_S`), the young and middle generations (what came since the last
    check), and everything when the frozen objects grew to twice what the last full collection
    left (`GROWTH`): cyclic garbage, if some check ever makes it, stays below the live size;
  * after a long pause (`LONG_IDLE_S`), everything, frozen objects included.
The automatic collector stays on, with a high threshold, only as a backstop for a long burst of
work with no publish in between.
"""

from __future__ import annotations

import asyncio
import gc

IDLE_S = 1.0
LONG_IDLE_S = 30.0
BACKSTOP = (300_000, 10, 10)  # automatic collection thresholds (young objects, then collections)
GROWTH = 2         # frozen objects, against what the last full collection left, that make a pause collect all
FLOOR = 100_000    # ...and never for fewer than this


def configure() -> None:
    """At start-up, once the server is loaded: its modules and tables are never garbage."""
    gc.freeze()
    gc.set_threshold(*BACKSTOP)
    collector.kept = gc.get_freeze_count()


class Collector:
    def __init__(self) -> None:
        self.timer: asyncio.TimerHandle | None = None
        self.long_timer: asyncio.TimerHandle | None = None
        self.checks = self.idle = self.full = 0  # what was done, for tests
        self.kept = 0  # frozen objects the last full collection left

    def checked(self) -> None:
        """A check's diagnostics went out: freeze what it left (nothing is walked)."""
        gc.freeze()
        self.checks += 1

    def answered(self) -> None:
        """Diagnostics were pulled: freeze what their check left once the answer is out."""
        try:
            asyncio.get_running_loop().call_soon(self.checked)
        except RuntimeError:  # no running loop (a handler called directly)
            self.checked()

    def edited(self) -> None:
        """A change arrived: collect once the user pauses."""
        for timer in (self.timer, self.long_timer):
            if timer is not None:
                timer.cancel()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no running loop (a handler called directly)
            self.timer = self.long_timer = None
            return
        self.timer = loop.call_later(IDLE_S, self.collect_idle)
        self.long_timer = loop.call_later(LONG_IDLE_S, self.collect_all)

    def collect_idle(self) -> None:
        self.timer = None
        if gc.get_freeze_count() > max(FLOOR, GROWTH * self.kept):
            self.collect_all()
            return
        gc.collect(1)
        gc.freeze()
        self.idle += 1

    def collect_all(self) -> None:
        self.long_timer = None
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.kept = gc.get_freeze_count()
        self.full += 1


collector = Collector()
