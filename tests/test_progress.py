"""Progress of long builds (issue 15): done, rate and time left on a terminal; nothing
in a pipe or a log."""

from __future__ import annotations

import io
import time

from kg.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_done_rate_and_eta() -> None:
    out = Terminal()
    p = Progress(1000, "documents", stream=out, interval=0.0)
    time.sleep(0.05)
    for _ in range(250):
        p.advance()
    text = out.getvalue()
    assert "\r" in text
    last = text.rsplit("\r", 1)[1]
    assert "250/1,000 documents" in last
    assert "/s" in last and "ETA" in last
    p.done()
    assert out.getvalue().endswith("\n")


def test_a_pipe_sees_nothing_but_notes() -> None:
    out = io.StringIO()
    notes: list[str] = []
    p = Progress(10, "documents", stream=out, note=notes.append, interval=0.0)
    for _ in range(10):
        p.advance()
    p.note("skipped bad.txt: empty document")
    p.done()
    assert out.getvalue() == ""
    assert notes == ["skipped bad.txt: empty document"]


def test_the_build_is_quiet_when_not_a_terminal(tmp_path) -> None:
    from tests.conftest import SEEDS, kg_env, run_kg

    proc = run_kg("build", str(SEEDS), env=kg_env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "\r" not in proc.stderr and "ETA" not in proc.stderr
    assert "built 5 documents" in proc.stderr
