"""``junheng demo --out`` from the command line, run once for the whole suite.

The session fixtures ``demo_cli`` and ``demo_run`` (``tests/conftest.py``) are one run of the
command a user types (``python -m junheng demo --out OUT``), in a new Python process whose
HOME and TMPDIR are empty folders of its own and with no cache or config folder chosen
(``MPLCONFIGDIR``, ``XDG_CACHE_HOME``, ``XDG_CONFIG_HOME`` unset). What the command printed and
those two folders serve ``tests/demo/test_demo_summary.py`` (nothing written outside ``--out``,
every listed file exists); its :class:`~junheng.jobs.demo.DemoRun`, handed back pickled, and
its files serve every other demo test. Until 2026-12-07 the suite ran the demo twice, in-process
for the fixture and again from the command line for the summary test: 100 s of the CI's 1,122.

The process differs from a user's run in two things only, neither seen by what the summary
test checks: "today" is the day the parent passes (the suite's ``PLAN_DAY``, the day the
demo tests' figures were worked out for, pinned as :func:`pinned_clock` pins the tests'
process), and ``print_summary`` first pickles the run it is given (``store`` left out: a
database connection; the parent opens ``junheng.db`` again).
"""

from __future__ import annotations

import copyreg
import os
import pickle
import runpy
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

SRC = Path(__file__).resolve().parent.parent / "src"


def pinned_clock(real: type[datetime], day: date) -> type[datetime]:
    """``real`` (the ``datetime`` class) with ``now()`` starting at noon Beijing time on
    ``day`` and running on from there (time stamps taken one after the other stay apart)."""
    noon = datetime(day.year, day.month, day.day, 4, tzinfo=UTC)  # 12:00 北京时间
    began = time.monotonic()

    class Pinned(real):
        @classmethod
        def now(cls, tz=None):
            moment = noon + timedelta(seconds=time.monotonic() - began)
            return moment.astimezone(tz) if tz else moment.replace(tzinfo=None)

    return Pinned


def clean_env(home: Path) -> dict[str, str]:
    """The environment with ``home`` as HOME and no cache or config folder chosen."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("MPLCONFIGDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")}
    return {**env, "HOME": str(home), "PYTHONPATH": str(SRC)}


@dataclass(frozen=True)
class DemoCli:
    """One ``junheng demo --out`` from the command line: its run, what it printed, and the
    HOME and TMPDIR it was given (empty folders before it ran)."""

    run: Any  # junheng.jobs.demo.DemoRun
    stdout: str
    home: Path
    scratch: Path


def run_demo_cli(folder: Path, day: date) -> DemoCli:
    """``junheng demo --out folder/out`` in a new process on ``day`` (HOME ``folder/home``,
    TMPDIR ``folder/tmp``)."""
    from junheng.store import open_store

    home, scratch, out, kept = (folder / name for name in ("home", "tmp", "out", "run.pickle"))
    home.mkdir()
    scratch.mkdir()
    done = subprocess.run([sys.executable, __file__, str(out), str(kept), day.isoformat()],
                          env={**clean_env(home), "TMPDIR": str(scratch)},
                          capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"junheng demo exited with {done.returncode}:\n{done.stdout}\n"
                           f"{done.stderr}")
    run = pickle.loads(kept.read_bytes())
    kept.unlink()
    store = open_store(f"sqlite:///{run.imported.db}")
    return DemoCli(replace(run, imported=replace(run.imported, store=store)), done.stdout,
                   home, scratch)


def _command(out: str, kept: str, day: str) -> None:
    """The child process: ``python -m junheng demo --out OUT``, keeping the run in ``kept``."""
    del sys.path[0]  # this file's folder (tests/): ``python -m`` puts the working folder there
    sys.path.insert(0, os.getcwd())
    from junheng.cli import demo as command
    from junheng.model import times
    from junheng.standards.files import frozen

    times.datetime = pinned_clock(times.datetime, date.fromisoformat(day))
    copyreg.pickle(MappingProxyType, lambda proxy: (frozen, (dict(proxy),)))
    summary = command.print_summary

    def keep_and_print(run) -> None:
        shut = replace(run, imported=replace(run.imported, store=None))
        Path(kept).write_bytes(pickle.dumps(shut, protocol=pickle.HIGHEST_PROTOCOL))
        summary(run)

    command.print_summary = keep_and_print
    sys.argv = ["junheng", "demo", "--out", out]
    runpy.run_module("junheng", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    _command(*sys.argv[1:])
