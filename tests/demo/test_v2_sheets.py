"""The demo county's format-v2 sheets: realistic, consistent with its v1 sheets, every case.

Tolerances are stated where a figure is drawn; exact where the data must agree.
"""

from __future__ import annotations

import pandas as pd
import pytest

from junheng.model import codes_v2
from junheng.model.county_items import VETO_ITEMS


def _public_compulsory_staff(data):
    schools = data.schools.set_index("school_id")
    t = data.teachers
    public = t["school_id"].map(schools["ownership"]) == "public"
    kinds = t["school_id"].map(schools["school_type"])
    return t[public & kinds.isin(["primary_school", "junior_school", "nine_year"])]


# --- 教师 --------------------------------------------------------------------------------------


def test_certificate_stages_follow_the_teachers_stage_degree_and_certificate(first, second):
    # demo.staff_v2.cert_stages: uncertified → blank; 4% of certified compulsory teachers
    # blank; 本科+ primary: 35% 初中 + 5% 高中; 专科: 20% 初中; below 专科: 小学 only
    t = first.teachers
    certified = t["certified"].fillna(False).astype(bool)
    assert t.loc[~certified, "cert_stage"].isna().all()
    assert set(t["cert_stage"].dropna()) <= set(codes_v2.CERTIFICATE_STAGES.values())
    compulsory = certified & t["stage"].isin(["primary", "junior"])
    assert 0.02 <= t.loc[compulsory, "cert_stage"].isna().mean() <= 0.06
    primary = t[certified & t["stage"].eq("primary") & t["cert_stage"].notna()]
    high = primary["degree"].isin(["bachelor", "postgraduate"])
    assert 0.33 <= primary.loc[high, "cert_stage"].isin(["junior", "senior"]).mean() <= 0.47
    assert 0.14 <= primary.loc[primary["degree"].eq("associate"), "cert_stage"].eq("junior").mean() <= 0.26
    assert primary.loc[primary["degree"].eq("secondary_or_below"), "cert_stage"].eq("primary").all()
    assert t.loc[certified & t["stage"].eq("preschool"), "cert_stage"].eq("kindergarten").all()
    # keyed by teacher: the same teacher holds the same certificate the next year
    both = t.merge(second.teachers, on="teacher_id", suffixes=("", "_next"))
    assert both["cert_stage"].fillna("").eq(both["cert_stage_next"].fillna("")).all()


def test_backbone_teachers_carry_a_designation_year_spread_over_recent_years(first):
    t = first.teachers
    backbone = t[t["backbone"] != "none"]
    assert backbone["backbone_year"].notna().all() and t.loc[t["backbone"] == "none",
                                                             "backbone_year"].isna().all()
    assert (backbone["backbone_year"] >= backbone["work_start_year"]).all()
    years = backbone["backbone_year"].value_counts(normalize=True)
    recent = years.reindex(range(first.school_year - 8, first.school_year + 1), fill_value=0)
    assert 0.7 <= recent.sum() <= 0.9  # 80% drawn in the nine years up to the first
    assert recent.between(0.04, 0.14).all()  # 8.9% a year each, give or take


def test_later_years_new_designations_are_the_new_hires_with_a_level(first, second):
    t = second.teachers
    new = t[t["backbone_year"] == second.school_year]
    assert len(new) > 0 and (new["work_start_year"] == second.school_year).all()
    kept = t[t["teacher_id"].isin(first.teachers["teacher_id"])].set_index("teacher_id")
    before = first.teachers.set_index("teacher_id").loc[kept.index]
    pd.testing.assert_series_equal(kept["backbone_year"], before["backbone_year"])


def test_posts_and_quota_status_follow_the_kind_of_staff_and_school(first):
    t = first.teachers
    full = t[t["full_time"]]
    assert 0.95 <= (full["post_category"] == "professional").mean() <= 0.99
    assert (t.loc[~t["full_time"], "post_category"] != "professional").mean() >= 0.75
    private = t["school_id"].map(first.schools.set_index("school_id")["ownership"]) == "private"
    assert (t.loc[private, "quota_status"] == "outside_quota").all()
    public = _public_compulsory_staff(first)
    assert 0.88 <= (public["quota_status"] == "in_quota").mean() <= 0.99


def test_each_kindergarten_has_one_director_and_posts_are_for_preschool_staff(first):
    t = first.teachers
    assert t.loc[t["stage"] != "preschool", ["kindergarten_post", "post_certified"]].isna().all().all()
    directors = t[t["kindergarten_post"] == "director"].groupby("school_id").size()
    kindergartens = first.schools.loc[first.schools["school_type"] == "kindergarten", "school_id"]
    assert set(directors.index) == set(kindergartens) and (directors == 1).all()
    teachers = t[t["kindergarten_post"] == "teacher"]
    assert 0.75 <= teachers["post_certified"].mean() <= 0.95  # private ones lack certificates


# --- 编制岗位 ------------------------------------------------------------------------------------


def test_quotas_follow_the_national_ratios_with_vacancies_and_excess(first):
    staffing = first.staffing.set_index("school_id")
    schools = first.schools.set_index("school_id")
    expected = schools.index[(schools["ownership"] == "public")
                             & (schools["school_type"] != "teaching_point")]
    assert set(staffing.index) == set(expected)
    posts = staffing[["professional_posts", "management_posts", "support_posts"]].sum(axis=1)
    assert (posts == staffing["staff_quota"]).all()
    compulsory = _public_compulsory_staff(first)
    in_quota = compulsory[compulsory["quota_status"] == "in_quota"].groupby("school_id").size()
    rows = staffing.index.intersection(in_quota.index)
    gap = in_quota[rows] - staffing.loc[rows, "staff_quota"]
    assert 0.15 <= (gap < 0).mean() <= 0.85 and 0.15 <= (gap > 0).mean() <= 0.85
    ratio = staffing["staff_quota"].sum() / len(first.teachers)
    assert 0.75 <= ratio <= 1.0  # the quota covers most staff: many are 非在编


# --- 教师交流记录, 教师培训 -------------------------------------------------------------------------


def test_this_years_rotation_records_are_the_rotated_teachers(demo_years):
    for data in demo_years:
        r, t = data.rotations, data.teachers
        starts = r[r["start_date"] >= pd.Timestamp(data.school_year, 8, 1)]
        rotated = t[t["rotated_in"]].set_index("teacher_id")
        assert set(starts["teacher_id"]) == set(rotated.index)
        assert (starts.set_index("teacher_id")["to_school_id"]
                == rotated.loc[starts["teacher_id"], "school_id"]).all()
        assert set(starts["mode"]) == {"exchange", "support_teaching"}


def test_past_rotations_are_one_year_periods_in_each_of_six_years(first):
    r = first.rotations
    past = r[r["start_date"] < pd.Timestamp(first.school_year, 8, 1)]
    per_year = past["start_date"].dt.year.value_counts()
    assert sorted(per_year.index) == list(range(first.school_year - 6, first.school_year))
    assert per_year.between(10, 60).all()
    assert ((past["end_date"] - past["start_date"]).dt.days.between(300, 360)).all()
    assert set(past["mode"]) == set(codes_v2.ROTATION_MODES.values())


def test_most_teachers_train_every_year_mostly_in_school(demo_years):
    for data in demo_years:
        trained = data.training.groupby("year")["teacher_id"].nunique()
        assert sorted(trained.index) == list(range(data.school_year - 4, data.school_year + 1))
        assert (trained[data.school_year - 3:] / len(data.teachers)).between(0.8, 1.0).all()
        share = data.training["category"].value_counts(normalize=True)
        assert share.idxmax() == "school_based" and share["national"] <= 0.08
        assert set(share.index) == set(codes_v2.TRAINING_LEVELS.values())


# --- 学校组织, 校长 ------------------------------------------------------------------------------


def test_every_kind_of_organisation_with_one_lead_each(demo_years):
    first, second = demo_years
    groups = first.school_groups
    assert (groups.groupby("group_name")["role"].apply(lambda r: (r == "lead_school").sum()) == 1
            ).all()
    assert set(groups["group_type"]) == set(codes_v2.GROUP_TYPES.values())
    v1 = first.schools.dropna(subset=["school_group"]).groupby("school_group")["school_id"]
    collectives = groups[groups["group_type"] == "education_group"].groupby("group_name")
    assert {k: set(v) for k, v in v1} == {k: set(v) for k, v in collectives["school_id"]}
    kinds = groups["school_id"].map(first.schools.set_index("school_id")["school_type"])
    preschool = groups[groups["group_name"].str.endswith("学前教育联盟")]
    assert len(preschool) and (kinds[preschool.index] == "kindergarten").all()
    founded = second.school_groups.groupby("group_name")["join_year"].min()
    assert list(founded[founded == second.school_year].index) == [
        n for n in set(second.school_groups["group_name"]) - set(groups["group_name"])]


def test_every_school_but_a_teaching_point_has_a_principal(first):
    p = first.principals.set_index("school_id")
    schools = first.schools.set_index("school_id")
    assert set(p.index) == set(schools.index[schools["school_type"] != "teaching_point"])
    assert (p["principal_id"].value_counts() == 2).sum() >= 1  # 一长多校
    private = schools.index[schools["ownership"] == "private"]
    assert (p.loc[private, "rank"] == "unrated").all()
    public = p.drop(index=private)
    assert set(public["rank"]) <= {"special", "senior", "intermediate", "junior"}
    assert (public["since_year"] <= first.school_year).all()


# --- 建设项目, 专用教室, 校舍设施 -------------------------------------------------------------------


@pytest.mark.parametrize("year_index", [0, 1])
def test_projects_of_every_kind_and_status(demo_years, year_index):
    p = demo_years[year_index].projects
    assert set(p["status"]) == set(codes_v2.PROJECT_STATUSES.values())
    assert set(p["project_type"]) == set(codes_v2.PROJECT_TYPES.values())


def test_rooms_add_up_to_the_facility_totals_and_some_are_below_the_standard(first):
    rooms = first.special_rooms
    music = rooms[rooms["room_type"] == "music"].groupby("school_id")["area"].agg(["size", "sum"])
    f = first.facilities.set_index("school_id").loc[music.index]
    assert (f["music_rooms"] == music["size"]).all()
    assert (f["music_room_area"] == music["sum"]).all()
    small = (rooms.loc[rooms["room_type"] == "music", "area"] < 96).mean()
    assert 0.25 <= small <= 0.6


def test_kindergartens_have_their_activity_rooms_and_design_years(first):
    f = first.facilities.set_index("school_id")
    kindergartens = first.schools.loc[first.schools["school_type"] == "kindergarten", "school_id"]
    classes = first.classes.groupby("school_id").size()
    kg = f.loc[kindergartens]
    assert (kg["activity_rooms"] >= classes[kindergartens]).all()
    assert kg["design_year"].between(2005, first.school_year).all()
    assert 0.6 <= kg["toys_books_complete"].mean() <= 0.9
    assert (f["building_area"] >= f["teaching_area"]).all()


# --- 县级年度数据, 县级认定 --------------------------------------------------------------------------


def test_spending_rises_but_for_one_dip_in_junior_per_pupil_spending(second):
    figures = second.county_figures.pivot(index="year", columns="figure", values="value")
    money = figures.drop(columns=["social_recognition", "public_satisfaction"]).dropna()
    assert list(money.index) == list(range(second.school_year - 6, second.school_year))
    change = money.diff().iloc[1:].stack()
    assert list(change[change < 0].index) == [
        (second.school_year - 3, "junior_public_spending_per_pupil")]


def test_surveys_and_pay_agree_with_the_v1_county_indicators(demo_years):
    second = demo_years[1]
    figures = second.county_figures.pivot(index="year", columns="figure", values="value")
    for data in demo_years:
        v1 = data.county_indicators.set_index("indicator_code")["value"]
        assert figures.at[data.school_year, "social_recognition"] == v1["satisfaction_rate"]
    pay = figures.loc[demo_years[0].school_year]
    v1 = demo_years[0].county_indicators.set_index("indicator_code")["value"]
    assert pay["teacher_average_pay"] / pay["civil_servant_average_pay"] == pytest.approx(
        v1["teacher_pay_ratio"], abs=0.001)


def test_no_veto_item_and_basic_balance_recognised_years_before(demo_years):
    answers = [d.county_attestations.set_index("item") for d in demo_years]
    for a in answers:
        assert not a.loc[list(VETO_ITEMS), "answer"].any()
        assert a.at["basic_balance_recognised", "answer"]
        assert 2014 <= a.at["basic_balance_recognised", "year"] <= 2019
    assert [a.at["academic_monitoring", "answer"] for a in answers] == [False, True]
