"""The default demo county, generated once per test session (two school years, seed 2025)."""

from __future__ import annotations

import pytest

from junheng.demo import generate
from junheng.model import CountyData

SEED = 2025


@pytest.fixture(scope="session")
def demo_years() -> list[CountyData]:
    """The default county's 2024 and 2025 school years."""
    return generate(seed=SEED, years=2)[0]


@pytest.fixture(scope="session")
def first(demo_years: list[CountyData]) -> CountyData:
    return demo_years[0]


@pytest.fixture(scope="session")
def second(demo_years: list[CountyData]) -> CountyData:
    return demo_years[1]
