"""Helper processes for :func:`~junheng.optimize.solve_facility` with ``workers > 1``.

Large single-source problems (the branch of :mod:`._large_single`) end where their path
leads them: on Trafford (73 × 737, best known then 31,016.92, now 30,902.98) three seeds of one process ended
at +0.067 %, +0.057 % and +0.165 % after 120 s on a quiet machine. Each helper runs the
whole pipeline in its own process with another seed (another order of neighbourhoods,
another HiGHS seed), until :data:`HELPER_SHARE` of the time limit; the main process lays
its own phases out in the same share, then takes their solutions and bounds
(:func:`gather`), recombines the best with the others and every process's trajectory ends
in the kernel MILP, and searches neighbourhoods from that until 95 % before its final MILP
(:mod:`.solve`). Joined at 88 % and 95 % with no search after the kernel, three seeds at
load 5-7 ended at 30,947.23, 31,025.36 and 31,026.17; joined at 75 % / 80 % with the
search after it, the same seeds ended at 30,916.70, 31,017.50 and 31,016.60
(docs/facility-bench.md, R12).

Helpers run only on idle cores (:func:`idle_cores`, :func:`helper_count`): on a busy
machine a helper takes its CPU from the main process (Trafford, load 4-5: the main process
had 38 s of CPU in 120 s beside its helper, 83 s alone, and ended +0.243 % against
+0.146 %).

Helpers are separate processes started with ``spawn`` (no fork of a process that may hold
solver or server threads). A helper that dies or does not answer by the main process's
deadline is stopped and left out: the main process never waits past :data:`GATHER_SHARE`
of the time limit, and its own solution stands alone (``details["helpers"]`` says what
each helper gave).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import time
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection

from junheng.optimize.facility import FacilityProblem, FacilitySolution
from junheng.optimize.options import SolveOptions

#: Share of the time limit (from the main process's start) at which a helper stops: its
#: own pipeline, final MILP included, fits in it; the main process lays its own phases
#: out in it too, and has the rest to recombine the ends and search from the result.
HELPER_SHARE = 0.75
#: Share of the time limit after which the main process stops waiting for its helpers.
GATHER_SHARE = 0.8
#: Seed offset between the main process and each helper.
SEED_STEP = 1_000
#: How often (seconds) the main process checks that a helper it waits for is alive.
POLL = 0.2


@dataclass
class Helper:
    """One helper process and the end of the pipe it answers on."""

    process: multiprocessing.Process
    pipe: Connection
    seed: int


#: An idle core counts from this fraction of a core on (:func:`helper_count`).
IDLE_SLACK = 0.3


def idle_cores(sample: float = 0.25) -> float:
    """Cores idle besides this process's own: the machine's idle share over ``sample``
    seconds (``/proc/stat``, while this process sleeps) times the cores, less the one core
    this process will use. Where ``/proc/stat`` cannot be read: the cores less one less
    the 1-minute load average (which lags: a run just ended still counts for a minute).
    """
    before = _cpu_times()
    if before is None:
        return (os.cpu_count() or 1) - 1.0 - os.getloadavg()[0]
    time.sleep(sample)
    after = _cpu_times()
    idle, total = (after[0] - before[0]), (after[1] - before[1])
    return (os.cpu_count() or 1) * idle / max(total, 1) - 1.0


def _cpu_times() -> tuple[int, int] | None:
    """Idle (idle + iowait) and total jiffies of all cores from ``/proc/stat``."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    return fields[3] + fields[4], sum(fields[:8])


def helper_count(workers: int, idle: float) -> int:
    """Helpers to start for ``workers`` processes with ``idle`` cores besides this
    process's (:func:`idle_cores`): at most ``workers - 1``, and no more than the idle
    cores (each counted from :data:`IDLE_SLACK` of a core).

    >>> helper_count(2, 1.9), helper_count(2, 0.8), helper_count(4, 1.2), helper_count(1, 3.0)
    (1, 1, 1, 0)
    >>> helper_count(2, 0.6), helper_count(2, -2.5)
    (0, 0)
    """
    return max(0, min(workers - 1, math.floor(idle + IDLE_SLACK)))


def start_helpers(problem: FacilityProblem, options: SolveOptions, count: int) -> list[Helper]:
    """Start ``count`` helpers (:func:`helper_count`), each with its own seed, all stopping
    at :data:`HELPER_SHARE` of the time limit from now (wall clock, shared by processes)."""
    context = multiprocessing.get_context("spawn")
    stop_at = time.time() + HELPER_SHARE * options.time_limit
    helpers = []
    for number in range(1, count + 1):
        seed = options.seed + SEED_STEP * number
        own = replace(options, workers=1, seed=seed)
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_work, args=(send, problem, own, stop_at),
                                  daemon=True, name=f"junheng-helper-{number}")
        process.start()
        send.close()  # the helper holds its own copy; a dead helper then closes the pipe
        helpers.append(Helper(process, receive, seed))
    return helpers


def _work(pipe: Connection, problem: FacilityProblem, options: SolveOptions,
          stop_at: float) -> None:
    """A helper's body: the pipeline with its own seed until ``stop_at`` (``time.time``)."""
    from junheng.optimize.solve import solve_facility

    answer: FacilitySolution | str
    try:
        limit = stop_at - time.time()
        if limit <= 1.0:
            answer = f"started too late ({limit:.1f} s left)"
        else:
            answer = solve_facility(problem, replace(options, time_limit=limit))
    except Exception as error:  # any failure is reported, the main process goes on alone
        answer = f"{type(error).__name__}: {error}"
    try:
        pipe.send(answer)
    finally:
        pipe.close()


def gather(helpers: list[Helper], deadline: float) -> tuple[list[FacilitySolution], list[str]]:
    """The helpers' solutions, waiting until ``deadline`` (``time.perf_counter``) at most;
    with one line per helper on what it gave. Every helper is stopped on return."""
    found, notes = [], []
    for helper in helpers:
        answer = _answer(helper, deadline)
        if isinstance(answer, FacilitySolution):
            found.append(answer)
            notes.append(f"seed {helper.seed}: {answer.objective:.2f} "
                         f"(bound {answer.bound:.2f}, {answer.seconds:.1f} s)")
        else:
            notes.append(f"seed {helper.seed}: {answer}")
        stop(helper)
    return found, notes


def _answer(helper: Helper, deadline: float) -> FacilitySolution | str:
    """What ``helper`` sent, or why nothing: it died, or ``deadline`` passed."""
    while True:
        left = deadline - time.perf_counter()
        if helper.pipe.poll(max(min(POLL, left), 0.0)):
            try:
                return helper.pipe.recv()
            except (EOFError, OSError):  # the pipe closed: the helper ended without answer
                return _died(helper)
        if not helper.process.is_alive() and not helper.pipe.poll():
            return _died(helper)
        if left <= 0:
            return "no answer by the deadline"


def _died(helper: Helper) -> str:
    helper.process.join(timeout=5)  # its pipe may close before the process is reaped
    return f"died (exit code {helper.process.exitcode})"


def stop(helper: Helper) -> None:
    """End ``helper``'s process (if still running) and close its pipe."""
    if helper.process.is_alive():
        helper.process.terminate()
    helper.process.join(timeout=5)
    if helper.process.is_alive():
        helper.process.kill()
        helper.process.join(timeout=5)
    helper.pipe.close()
