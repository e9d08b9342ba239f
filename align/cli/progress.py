"""Progress of the batch commands on stderr (``tawazi batch``, ``tawazi align --manifest``).

The library reports each finished document through a callback (``batch.run.Progress``); this
is the callback the commands give it. On a terminal a bar is redrawn in place, at most ten
times a second; otherwise (a log, a pipe) one plain line per document aligned or failed, so
that logs stay readable.
"""

from __future__ import annotations

import time
from typing import TextIO

from ..batch.run import DocResult

#: Least time between two redraws of the bar, in seconds (display only, no output changes).
REDRAW = 0.1
BAR_WIDTH = 30
#: Back to the start of the line and clear it (the bar's line, before a note is printed).
CLEAR = "\r\x1b[K"


class Progress:
    """Documents done, rate and time left (see the module docstring)."""

    def __init__(self, stream: TextIO, tty: bool, unit: str = "documents") -> None:
        self.stream, self.tty, self.unit = stream, tty, unit
        self.start = time.monotonic()
        self.aligned = 0
        self.skipped = 0
        self.last_draw = 0.0

    def __call__(self, res: DocResult, done: int, total: int) -> None:
        if res.skipped:
            self.skipped += 1
        else:
            self.aligned += 1
        elapsed = time.monotonic() - self.start
        rate = self.aligned / elapsed if elapsed > 0 else 0.0
        left = (total - done) / rate if rate > 0 else 0.0
        for note in res.notes:
            self.stream.write(f"{CLEAR if self.tty else ''}tawazi: note: {note}\n")
        if self.tty:
            self._bar(res, done, total, rate, left)
        elif res.error:
            self.stream.write(f"tawazi: [{done}/{total}] {res.name}: error: {res.error}\n")
        elif not res.skipped:
            self.stream.write(f"tawazi: [{done}/{total}] {res.name} done in {res.seconds:.1f} s "
                              f"({rate:.1f} {self.unit}/s, about {left:.0f} s left)\n")
        self.stream.flush()

    def _bar(self, res: DocResult, done: int, total: int, rate: float, left: float) -> None:
        if res.error:
            self.stream.write(f"\r\x1b[Ktawazi: error: {res.name}: {res.error}\n")
        now = time.monotonic()
        if now - self.last_draw < REDRAW and done < total:
            return
        self.last_draw = now
        filled = int(BAR_WIDTH * done / total) if total else BAR_WIDTH
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        eta = f"{int(left) // 60}:{int(left) % 60:02d}" if rate else "-:--"
        self.stream.write(f"\r\x1b[K{bar} {done}/{total} {self.unit}  {rate:.1f}/s  "
                          f"left {eta}")
        if done == total:
            self.stream.write("\n")
