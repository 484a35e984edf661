"""Realistic demo counties and provinces in the v1 workbook model (seeded, deterministic).

Real county data is not public, so junheng generates counties a bureau planner would recognise:
a county seat with over-capacity schools, rural towns with central and boarding schools, tiny
teaching points in outlying villages, births that peaked in 2016 and halved by 2023, staff,
buildings and funding with the deficits real counties have. See :func:`generate`.
"""

from junheng.demo.generator import (
    HISTORY_YEARS,
    check_arguments,
    county_specs,
    generate,
    generate_county,
    iter_counties,
)
from junheng.demo.geography import CountySpec, county_catalogue

__all__ = ["HISTORY_YEARS", "CountySpec", "check_arguments", "county_catalogue", "county_specs",
           "generate", "generate_county", "iter_counties"]
