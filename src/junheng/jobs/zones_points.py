"""教学点 in 就近划片 (review finding 6): a teaching point teaches grades 1–3/4 only, so it is
not a zone school for the whole primary stage. It is left out of the zoning: its villages
belong to the zone of its 中心校 (the 所属学校 of the 学校 sheet), and its places and 在校生
count with that school, whose name says so (“含教学点 2 个”; plans stored before 2026-12-04 say “所”). A point whose 中心校 takes no
zone (民办, no primary places, not given) goes with the nearest zoned school. A point serves
only the village it stands in (review finding 11): its places count up to that village's
children of the stage's ages, no more (:func:`own_village_pupils`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.model.places import folded_name

POINT = "teaching_point"


def own_village_pupils(sites: pd.DataFrame, villages: pd.DataFrame, ages: list[str]
                       ) -> dict[str, float]:
    """Per teaching point, the children (``ages`` columns) of the village it stands in: the
    village of its 乡镇 whose name is in the point's name (the longest), else the nearest
    village of its 乡镇 (of the county when its 乡镇 has none).

    >>> sites = pd.DataFrame({"site_id": ["P", "Q", "A"], "kind": [POINT, POINT, "primary"],
    ...     "name": ["甲乡东村教学点", "甲乡山坳教学点", "甲乡中心小学"], "town_code": "1",
    ...     "lon": [0.0, 1.0, 0.5], "lat": 0.0})
    >>> villages = pd.DataFrame({"name": ["东村", "西村"], "town_code": "1",
    ...     "lon": [0.2, 0.9], "lat": 0.0, "age_6": [12, 30], "age_7": [10, 20]})
    >>> own_village_pupils(sites, villages, ["age_6", "age_7"])
    {'P': 22.0, 'Q': 50.0}
    """
    children = villages[ages].fillna(0).sum(axis=1).to_numpy(float)
    found = {}
    for _, row in sites[sites["kind"] == POINT].iterrows():
        town = villages["town_code"].astype(str) == str(row["town_code"])
        pool = villages[town] if town.any() else villages
        named = [i for i, n in pool["name"].astype(str).items() if n and n in row["name"]]
        if named:
            at = max(named, key=lambda i: len(str(pool.at[i, "name"])))
        else:
            d = np.hypot(pool["lon"] - row["lon"], pool["lat"] - row["lat"]).to_numpy(float)
            at = pool.index[int(np.argmin(d))]
        found[row["site_id"]] = float(children[villages.index.get_loc(at)])
    return found


def fold_teaching_points(sites: pd.DataFrame, stage: str,
                         village_pupils: dict[str, float] | None = None
                         ) -> tuple[pd.DataFrame, dict, list[str]]:
    """(the sites without teaching points, {point id: host id}, notes) for ``stage``.

    ``sites``: :func:`junheng.planning.layout_data.existing_sites` rows of the zone schools;
    ``village_pupils``: per point the children of its own village (:func:`own_village_pupils`),
    which its places count for at most (all its places without it).

    >>> sites = pd.DataFrame({"site_id": ["A", "B", "P", "Q"], "name": ["甲小学", "乙小学", "丙点", "丁点"],
    ...     "kind": ["primary", "primary", POINT, POINT], "lon": [0.0, 1.0, 0.9, 0.1],
    ...     "lat": [0.0] * 4, "seats_primary": [900, 450, 60, 30],
    ...     "students_primary_now": [800, 400, 25, 10], "central_school": [None, None, "A", "X"]})
    >>> kept, host, notes = fold_teaching_points(sites, "primary")
    >>> kept[["name", "seats_primary", "students_primary_now"]].values.tolist()
    [['甲小学（含教学点 2 个）', 990, 835], ['乙小学', 450, 400]]
    >>> host
    {'P': 'A', 'Q': 'A'}
    >>> notes
    ['教学点 2 个（在校生 35 人）只开设低年级，不单独划片：其所在村居划入所属中心校的学区，学位和在校生计入该校（校名注“含教学点”）；中心校不参与划片的教学点 1 个计入最近的学校。']
    >>> kept, _, notes = fold_teaching_points(sites, "primary", {"P": 40.0, "Q": 75.0})
    >>> kept["seats_primary"].tolist(), notes[0][notes[0].index("教学点只"):]
    ([970, 450], '教学点只招收本村学生，其学位按不超过本村适龄儿童数计入：计入 70 个（共有 90 个）。')
    """
    point = (sites["kind"] == POINT).to_numpy()
    if not point.any() or point.all():
        return sites, {}, []
    kept, points = sites[~point].reset_index(drop=True), sites[point]
    ids = kept["site_id"].tolist()
    scale = np.cos(np.radians(float(kept["lat"].mean())))
    host, far = {}, 0
    for _, row in points.iterrows():
        if row["central_school"] in ids:
            host[row["site_id"]] = row["central_school"]
            continue
        far += 1
        d = np.hypot((kept["lon"] - row["lon"]) * scale, kept["lat"] - row["lat"])
        host[row["site_id"]] = ids[int(np.argmin(d.to_numpy()))]
    seats, now = f"seats_{stage}", f"students_{stage}_now"
    full = points[seats]
    if village_pupils is not None:
        own = points["site_id"].map(village_pupils).fillna(0).to_numpy(float)
        points = points.assign(**{seats: np.minimum(full, np.round(own)).astype(full.dtype)})
    by_host = points.assign(host=points["site_id"].map(host)).groupby("host")
    kept = kept.copy()
    for column in (seats, now):
        kept[column] = kept[column] + kept["site_id"].map(by_host[column].sum()).fillna(0).astype(
            kept[column].dtype)
    count = kept["site_id"].map(by_host.size()).fillna(0).astype(int)
    kept["name"] = [folded_name(n, c) for n, c in zip(kept["name"], count, strict=True)]
    note = (f"教学点 {len(points)} 个（在校生 {points[now].sum():,.0f} 人）只开设低年级，不单独划片："
            "其所在村居划入所属中心校的学区，学位和在校生计入该校（校名注“含教学点”）")
    note += f"；中心校不参与划片的教学点 {far} 个计入最近的学校。" if far else "。"
    if village_pupils is not None:
        note += (f"教学点只招收本村学生，其学位按不超过本村适龄儿童数计入：计入 {points[seats].sum():,} 个"
                 f"（共有 {full.sum():,} 个）。")
    return kept, host, [note]


def private_note(sites: pd.DataFrame, stage: str, special: int = 0) -> list[str]:
    """The 民办学校 of ``stage`` left out of the zoning, with their 在校生 (finding 17), and
    the ``special`` pupils of 特殊教育学校, who are in no site (review finding 7: the county
    total here must not differ unexplained from the 全县 of every other output).

    >>> sites = pd.DataFrame({"ownership": ["private", "public"], "seats_junior": [90, 90],
    ...                       "students_junior_now": [967, 30486]})
    >>> private_note(sites, "junior")
    ['民办学校 1 所（在校生 967 人）不参与划片：“在校生”只计公办学校（全县 31,453 人中的 30,486 人）。']
    >>> private_note(sites, "junior", special=50)[0][-58:]
    '31,453 人中的 30,486 人；全县另有特殊教育学校在校生 50 人，也不参与划片，共 31,503 人）。'
    >>> private_note(sites[1:], "junior", special=25)
    ['特殊教育学校在校生 25 人不参与划片，未计入“在校生”（全县 30,486 人，含特殊教育学校共 30,511 人）。']
    """
    now = f"students_{stage}_now"
    rows = sites[(sites[f"seats_{stage}"] > 0) | (sites[now] > 0)]
    private = rows["ownership"] == "private"
    total = rows[now].sum()
    if not private.any():
        return [f"特殊教育学校在校生 {special:,} 人不参与划片，未计入“在校生”（全县 {total:,.0f} 人，"
                f"含特殊教育学校共 {total + special:,.0f} 人）。"] if special else []
    more = f"；全县另有特殊教育学校在校生 {special:,} 人，也不参与划片，共 {total + special:,.0f} 人" \
        if special else ""
    return [f"民办学校 {private.sum()} 所（在校生 {rows.loc[private, now].sum():,.0f} 人）不参与划片："
            f"“在校生”只计公办学校（全县 {total:,.0f} 人中的 {rows.loc[~private, now].sum():,.0f} 人"
            f"{more}）。"]
