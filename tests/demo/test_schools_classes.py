"""Schools, teaching points, class sizes, kindergartens, entrants and zones of the demo county."""

from __future__ import annotations

import numpy as np
import pandas as pd
from demo_helpers import JUNIOR, PRIMARY, km, students_per_school

from junheng.model import codes


def _compulsory_classes(data):
    return data.classes[data.classes["grade"].isin(PRIMARY + JUNIOR)]


def test_school_mix_has_every_kind_a_county_has(first):
    types = first.schools["school_type"].value_counts()
    assert types["special_education"] == 1
    assert types["nine_year"] >= 2 and types["junior_school"] >= 8
    assert types["primary_school"] >= 25 and types["kindergarten"] >= 25
    assert 140 <= len(first.schools) <= 200
    names = first.schools["name"]
    assert names.is_unique
    assert names.str.endswith("中心小学").sum() >= 6 and names.str.contains("实验").sum() >= 3
    assert names[first.schools["school_type"] == "teaching_point"].str.endswith("村教学点").all()


def test_teaching_points_number_60_to_80_with_5_to_60_pupils(demo_years):
    counts = []
    for data in demo_years:
        points = data.schools[data.schools["school_type"] == "teaching_point"]
        counts.append(len(points))
        sizes = students_per_school(data).reindex(points["school_id"])
        assert sizes.between(5, 60).all(), sizes.describe()
    assert 60 <= counts[0] <= 80
    assert 2 <= counts[0] - counts[1] <= 5  # a few merge each year


def test_teaching_points_teach_grades_1_to_3_or_1_to_4_only(first):
    points = first.schools[first.schools["school_type"] == "teaching_point"]
    classes = first.classes[first.classes["school_id"].isin(points["school_id"])]
    spans = classes.groupby("school_id")["grade"].agg(lambda g: tuple(sorted(g)))
    assert set(spans) <= {("g1", "g2", "g3"), ("g1", "g2", "g3", "g4"), ("g1", "g2"),
                          ("g1", "g3"), ("g2", "g3"), ("g1", "g2", "g4"), ("g1", "g3", "g4"),
                          ("g2", "g3", "g4")}
    assert (classes.groupby(["school_id", "grade"]).size() == 1).all()  # one class a grade


def test_teaching_points_belong_to_a_central_school_of_their_town(first):
    schools = first.schools.set_index("school_id")
    points = schools[schools["school_type"] == "teaching_point"]
    central = schools.loc[points["central_school"]]
    assert set(central["school_type"]) <= {"primary_school", "nine_year"}
    assert (central["town_code"].to_numpy() == points["town_code"].to_numpy()).all()
    assert (central["name"].str.endswith("中心小学") | central["name"].str.endswith("九年制学校")).all()


def test_a_stated_share_of_compulsory_classes_is_over_55(first):
    classes = _compulsory_classes(first)
    over = classes["students"] > 55
    assert 0.05 <= over.mean() <= 0.30  # 大班额 persist in the seat; 14.7% for seed 2025
    assert classes["students"].max() <= 70
    urban = first.schools.set_index("school_id")["urban_rural_code"]
    assert set(urban[classes.loc[over, "school_id"]]) <= {"111", "112"}


def test_a_few_seat_schools_exceed_2000_pupils(first):
    compulsory = students_per_school(first, PRIMARY + JUNIOR)
    schools = first.schools.set_index("school_id")
    big = compulsory[compulsory > 2000].index
    plain = big[schools.loc[big, "school_type"].isin(["primary_school", "junior_school"])]
    assert 3 <= len(plain) <= 8
    # 大校额 are the seat's plain primaries and juniors (a town's nine-year school may pass
    # 2000 too, under its 2500 limit)
    assert set(schools.loc[plain, "urban_rural_code"]) <= {"111", "112"}
    assert (compulsory[big.difference(plain)] <= 2500).all()


def test_class_sizes_are_small_in_villages_and_large_in_the_seat(first):
    classes = _compulsory_classes(first).merge(first.schools, on="school_id")
    mean = classes.groupby("urban_rural_code")["students"].mean()
    assert mean["111"] > 50 and mean["220"] < 30


def test_public_kindergartens_hold_less_than_half_of_the_children(demo_years):
    shares = []
    for data in demo_years:
        kg = data.schools[data.schools["school_type"] == "kindergarten"].set_index("school_id")
        children = students_per_school(data).reindex(kg.index, fill_value=0)
        public = children[kg["ownership"] == "public"].sum() / children.sum()
        shares.append(public)
        assert 0.25 <= public < 0.50, data.school_year
        kinds = set(zip(kg["ownership"], kg["affordable"], strict=True))
        assert kinds == {("public", True), ("private", True), ("private", False)}
    assert shares[1] > shares[0]  # a kindergarten turned public in the second year


def test_boarding_schools_have_beds_for_their_boarders_and_no_young_boarders(demo_years):
    for data in demo_years:
        boarders = data.classes.groupby("school_id")["boarders"].sum()
        schools = data.schools.set_index("school_id")
        boarding = schools[schools["boarding"]]
        assert len(boarding) >= 8
        assert (boarding["boarding_beds"] >= boarders.reindex(boarding.index, fill_value=0)).all()
        young = data.classes["grade"].isin(["g1", "g2", "g3"])
        regular = data.classes["school_id"].map(schools["school_type"]) != "special_education"
        assert data.classes.loc[young & regular, "boarders"].sum() == 0


def test_entrants_are_the_first_grade_classes_and_mostly_admitted_by_zone(first):
    entry = first.classes[first.classes["grade"].isin(["g1", "g7"])]
    totals = entry.groupby(["school_id", "grade"])["students"].sum()
    enrolment = first.enrolment.set_index(["school_id", "grade"])
    assert enrolment["entrants"].to_dict() == totals.to_dict()
    schools = first.schools.set_index("school_id")
    kind = enrolment.index.get_level_values(0).map(schools["ownership"])
    boarding = enrolment.index.get_level_values(0).map(schools["boarding"]).to_numpy(bool)
    rate = enrolment["zone_entrants"] / enrolment["entrants"]
    day_public = (kind == "public") & ~boarding
    assert rate[day_public].between(0.88, 1.0).all()
    assert rate[kind == "private"].max() <= 0.25
    assert rate[(kind == "public") & boarding].mean() < rate[day_public].mean()
    total = enrolment.loc[kind == "public", ["zone_entrants", "entrants"]].sum()
    assert 0.85 <= total["zone_entrants"] / total["entrants"] <= 0.99  # boarding ones 80–92%


def test_village_zone_schools_are_the_nearest_public_school_of_the_stage_in_town(first):
    schools = first.schools
    villages = first.villages
    public = schools[(schools["ownership"] == "public")]
    for column, types in (("zone_primary", ("primary_school", "nine_year")),
                          ("zone_junior", ("junior_school", "nine_year", "complete_secondary"))):
        candidates = public[public["school_type"].isin(types)]
        d = km(villages["lon"].to_numpy()[:, None], villages["lat"].to_numpy()[:, None],
               candidates["lon"].to_numpy()[None, :], candidates["lat"].to_numpy()[None, :])
        same_town = villages["town_code"].to_numpy()[:, None] == \
            candidates["town_code"].to_numpy()[None, :]
        d = pd.DataFrame(np.where(same_town, d, np.inf), columns=candidates["school_id"])
        chosen = d.to_numpy()[np.arange(len(villages)),
                              d.columns.get_indexer(villages[column])]
        # the nearest in town, up to the 1% the flat-earth distance may differ from the generator's
        assert (chosen <= d.min(axis=1).to_numpy() * 1.01 + 0.01).all(), column


def test_every_grade_fits_the_school_type(first):
    types = first.classes["school_id"].map(first.schools.set_index("school_id")["school_type"])
    fits = [g in codes.SCHOOL_TYPE_GRADES[t] for g, t in zip(first.classes["grade"], types,
                                                               strict=True)]
    assert all(fits)
