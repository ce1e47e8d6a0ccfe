"""Progress of long builds and ingests: done, rate, time left; silent when not a terminal.

On a terminal, one line rewritten in place at most every half second
(`  1,234/10,000 documents  85.3/s  ETA 1m43s`); in a log, a pipe or a test, nothing
but the messages the caller prints itself, so logs stay readable.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class Progress:
    def __init__(
        self,
        total: int | None,
        unit: str,
        *,
        note: Callable[[str], None] | None = None,
        stream: TextIO | None = None,
        interval: float = 0.5,
    ) -> None:
        self.total = total
        self.unit = unit
        self.done_count = 0
        self.started = time.monotonic()
        self.stream = stream if stream is not None else sys.stderr
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval
        self._last = 0.0
        self._note = note
        self._shown = False

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.done_count / elapsed
        if self.total:
            text = f"{self.done_count:,}/{self.total:,} {self.unit}  {rate:.1f}/s"
            if rate > 0 and self.done_count < self.total:
                text += f"  ETA {_duration((self.total - self.done_count) / rate)}"
        else:
            text = f"{self.done_count:,} {self.unit}  {rate:.1f}/s"
        return text

    def advance(self, n: int = 1) -> None:
        self.done_count += n
        if not self.live:
            return
        now = time.monotonic()
        if now - self._last >= self.interval or (self.total and self.done_count >= self.total):
            self._last = now
            self.stream.write("\r\x1b[K  " + self.line())
            self.stream.flush()
            self._shown = True

    def note(self, message: str) -> None:
        """A message worth keeping (a skipped document): printed on its own line."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self._shown = False
        if self._note is not None:
            self._note(message)

    def done(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K  " + self.line() + "\n")
            self.stream.flush()
            self._shown = False
