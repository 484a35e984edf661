"""Fixtures every test folder shares: generated demo counties, cached by their arguments.

``generate`` is deterministic for a seed, so a county generated once serves every test that
asks for the same seed, count and years (frames are never changed in place: ``with_tables``
copies). The default demo county (seed 2025, two school years) is :func:`demo_years`.

``make test`` runs the suite on two processes (pytest-xdist, ``-n 2 --dist loadfile``): each
test file runs whole in one process, so its module fixtures are built once. (``--dist
loadgroup`` and ``xdist_group`` marks do nothing with pytest 9: xdist 3.8 tags the group onto
``item._nodeid``, which pytest no longer reads.) Two additions to xdist's file scheduling
(:func:`pytest_xdist_make_scheduler`, :func:`pytest_collection_modifyitems`): the files that
read the session's demo fixtures (:data:`DEMO_FIXTURES`) are one unit, so one process makes
them (minutes) instead of both; and the longest units are handed out first, so the run does
not end on one process finishing a long file while the other waits. Nothing else needs keeping
apart: each process makes its own PostgreSQL databases (``pg.py``), servers and Dask clusters
take free ports, and files go to ``tmp_path``.

Helpers of one folder live in a module named after it (``layout_builders``,
``forecast_builders``, ``evaluate_builders`` …, importable by name because ``pythonpath`` holds
the folders' parent), not in the folder's ``conftest.py``.
"""

from __future__ import annotations

import functools
import os
from datetime import date
from pathlib import Path

import pytest

DEMO_SEED = 2025

#: The day the suite's plans and reports are made on when a test gives none (编制日期, 报告日期):
#: a plan made "today" starts in the first school year not yet begun and counts a project
#: past its 竣工日期 and not finished from the next one, so the demo county's figures would
#: change whenever the calendar passes 9-1 or a project's date (its 2027-08 and 2028-08
#: projects). The expected figures were worked out for this day.
PLAN_DAY = date(2026, 12, 5)

# pytest-xdist's worker processes start with COLUMNS=80 and LINES=24 in their environment. rich
# reads COLUMNS once, when the CLI's console is made (junheng.cli.app, at import), so every CLI
# test's output would wrap at 80 columns whatever width the test asks for (CliRunner's env).
# Without them the console measures at each print, as in a run on one process.
for _name in ("COLUMNS", "LINES"):
    os.environ.pop(_name, None)


#: The session's demo fixtures (below): minutes each, made once per process.
DEMO_FIXTURES = ("demo_run", "demo_cli")

#: Test files reading a demo fixture: one scheduling unit, so one process makes them. Found by
#: their text, not listed: a listed set went stale (three new readers scheduled apart made the
#: second process run the whole demo again, minutes of the suite).
DEMO_RUN_FILES = frozenset(
    path.relative_to(Path(__file__).parent.parent).as_posix()
    for path in Path(__file__).parent.rglob("test_*.py")
    if any(name in path.read_text(encoding="utf-8") for name in DEMO_FIXTURES))

#: Units handed out first, longest first: minutes each on two cores (``--durations``,
#: 2026-12-05); every other file keeps its collection order after them.
LONG_FIRST = ("tests/demo", "tests/province/test_province_dask.py", "tests/web/test_browser_users.py",
              "tests/web/test_pg_ledger.py",
              "src/junheng/planning/layout_start.py",
              "tests/planning/test_layout_rules.py", "src/junheng/jobs/reports.py",
              "tests/web/test_browser_zones.py", "tests/planning/test_compliance.py",
              "tests/web/test_browser.py", "tests/zones/test_demo_county.py",
              "tests/web/test_browser_plans.py")


def scheduling_unit(nodeid: str) -> str:
    """The xdist unit of a test: its file, or ``tests/demo`` for the demo run's readers.

    >>> scheduling_unit("tests/demo/test_demo_leaks.py::test_x"), scheduling_unit("a.py::t")
    ('tests/demo', 'a.py')
    """
    path = nodeid.split("::", 1)[0]
    return "tests/demo" if path in DEMO_RUN_FILES else path


@pytest.hookimpl(optionalhook=True)  # a run without xdist (``-p no:xdist``) does not know it
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadfile`` by :func:`scheduling_unit` (other modes: xdist's own)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class UnitScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scheduling_unit(nodeid)

    config.option.loadscopereorder = False  # keep the order of the next hook
    return UnitScheduling(config, log)


def pytest_collection_modifyitems(config, items):
    """The units of :data:`LONG_FIRST` first (xdist hands units out in collection order)."""
    rank = {unit: place for place, unit in enumerate(LONG_FIRST)}
    items.sort(key=lambda item: rank.get(scheduling_unit(item.nodeid), len(rank)))


def pytest_ignore_collect(collection_path, config):
    """``--doctest-modules`` would collect every folder's ``conftest.py`` as a module named
    ``conftest`` (one name for many files); they hold fixtures, not examples."""
    return True if collection_path.name == "conftest.py" else None


@functools.cache
def generated_counties(seed: int, counties: int = 1, years: int = 2) -> tuple[tuple, ...]:
    """``junheng.demo.generate(seed, counties, years)``, generated once per argument set:
    one tuple of school years (oldest first) per county."""
    from junheng.demo import generate

    return tuple(tuple(county) for county in generate(seed=seed, counties=counties, years=years))


@pytest.fixture(scope="session")
def generated():
    """``generated(seed, counties=1, years=2)``: cached demo counties (see the module)."""
    return generated_counties


@pytest.fixture(scope="session")
def demo_years() -> list:
    """The default demo county's 2024 and 2025 school years (seed 2025)."""
    return list(generated_counties(DEMO_SEED)[0])


@pytest.fixture(scope="session")
def demo_cli(tmp_path_factory):
    """``junheng demo --out`` from the command line into a fresh folder, on :data:`PLAN_DAY`:
    what it printed, its HOME and TMPDIR (:class:`demo_process.DemoCli`)."""
    from demo_process import run_demo_cli

    return run_demo_cli(tmp_path_factory.mktemp("demo"), PLAN_DAY)


@pytest.fixture(scope="session")
def demo_run(demo_cli):
    """The :class:`~junheng.jobs.demo.DemoRun` of :func:`demo_cli` (the default layout
    scenario made on :data:`PLAN_DAY`): the demo runs once for the whole suite."""
    return demo_cli.run


@pytest.fixture(scope="session")
def first(demo_years):
    return demo_years[0]


@pytest.fixture(scope="session")
def second(demo_years):
    return demo_years[1]


@pytest.fixture(scope="session", autouse=True)
def plan_day():
    """Pins "today" (:func:`junheng.model.times.today_beijing`, the one clock every 编制日期,
    报告日期 and 首个可实施学年 reads) to :data:`PLAN_DAY` for the whole session, so the suite
    gives the same result in any year: the clock starts at noon Beijing time that day and runs
    on (job folders stamped one after the other stay apart). Processes a test spawns (the
    web's worker) read the machine's clock: their tests give the day in the request (the
    demo's process, :func:`demo_cli`, pins it as here). A test of
    another day passes it as an argument (``plan_date``, ``today``, ``report_date``)."""
    from demo_process import pinned_clock
    from junheng.model import times

    real = times.datetime
    times.datetime = pinned_clock(real, PLAN_DAY)
    yield PLAN_DAY
    times.datetime = real
