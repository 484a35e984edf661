"""Where the OR-Library files live (the small problems are in ``facility_builders``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

BENCH = Path(os.environ.get("JUNHENG_BENCH_DIR",
                            Path(__file__).resolve().parents[3] / "shared" / "benchmarks"))


@pytest.fixture
def orlib() -> Path:
    """The OR-Library folder; tests that need it skip when it is absent."""
    folder = BENCH / "orlib"
    if not folder.is_dir():
        pytest.skip(f"OR-Library benchmarks not found at {folder} (set JUNHENG_BENCH_DIR)")
    return folder
