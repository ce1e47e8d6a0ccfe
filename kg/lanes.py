"""Which lane a request waits in: cheap queries must not queue behind expensive ones.

With 32 clients running 0.7 s queries, a one-row lookup used to wait p50 3.4 s,
p99 34 s, and /health timed out: every query process was busy with the expensive
ones and the queue was one line. The query pool (kg/executor.py) therefore has two
lanes:

- the **light** lane: a few processes kept for queries expected to be cheap, and for
  /health. A query there gets a short budget (`NEWSGRAPH_LIGHT_BUDGET`); past it, it
  is stopped and sent to the heavy lane (losing at most that budget), and its shape is
  remembered as expensive;
- the **heavy** lane: the other processes, at a lower CPU priority (nice), for queries
  known or guessed to be expensive, and for validations. Its queue is bounded
  (admission control): past the bound a request gets the documented 503 at once.

A request's cost is guessed, before it runs, from what was measured before:

- its *shape*: the text with IRIs, strings and comments blanked out, so "the same
  query about another person" is one shape. Each shape keeps a moving average of its
  run time;
- its *client* (the remote address): the query-seconds it used recently (decaying
  with a 30 s half-life). An unknown shape from a client that has been using a lot is
  guessed heavy.

Within a lane, the waiter whose client used the least recently goes first (then the
oldest): one client's flood does not starve another's requests.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
import time
from collections import Counter, OrderedDict

LIGHT, HEAVY = "light", "heavy"
# A shape whose average run is under this is "cheap" (light lane).
LIGHT_MAX_SECONDS = 0.2
# A client that used more than this many query-seconds recently (decayed) is heavy.
CLIENT_HEAVY_SECONDS = 10.0
CLIENT_HALF_LIFE = 30.0
MAX_SHAPES = 4096
MAX_CLIENTS = 4096

_BLANKS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|<[^<>\"{}|^`\\\x00-\x20]*>"
    r"|#[^\n\r]*"
    r"|\s+",
    re.DOTALL,
)


_SHAPES: dict[str, str] = {}
_SHAPES_MAX = 4096


def shape(text: str) -> str:
    """A short fingerprint of a query's structure: IRIs, strings and comments blanked,
    whitespace collapsed (numbers kept: a LIMIT changes the cost). Remembered per text
    (up to 4,096 short texts): a client repeating a query pays the regex once."""
    known = _SHAPES.get(text)
    if known is not None:
        return known
    fingerprint = _shape(text)
    if len(text) < 4096:
        if len(_SHAPES) >= _SHAPES_MAX:
            _SHAPES.clear()
        _SHAPES[text] = fingerprint
    return fingerprint


def _shape(text: str) -> str:

    def blank(m: re.Match) -> str:
        tok = m.group()
        if tok[0] in "\"'":
            return '""'
        if tok[0] == "<":
            return "<>"
        return " " if not tok.startswith("#") else ""

    normal = _BLANKS.sub(blank, text[:1_000_000]).strip()
    return hashlib.blake2b(normal.encode("utf-8", "replace"), digest_size=8).hexdigest()


class CostModel:
    """What the pool learned about shapes and clients; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._shapes: OrderedDict[str, float] = OrderedDict()
        self._inflight: Counter[str] = Counter()
        self._clients: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def usage(self, client: str, now: float | None = None) -> float:
        """Query-seconds the client used recently (exponentially decayed)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            used, stamp = self._clients.get(client, (0.0, now))
        return used * math.pow(0.5, (now - stamp) / CLIENT_HALF_LIFE)

    def lane(self, fingerprint: str, client: str) -> str:
        """The lane a query of this shape from this client waits in."""
        with self._lock:
            known = self._shapes.get(fingerprint)
            running = self._inflight[fingerprint]
        if known is not None:
            return LIGHT if known < LIGHT_MAX_SECONDS else HEAVY
        if running:  # the same unknown shape is running now: do not bet a second slot
            return HEAVY
        return HEAVY if self.usage(client) > CLIENT_HEAVY_SECONDS else LIGHT

    def started(self, fingerprint: str) -> None:
        with self._lock:
            self._inflight[fingerprint] += 1

    def finished(self, fingerprint: str, client: str, seconds: float) -> None:
        """Record a run (or the budget a stopped run used): shape average, client usage."""
        now = time.monotonic()
        with self._lock:
            self._inflight[fingerprint] -= 1
            if self._inflight[fingerprint] <= 0:
                del self._inflight[fingerprint]
            old = self._shapes.pop(fingerprint, None)
            self._shapes[fingerprint] = seconds if old is None else 0.7 * old + 0.3 * seconds
            if len(self._shapes) > MAX_SHAPES:
                self._shapes.popitem(last=False)
            used, stamp = self._clients.pop(client, (0.0, now))
            decayed = used * math.pow(0.5, (now - stamp) / CLIENT_HALF_LIFE)
            self._clients[client] = (decayed + seconds, now)
            if len(self._clients) > MAX_CLIENTS:
                self._clients.popitem(last=False)

    def mark_heavy(self, fingerprint: str, seconds: float) -> None:
        """A light-lane run went past its budget: this shape is expensive."""
        with self._lock:
            self._shapes.pop(fingerprint, None)
            self._shapes[fingerprint] = max(seconds, LIGHT_MAX_SECONDS * 2)
