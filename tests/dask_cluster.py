"""A real Dask cluster for tests: ``dask scheduler`` and worker processes on 127.0.0.1.

Free ports are picked at random; every process is started in its own process group and
stopped (by its id) when the block ends. Workers run without a nanny, so killing one kills the
process that runs the tasks, as a machine failing would.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DASK = str(Path(sys.executable).parent / "dask")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(args: list[str], log: Path) -> subprocess.Popen:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    return subprocess.Popen([DASK, *args], stdout=log.open("w"), stderr=subprocess.STDOUT,
                            env=env, start_new_session=True)


def start_worker(address: str, name: str, logs: Path) -> subprocess.Popen:
    return _start(["worker", address, "--nthreads", "1", "--no-nanny", "--name", name,
                   "--host", "127.0.0.1", "--no-dashboard"], logs / f"{name}.log")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


@contextmanager
def dask_cluster(logs: Path, workers: int = 2) -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """(scheduler address, worker processes); waits until every worker has joined."""
    from distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = _start(["scheduler", "--host", "127.0.0.1", "--port", str(port),
                        "--dashboard-address", f"127.0.0.1:{free_port()}"],
                       logs / "scheduler.log")
    procs = [start_worker(address, f"w{i + 1}", logs) for i in range(workers)]
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with Client(address, timeout="5s") as client:
                    client.wait_for_workers(workers, timeout=60)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield address, procs
    finally:
        for p in [*procs, scheduler]:
            stop(p)
