"""One demo run per session, shared by the tests that read its outputs (each run takes half a
minute to minutes on the shared machine)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """``junheng demo`` into a fresh folder: its :class:`~junheng.jobs.demo.DemoRun`."""
    from junheng.jobs.demo import run_demo

    return run_demo(tmp_path_factory.mktemp("demo"))
