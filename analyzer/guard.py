"""A time limit per article, so that no pathological text can stall a run.

Catastrophic regex backtracking (or any other runaway loop) in a signal on a crafted text
could otherwise hold a run forever. `time_limit(seconds)` arms a POSIX interval timer of the
process's CPU time (setitimer ITIMER_PROF/SIGPROF): the limit counts the work done, not the wall
clock, so whether an article is scored or skipped does not depend on what else the machine runs
(on a shared 2-core machine a 2.5 MB text took 19 s of wall clock for 6 s of CPU and was skipped
at a 10 s limit, a helper's bug hunt; scoring is CPU-bound, it waits on nothing). When it fires,
the handler raises ScoringTimeout in the scoring code. A raise that
Python swallows (one landing in a gc callback or a `__del__`) is retried every FOLLOW_UP_SECONDS, and a
block that ends over time raises on the way out, so the limit holds all the same.
CPython runs signal handlers between bytecodes and its regex engine polls for pending signals
while it backtracks, so both pure-Python loops and runaway regexes are interrupted.

Limits of the mechanism, on purpose kept simple:
- it works in a process's main thread only (CPython delivers signals there). Worker processes
  of `--jobs` each have their own main thread, so they are guarded too; threads (e.g. a Dask
  worker's thread pool) run unguarded;
- platforms without setitimer and SIGPROF (Windows) run unguarded;
- a C extension that never returns to the interpreter cannot be interrupted.

The limit is process-wide: `set_limit()` (the CLI's `--time-limit`) also exports it in the
environment (ANALYZER_TIME_LIMIT) so that worker processes started afterwards inherit it. Without
one, each article gets default_limit() of its length: 10 s, and 10 s per million characters
beyond that.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from types import FrameType, TracebackType

# 10 s per article: scoring takes ~5 ms per article on bbc_dev.jsonl, so only a runaway is cut off...
DEFAULT_TIME_LIMIT = 10.0
# ...and 10 s per this many characters for a longer one (default_limit): a scraped page or a
# concatenated feed can be one article of megabytes, whose scoring is legitimately long, and was
# cut off at 10 s. bench/bench_memory.py --sizes on joined bbc_dev.jsonl texts, CPU of the scoring
# after start-up on a shared 2-core machine: 2.8 s for 1 MB, 13.9 s for 5 MB, 29.7 s for 10 MB,
# about a third of this limit (before the fixes of 2026-11-23: 5.1, 23.7 and 47.2 s).
DEFAULT_LIMIT_CHARS = 1_000_000
# After the deadline the alarm fires again every 0.1 s until the guarded block ends, in case a raise
# was swallowed (a gc callback, a __del__). Longer than the longest garbage-collection pass measured
# while scoring bbc_dev.jsonl (62 ms, a generation-2 pass; p99 4 ms), so a retry does not land in the
# same pass; and 1% of DEFAULT_TIME_LIMIT, the most an over-time article overruns per lost raise.
FOLLOW_UP_SECONDS = 0.1
ENV_VAR = "ANALYZER_TIME_LIMIT"
# The timer, its signal and the clock it counts: CPU time of the process (user and system, every
# thread; the pipeline holds BLAS to one thread, limit_blas_threads).
TIMER = getattr(signal, "ITIMER_PROF", None)
TIMER_SIGNAL = getattr(signal, "SIGPROF", None)
clock = time.process_time

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


def clear_limit() -> None:
    """Back to the default limit (default_limit) in this process and the worker processes it starts."""
    global _limit
    _limit = None
    os.environ.pop(ENV_VAR, None)


def default_limit(chars: int = 0) -> float:
    """The limit for an article of `chars` characters when none is given: DEFAULT_TIME_LIMIT per
    DEFAULT_LIMIT_CHARS characters, and at least DEFAULT_TIME_LIMIT."""
    return max(DEFAULT_TIME_LIMIT, DEFAULT_TIME_LIMIT * chars / DEFAULT_LIMIT_CHARS)


def current_limit(chars: int = 0) -> float:
    """The limit in force for an article of `chars` characters: set_limit's, else
    $ANALYZER_TIME_LIMIT, exactly as given; else default_limit(chars)."""
    if _limit is not None:
        return _limit
    raw = os.environ.get(ENV_VAR)
    if raw:
        try:
            return max(0.0, float(raw))
        except ValueError:
            pass
    return default_limit(chars)


def available() -> bool:
    """Whether the guard can work here (POSIX timers, and this is the main thread)."""
    return (hasattr(signal, "setitimer") and TIMER is not None and TIMER_SIGNAL is not None
            and threading.current_thread() is threading.main_thread())


# deferred(): how many deferring blocks are open, and the timeout that fired inside them.
_defer_depth = 0
_pending: ScoringTimeout | None = None


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold the guard's timeout until the block ends, then raise it.

    For third-party code that would swallow ScoringTimeout: langdetect's profile loader wraps
    each file in a bare `except:` and turns any exception into its own error, which
    language.detect reads as "unsure", so the run went on with no guard left (a 50 MB article
    then took over 100 s against --time-limit 3). Only for short, bounded work. (Blocking the signal
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


class time_limit:  # lower case: it replaced a function of that name, and reads as one in `with`
    """Raise ScoringTimeout inside the block if it takes more than `seconds` of CPU time (default:
    current_limit()).

    `limit` is the limit the error names, when the block is the rest of a longer scoring (default:
    `seconds`). Nested use is allowed: the outer handler is put back afterwards and the outer
    timer re-armed with what it had left.

    The raise can be lost: an alarm that lands in a garbage-collection callback or a `__del__` raises
    there, and Python swallows it ("Exception ignored in ..."). So the handler also records that the
    deadline passed, and the timer keeps firing every FOLLOW_UP_SECONDS until the block ends, raising
    again; and a block that ends over time (the flag, or the clock) raises ScoringTimeout on the way
    out, even if its own code ran to the end or ended in another error.
    """

    def __init__(self, seconds: float | None = None, limit: float | None = None) -> None:
        self.seconds = current_limit() if seconds is None else seconds
        self.shown = self.seconds if limit is None else limit
        self.armed = False
        self.expired = False

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        global _pending
        self.expired = True
        if frame is not None and frame.f_code in _GUARD_CODE:
            return  # arming or disarming: __exit__ raises once the timer is off and the handler put back
        if _defer_depth:
            _pending = ScoringTimeout(self.shown)  # raised when the deferring block ends
            return
        raise ScoringTimeout(self.shown)

    def __enter__(self) -> None:
        if self.seconds <= 0 or not available():
            return
        self.previous_handler = signal.signal(TIMER_SIGNAL, self._on_alarm)
        self.started = clock()
        self.armed = True
        # First at the deadline, then every FOLLOW_UP_SECONDS until __exit__ stops it.
        self.previous_delay, self.previous_interval = signal.setitimer(TIMER, self.seconds, FOLLOW_UP_SECONDS)

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 traceback: TracebackType | None) -> None:
        global _pending
        if not self.armed:
            return
        self.armed = False
        # An alarm arriving from here on finds this frame and only sets the flag (_on_alarm).
        signal.setitimer(TIMER, 0)
        signal.signal(TIMER_SIGNAL, self.previous_handler)
        if not _defer_depth:
            # A time-out a deferring block stored but could not raise (a follow-up alarm cut its
            # finally short) is this block's, reported below: it must not hit the next article.
            _pending = None
        if self.previous_delay:
            # Re-arm the outer timer for what it had left (at least a tick, so it still fires).
            left = self.previous_delay - (clock() - self.started)
            signal.setitimer(TIMER, max(left, 0.001), self.previous_interval)
        if isinstance(exc, ScoringTimeout) or (exc is not None and not isinstance(exc, Exception)):
            return  # already a time-out, or Ctrl-C / exit, which must stay what they are
        if self.expired or clock() - self.started >= self.seconds:
            raise ScoringTimeout(self.shown) from exc


# Frames in which the handler must not raise: the guard's own arming and disarming.
_GUARD_CODE = frozenset({time_limit.__enter__.__code__, time_limit.__exit__.__code__})
