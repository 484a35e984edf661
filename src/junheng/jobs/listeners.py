"""What a face is told while a job runs: each step as it starts and what it gave, so the face
can show progress while the job prints nothing (the demo's steps,
:func:`junheng.jobs.demo.run_demo`; the layout plan's, :func:`junheng.jobs.layout.plan_county_layout`)."""

from __future__ import annotations

from typing import Any, Protocol


class StepListener(Protocol):
    """What a face is told while a job runs."""

    def step(self, name: str, title: str) -> None:
        """Step ``name`` starts; ``title`` says what it does."""

    def done(self, name: str, result: Any) -> None:
        """Step ``name`` finished with ``result``."""


class Silent:
    """A listener that shows nothing."""

    def step(self, name: str, title: str) -> None:
        pass

    def done(self, name: str, result: Any) -> None:
        pass
