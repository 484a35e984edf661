"""Timing helpers the benchmarks share."""

from __future__ import annotations

import time


def timed(fn, *args, **kwargs):
    """(result, wall seconds) of ``fn(*args, **kwargs)``."""
    began = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - began


def timed_cpu(fn, *args, **kwargs):
    """(result, wall seconds, CPU seconds of this process): on a shared machine the CPU time
    shows the work itself."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - wall, time.process_time() - cpu
