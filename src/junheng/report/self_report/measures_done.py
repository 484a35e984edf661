"""主要做法 of the 自评报告 from the county's own workbook (brief hzuofa 1: six headings each
「待县教育局补充」 stood where an inspector expects what the county did).

Each heading of :data:`MEASURE_HEADINGS` gets the facts the workbook holds, each figure as the
workbook gives it (建设项目, 县级年度数据, 学校组织, 教师交流记录, 县级认定 and the evaluation's
items computed from them); 「待县教育局补充」 stays only for what no sheet records, saying what
that is (:attr:`Measure.missing`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from junheng.evaluate import Evaluation, Status
from junheng.model import CountyData
from junheng.model.codes import COMPULSORY_SCHOOL_TYPES
from junheng.model.codes_v2 import GROUP_TYPES, ROTATION_MODES
from junheng.model.county_items import FIGURES_BY_CODE
from junheng.model.labels import count_of_kinds
from junheng.report.self_report.investment import _series

#: the headings of the 主要做法, in the county's voice (review rv3 13)
MEASURE_HEADINGS = ("加强组织领导，落实政府责任", "加大经费投入，改善办学条件", "优化学校布局，扩大优质教育资源",
                    "加强教师队伍建设，推进县管校聘和交流轮岗", "规范招生入学，落实免试就近入学",
                    "深化教育教学改革，提高教育质量")
TO_FILL = "待县教育局补充"
#: what no sheet of the workbook records, by heading
MISSING = {0: "工作簿不含县委、县政府研究部署优质均衡创建的会议、文件和对乡镇、部门的督导考核",
           3: "工作簿不含县管校聘改革的实施情况，即岗位竞聘、跨校调剂的人数和年份",
           5: "工作簿不含课程与教学改革的具体做法和国家义务教育质量监测结果"}
SPENDING = ("public_education_spending", "primary_public_spending_per_pupil",
            "junior_public_spending_per_pupil")
GROUP_LABELS = {code: label for label, code in GROUP_TYPES.items()}
MODE_LABELS = {code: label for label, code in ROTATION_MODES.items()}
ADMISSION = ("exam_admission", "key_schools", "key_classes")


@dataclass(frozen=True)
class Measure:
    """One heading of the 主要做法: its facts (a paragraph each) and what the data lack."""

    title: str
    facts: tuple[str, ...] = ()
    missing: str = ""

    def lines(self, number: int) -> list[str]:
        """The heading's paragraphs; without facts or a gap, 「（待县教育局补充）」 as before."""
        if not self.facts and not self.missing:
            return [f"{number}. {self.title}（{TO_FILL}）"]
        gap = [f"（{TO_FILL}：{self.missing}。）"] if self.missing else []
        return [f"{number}. {self.title}", *self.facts, *gap]


def measures_done(ev: Evaluation, data: CountyData | None, previous: Evaluation | None = None,
                  today: date | None = None) -> list[Measure]:
    """The six headings with their facts; without ``data``, each left to the 县教育局. A
    project past its 竣工日期 on ``today`` reads 已逾期, not 计划."""
    if data is None:
        return [Measure(title) for title in MEASURE_HEADINGS]
    facts = (_leadership(data), _funding(data, today), _layout(data, today), _teachers(ev, data),
             _admission(ev, previous), _quality(ev, data))
    return [Measure(title, tuple(f for f in fact if f), MISSING.get(k, ""))
            for k, (title, fact) in enumerate(zip(MEASURE_HEADINGS, facts, strict=True))]


def _table(data: CountyData, name: str) -> pd.DataFrame:
    frame = data.tables.get(name)
    return frame if isinstance(frame, pd.DataFrame) else pd.DataFrame()


def _item(ev: Evaluation, item_id: str):
    return next((i for i in (*ev.conditions, *ev.guarantee, *ev.quality) if i.indicator.id == item_id), None)


def _leadership(data: CountyData) -> list[str]:
    said = _table(data, "county_attestations")
    if said.empty:
        return []
    rows = said[(said["item"] == "basic_balance_recognised") & said["answer"].fillna(False).astype(bool)
                & said["year"].notna()]
    return [f"{int(rows['year'].iloc[0])} 年通过国家义务教育发展基本均衡县认定。"] if not rows.empty else []


def rise_text(figures: pd.DataFrame, code: str) -> str:
    """A yearly figure from its first year to its last, as the workbook gives both.

    >>> figures = pd.DataFrame({"year": [2019, 2024, 2020], "figure": ["public_education_spending"] * 3,
    ...                         "value": [58085.0, 71607.0, 60801.0]})
    >>> rise_text(figures, "public_education_spending")
    '一般公共预算教育支出由 2019 年 58,085 万元增至 2024 年 71,607 万元'
    >>> rise_text(figures.iloc[:1], "public_education_spending")
    ''
    >>> dip = pd.DataFrame({"year": [2021, 2022, 2023], "figure": ["junior_public_spending_per_pupil"] * 3,
    ...                     "value": [12226.0, 12138.0, 13183.0]})
    >>> rise_text(dip, "junior_public_spending_per_pupil")  # 12,226 − 12,138 = 88
    '生均一般公共预算教育经费（初中）由 2021 年 12,226 元增至 2023 年 13,183 元（其中 2022 年比上年减少 88 元）'
    """
    pairs = _series(figures, code)
    if len(pairs) < 2:
        return ""
    (y0, v0), (y1, v1) = pairs[0], pairs[-1]
    item = FIGURES_BY_CODE[code]
    word = "增至" if v1 > v0 else "减至" if v1 < v0 else "持平于"
    # a year against the trend, said where the trend is (rv8 6: 初中 fell 88 元 in 2022)
    against = [f"{y} 年比上年{'减少' if b < a else '增加'} {abs(a - b):,.0f} {item.unit}"
               for (prev, a), (y, b) in zip(pairs, pairs[1:], strict=False)
               if y == prev + 1 and (b < a if v1 >= v0 else b > a)]
    return (f"{item.label}由 {y0} 年 {v0:,.0f} {item.unit}{word} {y1} 年 {v1:,.0f} {item.unit}"
            + (f"（其中 {'，'.join(against)}）" if against else ""))


def added_text(p) -> str:
    """What a project adds, as its row gives it: 学位, 床位, 运动场面积, else 建筑面积.

    >>> added_text(pd.Series({"added_places": 540, "added_beds": None, "added_sports_area": None,
    ...                       "added_floor_area": 1920.0}))
    '新增学位 540 个'
    >>> added_text(pd.Series({"added_places": None, "added_beds": None, "added_sports_area": None,
    ...                       "added_floor_area": None}))
    ''
    """
    parts = [f"新增{label} {float(p[key]):,.0f} {unit}" for key, label, unit in
             (("added_places", "学位", "个"), ("added_beds", "床位", "张"),
              ("added_sports_area", "运动场面积", "平方米")) if pd.notna(p.get(key))]
    if not parts and pd.notna(p.get("added_floor_area")):  # a relocation's replaces the old
        word = "建筑面积" if p.get("project_type") == "relocation" else "新增建筑面积"
        parts = [f"{word} {float(p['added_floor_area']):,.0f} 平方米"]
    return "、".join(parts)


#: the kind of a project whose school the 学校 sheet does not list yet (a new one), by its name
NAMED_KINDS = (("幼儿园", "幼儿园"), ("高级中学", "高中"), ("高中", "高中"))


def project_kinds(projects: pd.DataFrame, schools: pd.DataFrame) -> pd.Series:
    """Per project, "" for a 义务教育 school's, else 高中 or 幼儿园 (rv8 6: 38,000 万元 of the
    42,126 was 第一高级中学迁建); a school the 学校 sheet lacks is known by the project's name.

    >>> schools = pd.DataFrame({"school_id": ["H", "P"], "school_type": ["senior_school", "primary_school"]})
    >>> projects = pd.DataFrame({"school_id": ["H", "P", "N", "K"],
    ...                          "name": ["一高迁建", "一小扩建", "二小新建", "城东幼儿园新建"]})
    >>> project_kinds(projects, schools).tolist()
    ['高中', '', '', '幼儿园']
    """
    types = dict(zip(schools["school_id"].astype(str), schools["school_type"], strict=False)) if len(schools) else {}

    def kind(p) -> str:
        t = types.get(str(p["school_id"]))
        if t is not None:
            return "" if t in COMPULSORY_SCHOOL_TYPES else "幼儿园" if t == "kindergarten" else "高中"
        return next((k for word, k in NAMED_KINDS if word in str(p["name"])), "")
    return projects.apply(kind, axis=1) if len(projects) else pd.Series([], dtype=object)


def _apart(rows: pd.DataFrame, kinds: pd.Series, status: str) -> str:
    """The 高中 and 幼儿园 projects of ``rows``, named apart from the 义务教育 figures."""
    if rows.empty:
        return ""
    each = [f"{p['name']}（" + (f"{t}，" if (t := added_text(p)) else "")
            + f"总投资 {float(p['investment'] or 0):,.0f} 万元）" for _, p in rows.iterrows()]
    said = "、".join(dict.fromkeys(kinds[rows.index]))
    return f"另有{status}{said}项目 {len(each)} 个，不计入上述义务教育学校项目：" + "；".join(each) + "。"


def _funding(data: CountyData, today: date | None = None) -> list[str]:
    out = []
    figures = _table(data, "county_figures")
    if not figures.empty and (rises := [t for code in SPENDING if (t := rise_text(figures, code))]):
        out.append("，".join(rises) + "。")
    projects = _table(data, "projects")
    if projects.empty:
        return out
    kinds = project_kinds(projects, data.schools)
    compulsory = projects[kinds == ""]
    done = compulsory[compulsory["status"] == "completed"].sort_values("completion_date", kind="stable")
    if not done.empty:
        each = [f"{p.completion_date.year} 年竣工 {p['name']}" + (f"（{t}）" if (t := added_text(p)) else "")
                for _, p in done.iterrows()]
        out.append(f"已竣工义务教育学校建设项目 {len(done)} 个、总投资 {done['investment'].fillna(0).sum():,.0f} 万元："
                   + "；".join(each) + "。")
    out.append(_apart(projects[(kinds != "") & (projects["status"] == "completed")], kinds, "已竣工的"))
    out.append(_going(compulsory[compulsory["status"] == "under_construction"], today))
    out.append(_apart(projects[(kinds != "") & (projects["status"] == "under_construction")], kinds, "在建的"))
    return [t for t in out if t]


def _going(going: pd.DataFrame, today: date | None) -> str:
    """The 义务教育 projects under construction, those past their 竣工日期 named (rv8 6)."""
    if going.empty:
        return ""
    places = going["added_places"].fillna(0).sum()
    late = [f"{p['name']}（原计划 {p.completion_date.year} 年 {p.completion_date.month} 月竣工）"
            for _, p in going.iterrows() if today is not None and pd.notna(p.completion_date)
            and p.completion_date.date() < today]
    return (f"在建义务教育学校建设项目 {len(going)} 个、总投资 {going['investment'].fillna(0).sum():,.0f} 万元"
            + (f"，建成后新增学位 {places:,.0f} 个" if places else "") + "（各项目进度见“教育投入”）"
            + (f"；其中 {len(late)} 个已逾期，须督办：" + "、".join(late) if late else "") + "。")


def _layout(data: CountyData, today: date | None) -> list[str]:
    out = []
    projects = _table(data, "projects")
    if not projects.empty:
        built = projects[projects["project_type"].isin(("new_build", "relocation"))
                         & (projects["status"] != "completed") & (project_kinds(projects, data.schools) == "")]
        # a planned one not begun has no date to keep (rv7 8: its build time puts it later)
        each = [f"{p['name']}（" + ("在建" if p["status"] == "under_construction" else "规划，尚未开工")
                + (f"，{t}" if (t := added_text(p)) else "")
                + (_due(p.completion_date, today) if p["status"] == "under_construction" else "") + "）"
                for _, p in built.iterrows()]
        if each:
            out.append(f"新建、迁建义务教育学校项目 {len(each)} 个：" + "；".join(each) + "。")
    groups = _table(data, "school_groups")
    if not groups.empty and (each := _groups(groups, data.schools)):
        out.append("推进集团化、学区化办学：现有" + "、".join(each) + "。")
    return out


def _groups(groups: pd.DataFrame, schools: pd.DataFrame) -> list[str]:
    """Each kind of group with its schools and 教学点 counted apart (rv8 6: 「103 所学校」 were
    33 schools and 70 教学点), of 义务教育 schools only: a group without one is not counted, nor
    a kindergarten in one (rv29 4: 「学校联盟 8 个（24 所学校）」 held 3 学前教育联盟 of 9
    kindergartens; the 规划台账 counts the 5 others).

    >>> schools = pd.DataFrame({"school_id": ["P", "Q", "T", "K", "L"], "school_type": [
    ...     "primary_school", "junior_school", "teaching_point", "kindergarten", "kindergarten"]})
    >>> groups = pd.DataFrame({"group_type": ["alliance"] * 5 + ["school_district"] * 2,
    ...                        "group_name": ["一小联盟", "一小联盟", "一小联盟", "幼儿园联盟", "幼儿园联盟", "学区", "学区"],
    ...                        "school_id": ["P", "Q", "K", "K", "L", "P", "T"],
    ...                        "join_year": [2021, 2021, 2021, 2020, 2020, 2019, 2019]})
    >>> _groups(groups, schools)
    ['学校联盟 1 个（2 所学校参加，2021 年起）', '学区 1 个（1 所学校、1 个教学点参加，2019 年起）']
    """
    types = dict(zip(schools["school_id"].astype(str), schools["school_type"], strict=False)) if len(schools) else {}
    groups = groups[groups["school_id"].astype(str).map(types).isin(COMPULSORY_SCHOOL_TYPES)]
    out = []
    for kind, g in groups.groupby("group_type", sort=False):
        members = g["school_id"].dropna().astype(str).unique()
        since = g["join_year"].min()
        out.append(f"{GROUP_LABELS.get(kind, kind)} {g['group_name'].nunique()} 个（"
                   + count_of_kinds(types.get(m) for m in members) + "参加"
                   + (f"，{int(since)} 年起" if pd.notna(since) else "") + "）")
    return out


def _due(when, today: date | None) -> str:
    """A project's 竣工日期 as planned, or as passed on ``today``.

    >>> _due(pd.Timestamp("2026-08-15"), date(2026, 12, 6)), _due(pd.Timestamp("2027-08-20"), date(2026, 12, 6))
    ('，原计划 2026 年 8 月竣工，已逾期', '，计划 2027 年 8 月竣工')
    """
    if pd.isna(when):
        return ""
    month = f"{when.year} 年 {when.month} 月竣工"
    return f"，原计划 {month}，已逾期" if today is not None and when.date() < today else f"，计划 {month}"


def _teachers(ev: Evaluation, data: CountyData) -> list[str]:
    out = []
    rate, backbone = _item(ev, "rotation_rate"), _item(ev, "rotation_backbone_share")
    if rate is not None and rate.value is not None:
        text = f"本学年{rate.note.split('（')[0]}，交流比例 {rate.value:.1%}"
        if backbone is not None and backbone.value is not None:
            text += f"；{backbone.note.split('，')[-1]}，占 {backbone.value:.1%}"
        out.append(text + "。")
    history = _table(data, "rotations")
    if not history.empty and history["start_date"].notna().any():
        years = history["start_date"].dropna().dt.year
        modes = history["mode"].value_counts()
        each = "、".join(f"{MODE_LABELS.get(m, m)} {n:,} 人次" for m, n in modes.items())
        out.append(f"{years.min()}—{years.max()} 年教师交流记录共 {len(history):,} 人次（{each}）。")
    return out


def _admission(ev: Evaluation, previous: Evaluation | None) -> list[str]:
    out = []
    said = [i for i in (_item(ev, k) for k in ADMISSION) if i is not None and i.status is Status.MET]
    if said:
        out.append(f"经县级认定：{'、'.join(i.indicator.name for i in said)}（须督学核实佐证）。")
    near = _item(ev, "near_zone_enrolment")
    if near is not None and isinstance(near.value, dict) and near.value:
        shares = "、".join(f"{label} {near.value[k]:.1%}" for k, label in (("primary", "小学"), ("junior", "初中"))
                          if near.value.get(k) is not None)
        out.append(f"城区和镇区公办学校（不含寄宿制学校）就近划片入学比例：{shares}。")
    migrant = _item(ev, "migrant_public_share")
    if migrant is not None and migrant.value is not None:
        out.append(f"随迁子女在公办学校和政府购买服务的民办学校就读的比例 {migrant.value:.1%}。")
    out.append(_class_sizes(ev, previous))
    return out


def _class_sizes(ev: Evaluation, previous: Evaluation | None) -> str:
    """Both 大班额 bands since the previous school year, risen or fallen (rv29 7: only the
    超大班额 that fell was said, while 大班额 rose 185 → 191); "" without a previous year."""
    if previous is None or ev.standard.kind != "compulsory":
        return ""
    sizes, now, before = ev.rules.sizes, ev.class_lists.counts, previous.class_lists.counts
    return bands_moved(previous.year, ev.year, [(text, before[k], now[k]) for k, text in (
        ("oversized", sizes.oversized_text), ("extra_oversized", sizes.extra_oversized_text))])


def bands_moved(year0: int, year1: int, bands: list[tuple[str, int, int]]) -> str:
    """Each band (its name, classes in ``year0``, in ``year1``) as it moved between the years.

    >>> bands_moved(2024, 2025, [("大班额（56–65 人）", 185, 191), ("超大班额（66 人及以上）", 2, 0)])
    '与 2024 学年相比，2025 学年大班额（56–65 人）由 185 个增至 191 个，超大班额（66 人及以上）由 2 个减为 0 个。'
    >>> bands_moved(2024, 2025, [("大班额（56–65 人）", 9, 4), ("超大班额（66 人及以上）", 0, 0)])
    '与 2024 学年相比，2025 学年大班额（56–65 人）由 9 个降至 4 个，超大班额（66 人及以上）仍为 0 个。'
    """
    each = [f"{text}仍为 {b:,} 个" if a == b else
            f"{text}由 {a:,} 个{'增至' if b > a else '降至' if b else '减为'} {b:,} 个" for text, a, b in bands]
    return f"与 {year0} 学年相比，{year1} 学年{'，'.join(each)}。"


def _quality(ev: Evaluation, data: CountyData) -> list[str]:
    out = []
    kept = _item(ev, "junior_retention_rate")
    if kept is not None and kept.value is not None:
        out.append(f"初中三年巩固率 {kept.value:.1%}。")
    figures = _table(data, "county_figures")
    if not figures.empty:
        for code in ("social_recognition", "public_satisfaction"):
            pairs = _series(figures, code)
            if len(pairs) >= 2 and pairs[-1][1] > pairs[0][1]:
                (y0, v0), (y1, v1) = pairs[0], pairs[-1]
                out.append(f"{FIGURES_BY_CODE[code].label}由 {y0} 年 {v0:.1%} 升至 {y1} 年 {v1:.1%}。")
    return out
