"""The example county other engineers build on: valid, realistic, and stable."""

from junheng.io import county_notices, example_county, validate_county
from junheng.model import codes


def test_example_county_is_valid():
    county = example_county()
    assert validate_county(county) == []
    assert county_notices(county) == []


def test_example_county_has_what_the_engines_need():
    county = example_county()
    types = county.schools["school_type"].tolist()
    assert types == ["primary_school", "junior_school", "nine_year", "teaching_point",
                     "kindergarten", "kindergarten"]
    assert county.schools["town_code"].nunique() == 2
    assert len(county.villages) == 6
    # every compulsory school has classes in each of its grades, and teachers
    for school_id, school_type in zip(county.schools["school_id"], types, strict=True):
        grades = set(county.classes.loc[county.classes["school_id"] == school_id, "grade"])
        assert grades <= codes.SCHOOL_TYPE_GRADES[school_type]
        assert (county.teachers["school_id"] == school_id).any()
    assert county.teachers["rotated_in"].sum() == 3  # teachers 72, 80, 88 of the nine-year school
    assert county.births["year"].min() == 2011 and county.births["year"].max() == 2024
    assert set(county.enrolment_history["school_year"]) == {2023, 2024}


def test_example_county_is_the_same_every_time():
    a, b = example_county(), example_county()
    assert a.info == b.info
    for key in a.tables:
        assert a.tables[key].equals(b.tables[key])
