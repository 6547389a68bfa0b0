"""A time limit per article, so that no pathological text can stall a run.

Catastrophic regex backtracking (or any other runaway loop) in a signal on a crafted text
could otherwise hold a run forever. `time_limit(seconds)` arms a POSIX interval timer
(setitimer/SIGALRM); when it fires, the handler raises ScoringTimeout in the scoring code.
CPython runs signal handlers between bytecodes and its regex engine polls for pending signals
while it backtracks, so both pure-Python loops and runaway regexes are interrupted.

Limits of the mechanism, on purpose kept simple:
- it works in a process's main thread only (CPython delivers signals there). Worker processes
  of `--jobs` each have their own main thread, so they are guarded too; threads (e.g. a Dask
  worker's thread pool) run unguarded;
- platforms without SIGALRM (Windows) run unguarded;
- a C extension that never returns to the interpreter cannot be interrupted.

The limit is process-wide: `set_limit()` (the CLI's `--time-limit`) also exports it in the
environment (ANALYZER_TIME_LIMIT) so that worker processes started afterwards inherit it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator

# 10 s per article: scoring takes ~5 ms per article on bbc_dev.jsonl and under 1 s for the
# largest article allowed by the default --max-bytes, so only a runaway is cut off.
DEFAULT_TIME_LIMIT = 10.0
ENV_VAR = "ANALYZER_TIME_LIMIT"

_limit: float | None = None


class ScoringTimeout(Exception):
    """Scoring one article took longer than the time limit."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"scoring took longer than {seconds:g} s (--time-limit)")
        self.seconds = seconds


def set_limit(seconds: float | None) -> None:
    """Set the per-article limit for this process and the worker processes it starts.

    0 or None switches the guard off.
    """
    global _limit
    _limit = float(seconds or 0)
    os.environ[ENV_VAR] = repr(_limit)


def current_limit() -> float:
    """The limit in force: set_limit's, else $ANALYZER_TIME_LIMIT, else DEFAULT_TIME_LIMIT."""
    if _limit is not None:
        return _limit
    raw = os.environ.get(ENV_VAR)
    if raw:
        try:
            return max(0.0, float(raw))
        except ValueError:
            pass
    return DEFAULT_TIME_LIMIT


def available() -> bool:
    """Whether the guard can work here (POSIX timers, and this is the main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


# deferred(): how many deferring blocks are open, and the timeout that fired inside them.
_defer_depth = 0
_pending: ScoringTimeout | None = None


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold the guard's timeout until the block ends, then raise it.

    For third-party code that would swallow ScoringTimeout: langdetect's profile loader wraps
    each file in a bare `except:` and turns any exception into its own error, which
    language.detect reads as "unsure", so the run went on with no guard left (a 50 MB article
    then took over 100 s against --time-limit 3). Only for short, bounded work. (Blocking SIGALRM
    with a signal mask would not do: the kernel hands a process alarm to any thread that does
    not block it, and Python then runs the handler in the main thread all the same.)
    """
    global _defer_depth, _pending
    _defer_depth += 1
    try:
        yield
    finally:
        _defer_depth -= 1
        if not _defer_depth and _pending is not None:
            exc, _pending = _pending, None
            raise exc


@contextlib.contextmanager
def time_limit(seconds: float | None = None, limit: float | None = None) -> Iterator[None]:
    """Raise ScoringTimeout inside the block if it runs longer than `seconds` (default: current_limit()).

    `limit` is the limit the error names, when the block is the rest of a longer scoring (default:
    `seconds`). Nested use is allowed: the outer handler is put back afterwards and the outer
    timer re-armed with what it had left.
    """
    seconds = current_limit() if seconds is None else seconds
    shown = seconds if limit is None else limit
    if seconds <= 0 or not available():
        yield
        return

    def _on_alarm(signum: int, frame: object) -> None:
        global _pending
        if _defer_depth:
            _pending = ScoringTimeout(shown)  # raised when the deferring block ends
            return
        raise ScoringTimeout(shown)

    previous_handler = signal.signal(signal.SIGALRM, _on_alarm)
    started = time.monotonic()
    previous_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:  # even if the alarm fired right at the end of the block
            signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:
            # Re-arm the outer timer for what it had left (at least a tick, so it still fires).
            left = previous_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
