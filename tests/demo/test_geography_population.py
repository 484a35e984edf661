"""Towns, villages, codes, coordinates, births and children of the default demo county."""

from __future__ import annotations

import numpy as np
from demo_helpers import km

HENAN_LON, HENAN_LAT = (110.3, 116.7), (31.3, 36.4)


def test_county_has_twelve_towns_one_seat_subdistrict_and_about_250_villages(first):
    towns = first.villages["town_code"].unique()
    assert len(towns) == 12
    assert 240 <= len(first.villages) <= 260
    # town codes: 001–099 街道, 1xx 镇, 2xx 乡 under the 6-digit county code 4103xx (洛阳市)
    assert first.county_code.startswith("4103") and first.info["city_name"] == "洛阳市"
    suffixes = sorted(int(t[6:]) for t in towns)
    assert suffixes[0] == 1 and suffixes[1] >= 100
    assert all(t.startswith(first.county_code) and len(t) == 9 for t in towns)


def test_village_codes_prefix_match_their_town_and_classes_fit_the_town_kind(first):
    v = first.villages
    assert v["village_code"].str.len().eq(12).all()
    assert (v["village_code"].str[:9] == v["town_code"]).all()
    seat = v["town_code"].str.endswith("001")
    assert set(v.loc[seat, "urban_rural_code"]) == {"111", "112"}
    assert set(v.loc[~seat, "urban_rural_code"]) <= {"121", "122", "210", "220"}
    # every rural town has exactly one centre (镇中心区 121 or 乡中心区 210)
    centres = v[v["urban_rural_code"].isin(["121", "210"])]
    assert centres["town_code"].is_unique and len(centres) == 11
    assert (v["crs"] == "WGS84").all()


def test_coordinates_sit_in_henan_within_a_county_sized_area(first):
    for frame in (first.villages, first.schools):
        assert frame["lon"].between(*HENAN_LON).all() and frame["lat"].between(*HENAN_LAT).all()
        spread = km(frame["lon"], frame["lat"], frame["lon"].mean(), frame["lat"].mean())
        assert spread.max() < 60


def test_a_few_remote_mountain_villages_are_far_from_every_town_centre(first):
    v = first.villages
    centres = v[v["urban_rural_code"].isin(["121", "210"])]
    seat = v[v["urban_rural_code"] == "111"]
    lon = np.r_[centres["lon"], seat["lon"].mean()]
    lat = np.r_[centres["lat"], seat["lat"].mean()]
    nearest = km(v["lon"].to_numpy()[:, None], v["lat"].to_numpy()[:, None], lon[None, :],
                 lat[None, :]).min(axis=1)
    assert 3 <= (nearest >= 9).sum() <= 12


def _births_by_year(data):
    return data.births.groupby("year")["births"].sum()


def test_births_peak_in_2016_and_halve_by_2023_with_a_slight_rise_in_2024(first):
    births = _births_by_year(first)
    assert births.index.min() <= 2014 and births.index.max() == 2024  # ≥ 10 years shown
    assert births.idxmax() == 2016
    assert 0.42 <= births[2023] / births[2016] <= 0.60  # national 9.02 / 17.86 = 0.505
    assert births[2024] > births[2023]


def test_births_shift_from_rural_towns_to_the_county_seat(first):
    b = first.births.pivot(index="year", columns="town_code", values="births")
    seat = b.columns[b.columns.str.endswith("001")][0]
    share = b[seat] / b.sum(axis=1)
    assert share[2024] > share[2012] + 0.05
    rural = b.drop(columns=seat).sum(axis=1)
    assert rural[2024] / rural[2016] < b[seat][2024] / b[seat][2016]


def test_children_by_age_follow_the_births_of_their_birth_year(first):
    births = _births_by_year(first)
    ages = first.villages[[f"age_{a}" for a in range(15)]].sum()
    for age in range(15):
        born = births[first.school_year - age]
        # a cohort keeps 90–101% of its births: some families leave the county with age
        assert 0.88 * born <= ages[f"age_{age}"] <= 1.01 * born, age


def test_seat_children_grow_with_age_while_rural_children_shrink(first):
    v = first.villages
    seat = v["town_code"].str.endswith("001")
    births = first.births.pivot(index="year", columns="town_code", values="births")
    seat_code = births.columns[births.columns.str.endswith("001")][0]
    # 10-year-olds in the seat outnumber the seat's births of their year (families moved in)
    assert v.loc[seat, "age_10"].sum() > births.loc[first.school_year - 10, seat_code]
    rural_births = births.drop(columns=seat_code).loc[first.school_year - 10].sum()
    assert v.loc[~seat, "age_10"].sum() < rural_births
