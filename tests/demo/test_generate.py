"""generate(): deterministic for a seed, valid under the v1 rules, stable across call shapes."""

from __future__ import annotations

import pandas as pd
import pytest

from junheng.demo import county_specs, generate
from junheng.errors import ConfigError
from junheng.io import validate_county
from junheng.model import TABLE_KEYS, CountyData, typed_frame


def assert_same_county(a: CountyData, b: CountyData) -> None:
    assert dict(a.info) == dict(b.info)
    for key in TABLE_KEYS:
        pd.testing.assert_frame_equal(a.tables[key], b.tables[key], obj=key)


def test_same_seed_gives_identical_frames(first):
    again = generate(seed=2025, years=1)[0][0]
    assert_same_county(again, first)


def test_different_seed_gives_a_different_county(first):
    other = generate(seed=2026, years=1)[0][0]
    assert other.county_code == first.county_code  # the default county keeps its code and name
    assert not other.villages["name"].equals(first.villages["name"])
    assert not other.schools[["lon", "lat"]].equals(first.schools[["lon", "lat"]])
    assert other.classes["students"].sum() != first.classes["students"].sum()


def test_first_year_does_not_depend_on_how_many_years_are_generated(demo_years):
    # Every draw is keyed by (seed, county, stream, year), so a 1-year run is a prefix.
    assert_same_county(generate(seed=2025, years=1)[0][0], demo_years[0])


def test_every_generated_year_passes_the_workbook_rules(demo_years):
    for data in demo_years:
        assert validate_county(data) == [], data.school_year


def test_frames_have_exactly_the_schema_columns_and_dtypes(first):
    for key, frame in first.tables.items():
        pd.testing.assert_frame_equal(frame, typed_frame(key, frame), obj=key)


def test_province_counties_have_distinct_codes_and_names_and_are_valid(first):
    province = generate(seed=2025, counties=3, years=1)
    codes = [county[0].county_code for county in province]
    names = [county[0].info["county_name"] for county in province]
    assert len(set(codes)) == 3 and len(set(names)) == 3
    assert codes[0] == "410331" and all(len(c) == 6 and c.startswith("41") for c in codes)
    # county 0 is the default county whatever the province size
    assert_same_county(province[0][0], first)
    for county in province[1:]:
        assert validate_county(county[0]) == []
        school_ids = county[0].schools["school_id"]
        assert school_ids.str.startswith(county[0].county_code).all()


def test_county_specs_name_the_counties_before_generation():
    specs = county_specs(seed=2025, counties=20)
    assert [s.county_code for s in specs][:2] == ["410331", "410131"]
    assert specs[0].county_name == "洛北县" and specs[0].city_name == "洛阳市"
    assert len({s.county_code for s in specs}) == 20
    assert len({s.county_name for s in specs}) == 20
    assert {s.city_name for s in specs} >= {"洛阳市", "郑州市", "南阳市", "信阳市"}


def test_parallel_workers_give_the_same_counties():
    serial = generate(seed=5, counties=2, years=1)
    parallel = generate(seed=5, counties=2, years=1, workers=2)
    for a, b in zip(serial, parallel, strict=True):
        assert_same_county(a[0], b[0])


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"seed": -1}, "随机种子 -1 无效"),
    ({"counties": 0}, "县区数 0 无效"),
    ({"years": 0}, "学年数 0 无效"),
    ({"years": 21}, "学年数 21 无效"),
    ({"first_year": 1990}, "起始学年 1990 无效"),
    ({"workers": 0}, "并行进程数 0 无效"),
])
def test_bad_arguments_are_refused_with_a_chinese_message(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        generate(**kwargs)
