"""The forecast tests' fixture: the tiny county of ``forecast_builders`` (exact ratios)."""

from __future__ import annotations

import pytest
from forecast_builders import tiny_county

from junheng.model.county import CountyData


@pytest.fixture
def county() -> CountyData:
    return tiny_county()
