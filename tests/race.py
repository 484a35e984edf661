"""Running jobs at the same moment on real threads (the attack run's concurrent writers).

A plain module any test folder can import (``sys.path`` holds ``tests/``)::

    from race import race

    results = race(lambda: approve(1), lambda: approve(2), lambda: store.import_county(d))
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


def race(*jobs: Callable[[], Any], timeout: float = 120) -> list[Any]:
    """Start every job together (a barrier) on its own thread; their results, in order."""
    start = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(i: int, job: Callable[[], Any]) -> None:
        start.wait()
        results[i] = job()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results
