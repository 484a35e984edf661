"""The headline figures of a county-year, computed once for every face.

The CLI, the HTML report, the evaluation Excel, the Word 自评报告 and the web's dashboard all
show the same few figures: 在校生 by scope, 大班额, the 差异系数 per stage, the verdicts, the
county seat's classroom balance per year and the teachers. They read them from one
:class:`HeadlineFigures` (built by :func:`headline_figures`) and print its :meth:`rows`, so
the same figure is the same text everywhere. Every row names its scope (义务教育 / 含高中 /
学前) and every total is the sum of the rows it names.

The year the classroom shortage starts is :func:`classroom_shortage`: the first year (the
base year, an actual count, included) in which the county seat's (城区 111/112) compulsory
schools need more classes than they have 普通教室.

>>> import pandas as pd
>>> seat = pd.DataFrame({"year": [2025, 2026, 2027], "classes_needed": [12, 11, 9],
...                      "classrooms": [10, 10, 10], "net_shortfall": [2, 1, -1]})
>>> short = ClassroomShortage.from_seat(seat)
>>> short.years, short.first_year, short.worst_year, short.most
((2025, 2026), 2025, 2025, 2)
>>> short.sentence()
'县城（主城区、城乡结合区）义务教育学校：2025—2026 学年教室不足（2025 学年为基年实际数），2025 学年最多，缺 2 间。'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from junheng.model import CountyData
from junheng.model.areas import COUNTY_SEAT_LABEL
from junheng.model.numbers import cv3, number
from junheng.planning.layout_forecast import FORECAST_RULE

SEAT = f"{COUNTY_SEAT_LABEL}义务教育学校"
#: the county seat's stage groups (junheng.forecast.SEAT_STAGE_GROUPS) as a planner reads them
STAGE_GROUP_NAMES = {"primary": "小学", "junior": "初中", "through": "九年、十二年一贯制学校"}
COMPULSORY = ("primary", "junior")
STAGE_NAMES = {"primary": "小学", "junior": "初中", "senior": "高中", "preschool": "学前"}


@dataclass(frozen=True)
class ClassroomShortage:
    """The county seat's classes needed against its 普通教室 per year, base year first."""

    base_year: int
    seat: tuple[tuple[int, int, int, int], ...]  # (year, classes needed, classrooms, net)
    reported: bool = True  # False: no seat school reported its classrooms
    by_school: tuple[int, ...] = ()  # per year: the short schools' shortfalls added up
    #: (stage group, net per year) of each group with a school: never netted across stages
    stages: tuple[tuple[str, tuple[int, ...]], ...] = ()
    new_schools: tuple[Any, ...] = ()  # junheng.forecast.NewSchoolRooms, in no figure above
    #: (name, year, pupils) of a new school a layout plan in force gives pupils (with_layout)
    placed: tuple[tuple[str, int, int], ...] = ()

    @classmethod
    def from_seat(cls, seat: pd.DataFrame, new_schools: tuple = ()) -> ClassroomShortage:
        """From :func:`junheng.forecast.forecast_highlights`' ``seat`` frame."""
        rows = tuple((int(r.year), int(round(r.classes_needed)), int(r.classrooms),
                      int(round(r.net_shortfall))) for r in seat.itertuples(index=False))
        base = rows[0][0] if rows else 0
        by_school = (tuple(int(round(v)) for v in seat["shortfall_by_school"])
                     if "shortfall_by_school" in seat else ())
        stages = tuple((key, tuple(int(round(v)) for v in seat[f"net_{key}"]))
                       for key in STAGE_GROUP_NAMES if f"net_{key}" in seat)
        return cls(base, rows, bool(len(seat)) and float(seat["classrooms"].sum()) > 0,
                   by_school, stages, tuple(new_schools))

    @classmethod
    def from_highlights(cls, highlights) -> ClassroomShortage:
        """From a :class:`junheng.forecast.ForecastHighlights` (its new schools included)."""
        return cls.from_seat(highlights.seat, highlights.new_schools)

    @property
    def years(self) -> tuple[int, ...]:
        """The years short of classrooms in any stage, the base year included when it is."""
        if not self.reported:
            return ()
        if self.stages:
            return tuple(year for k, (year, *_) in enumerate(self.seat)
                         if any(nets[k] > 0 for _, nets in self.stages))
        return tuple(year for year, _, _, net in self.seat if net > 0)

    @property
    def first_year(self) -> int | None:
        return self.years[0] if self.years else None

    @property
    def worst_year(self) -> int | None:
        short = [(net, -year) for year, _, _, net in self.seat if net > 0]
        return -max(short)[1] if short and self.reported else None

    @property
    def most(self) -> int:
        return max((net for *_, net in self.seat), default=0) if self.reported else 0

    def sentence(self) -> str:
        """The one sentence every face prints about the classroom balance."""
        if not self.reported:
            return "县城（主城区、城乡结合区）没有填报普通教室数的义务教育学校，无法判断教室是否够用。"
        if self.stages:
            return self._stage_sentence()
        if not self.years:
            return f"预测期内{SEAT}教室总数够用。"
        return (f"{SEAT}：{shortage_words(self.years, self.base_year, self.most, self.worst_year)}。"
                + self.basis())

    def basis(self) -> str:
        """What the shortfall counts, and the same year counted school by school (the
        达标路径's way: one school's spare rooms do not cover another's shortfall)."""
        if not self.by_school or self.worst_year is None:
            return ""
        years = [year for year, *_ in self.seat]
        each = self.by_school[years.index(self.worst_year)]
        later = ""
        if self.by_school[-1] > 0 and years[-1] not in self.years:
            later = f"，{years[-1]} 学年各校合计虽有富余，逐校相加仍缺 {self.by_school[-1]} 间"
        return (f"缺口为县城各校按标准班额所需班数之和减普通教室总数，一校富余可抵另一校不足；"
                f"逐校相加（达标路径的算法，未计布局调整）{self.worst_year} 学年缺 {each} 间{later}。")


    def _stage_sentence(self) -> str:
        parts = [f"{STAGE_GROUP_NAMES[key]}{self._stage_years(nets)}" for key, nets in self.stages]
        shared = "；一贯制学校两学段合用本校教室" if "through" in dict(self.stages) else ""
        return (f"{SEAT}教室按学段分计（一个学段富余的教室不能容纳另一学段的班级，不跨学段相抵"
                f"{shared}）：{'；'.join(parts)}。{self._stage_basis()}"
                + new_schools_text(self.new_schools, self.placed))

    def _stage_years(self, nets: tuple[int, ...]) -> str:
        short = [(year, net) for (year, *_), net in zip(self.seat, nets, strict=True) if net > 0]
        if not short:
            return "预测期内够用"
        most, worst = max((net, -year) for year, net in short)
        return f"：{shortage_words([y for y, _ in short], self.base_year, most, -worst)}"

    def _stage_basis(self) -> str:
        """How a stage's gap is counted, and the schools' own shortfalls added up."""
        text = "各学段缺口为该学段县城各校所需班数之和减普通教室数（同学段一校富余可抵另一校不足）"
        if not self.by_school or max(self.by_school) <= 0:
            return text + "。"
        each, year = max((n, -y) for n, (y, *_) in zip(self.by_school, self.seat, strict=True))
        return text + f"；逐校相加（达标路径的算法，未计布局调整）{-year} 学年缺 {each} 间。"


def shortage_words(years: Sequence[int], base_year: int, most: int, worst: int | None) -> str:
    """The years short of classrooms as runs, the base year marked as counted, and the year
    short of the most (rv6 N15: 「2026（最多缺 46 间，2025 学年）」 put 2025's most on 2026).

    >>> shortage_words([2025, 2026], 2025, 46, 2025)
    '2025—2026 学年教室不足（2025 学年为基年实际数），2025 学年最多，缺 46 间'
    >>> shortage_words([2027], 2025, 3, 2027), shortage_words([2026, 2028], 2025, 2, 2028)
    ('2027 学年教室不足，缺 3 间', '2026、2028 学年教室不足，2028 学年最多，缺 2 间')
    """
    from junheng.planning.layout_borrow import year_span

    base = f"（{base_year} 学年为基年实际数）" if base_year in years else ""
    most_year = f"{worst} 学年最多，" if len(years) > 1 else ""
    return f"{year_span(list(years))}教室不足{base}，{most_year}缺 {most} 间"


def new_schools_text(new_schools, placed: Sequence[tuple[str, int, int]] = ()) -> str:
    """Each new school's rooms and first year, said to be outside the gaps quoted before,
    and the pupils a layout plan in force gives it (``placed``: name, year, pupils): the
    forecast, by each school's own pupils, has none there (review: "尚无预测学生" in one
    section, 423 pupils in another).

    The rooms are counted in the figures before it from their first year (review rv 15: the
    48 rooms were left out, hiding about 80 spare rooms in 2030):

    >>> from junheng.forecast import NewSchoolRooms
    >>> new = [NewSchoolRooms("城东二小", "primary_school", "111", 48, 2027)]
    >>> new_schools_text(new)
    '新建学校城东二小（小学，48 间普通教室，2027 学年起投入使用）的教室自 2027 学年起计入以上普通教室数和小学缺口：招生预测按各校现有在校生推算，该校尚无在校生，预测中没有自己的学生，其学生须经就近划片由周边学校分流。'
    >>> new_schools_text(new, [("城东二小", 2030, 423)]).split("；")[1]
    '布局调整方案按就近划片给该校分配学生，2030 学年 423 人，以上各学年仍计在原就读学校（分流不改变县城该学段的合计）。'
    """
    given = {name: (year, pupils) for name, year, pupils in placed}
    return "".join(
        f"新建学校{n.name}（{STAGE_GROUP_NAMES[n.stage_group]}，{number(n.rooms)} 间普通教室，"
        f"{n.first_year} 学年起投入使用）的教室自 {n.first_year} 学年起计入以上普通教室数和"
        f"{STAGE_GROUP_NAMES[n.stage_group]}缺口：招生预测按各校现有在校生推算，该校尚无在校生，预测中没有自己的学生" + (
            f"；布局调整方案按就近划片给该校分配学生，{given[n.name][0]} 学年 {number(given[n.name][1])} 人，"
            "以上各学年仍计在原就读学校（分流不改变县城该学段的合计）。"
            if n.name in given else "，其学生须经就近划片由周边学校分流。")
        for n in new_schools)


def classroom_shortage(forecast) -> ClassroomShortage:
    """The county seat's classroom balance of a :class:`~junheng.forecast.CountyForecast`."""
    from junheng.forecast import forecast_highlights

    return ClassroomShortage.from_highlights(forecast_highlights(forecast))


#: a conclusion names its failing items (each with its schools, values and standards) when
#: there are at most this many; more are listed in the report's 存在的问题
NAMED_FAILURES = 3


def named_failures(ev) -> str:
    """The evaluation's failing items in words ("" when none, or more than
    :data:`NAMED_FAILURES`): review finding 14, "未达标（未达标 1 项…）" never said which."""
    failures = ev.verdict.failures
    if not failures or len(failures) > NAMED_FAILURES:
        return ""
    return "；".join(f.message.rstrip("。") for f in failures)


def verdict_text(label: str, failed: str, pending: int, basis: str, named: str = "") -> str:
    """A 督导评估结论 row of the headline table: the verdict, its failures as
    :attr:`Verdict.problems` words them, the pending count and, when few, the failing items by name.

    >>> verdict_text("待核实", "未达标指标 0 项", 6, "河南省补充标准")
    '待核实（未达标指标 0 项，待核实 6 项；依据河南省补充标准）'
    >>> verdict_text("未达标", "未达标指标 1 项", 4, "河南省补充标准", "前提条件：甲小学生均图书册数 19.71册（省定标准 20册）")
    '未达标（未达标指标 1 项，待核实 4 项；依据河南省补充标准）。未达标项：前提条件：甲小学生均图书册数 19.71册（省定标准 20册）'
    """
    text = f"{label}（{failed}，待核实 {pending} 项；依据{basis}）"
    return f"{text}。未达标项：{named}" if named else text


def verdict_row(ev, data: CountyData, quality=None) -> tuple[str, str]:
    """One evaluation's (standard, verdict in words) for :attr:`HeadlineFigures.verdicts`:
    基本均衡 2012 failing on its precondition's books alone as the one re-check row it is
    (:func:`~.basic_recheck.recheck_text`, hr item 3, review ht 1), any other as
    :func:`verdict_text` with its failing items by name when few (:func:`named_failures`)."""
    from junheng.jobs.basic_recheck import recheck_text

    text = recheck_text(ev, data, quality)
    if text is None:
        text = verdict_text(ev.verdict.label, ev.verdict.problems, len(ev.verdict.pending),
                            ev.standard.basis, named_failures(ev))
    return ev.standard.name, text


@dataclass(frozen=True)
class HeadlineFigures:
    """What a county-year's pages lead with (see the module docstring)."""

    county: str
    school_year: int
    students: dict[str, int]  # stage -> pupils in the 班级 sheet
    teachers: dict[str, int]  # stage -> 专任教师
    oversized: int
    extra_oversized: int
    oversized_schools: int
    cvs: dict[str, float] = field(default_factory=dict)  # stage label -> composite CV (2017)
    # (standard, its verdict in words: verdict_row)
    verdicts: tuple[tuple[str, str], ...] = ()
    classroom: ClassroomShortage | None = None
    # 学前 pupils by scope: 托班, 小学附设幼儿班, 幼儿园 3–5 岁班级, 幼儿园 all classes
    preschool_scopes: tuple[int, int, int, int] | None = None
    # 特殊教育学校: 小学 pupils, 初中 pupils, 小学＋初中 专任教师 (in the totals above, not in the
    # evaluation's denominators)
    special: tuple[int, int, int] = (0, 0, 0)
    # the layout plan's county seat classroom gap per school: (its target year, 不调整,
    # 调整后, its pupils are the forecast's), set beside the forecast's row of that year
    layout_seat: tuple[int, int, int, bool] | None = None

    @property
    def compulsory_students(self) -> int:
        return sum(self.students.get(s, 0) for s in COMPULSORY)

    @property
    def with_senior_students(self) -> int:
        return self.compulsory_students + self.students.get("senior", 0)

    def rows(self) -> list[tuple[str, str]]:
        """(项目, 数值) in the order every face prints them; each label names its scope."""
        s, t = self.students, self.teachers
        out = [("在校生（义务教育：小学＋初中）", _people(self.compulsory_students)),
               ("在校生（小学）", _people(s.get("primary", 0))),
               ("在校生（初中）", _people(s.get("junior", 0))),
               ("在校生（高中）", _people(s.get("senior", 0))),
               ("在校生（含高中：义务教育＋高中）", _people(self.with_senior_students)),
               ("在园幼儿（学前）", _people(s.get("preschool", 0))),
               *self._preschool_scope_rows(),
               ("专任教师（义务教育：小学＋初中）", _people(sum(t.get(x, 0) for x in COMPULSORY))),
               ("专任教师（全部学段）", _people(sum(t.values()))),
               *self._evaluation_scope_rows(),
               ("大班额（义务教育）", f"{self.oversized} 个"),
               ("超大班额（义务教育）", f"{self.extra_oversized} 个"),
               ("大校额学校（义务教育）", f"{self.oversized_schools} 所")]
        out += [(f"{name}结论", text) for name, text in self.verdicts]
        if self.classroom is not None:
            out += _classroom_rows(self.classroom, self.layout_seat)
        return out


    def cv_note(self) -> str:
        """The 综合差异系数 as a note under the table, not a row among the 评估指标 (review ht 1:
        a reference figure of this system read as a headline indicator); "" without them.

        >>> HeadlineFigures("甲县", 2025, {}, {}, 0, 0, 0, cvs={"小学": 0.3854, "初中": 0.3306}).cv_note()
        '综合差异系数（各单项差异系数的平均）为参考值（非评估办法指标），不列入上表：小学 0.385，初中 0.331。'
        """
        if not self.cvs:
            return ""
        each = "，".join(f"{stage} {_cv(cv)}" for stage, cv in self.cvs.items())
        return f"综合差异系数（各单项差异系数的平均）为参考值（非评估办法指标），不列入上表：{each}。"

    def _evaluation_scope_rows(self) -> list[tuple[str, str]]:
        """The compulsory counts the evaluation divides by: without the 特殊教育学校, whose
        pupils and teachers the totals above include (inspector finding 4e)."""
        primary, junior, teachers = self.special
        if not any(self.special):
            return []
        s, t = self.students, sum(self.teachers.get(x, 0) for x in COMPULSORY)
        return [("义务教育评估口径（不含特殊教育学校）",
                 f"在校生小学 {number(s.get('primary', 0) - primary)} 人、初中 "
                 f"{number(s.get('junior', 0) - junior)} 人，专任教师 {number(t - teachers)} 人；"
                 f"特殊教育学校小学 {number(primary)} 人、初中 {number(junior)} 人、专任教师 "
                 f"{number(teachers)} 人计入上列总数，不计入差异系数、持证率、培训学时等评估指标")]

    def _preschool_scope_rows(self) -> list[tuple[str, str]]:
        """The other 在园幼儿 figures the outputs use, each from the one above (review B12)."""
        if not self.preschool_scopes or not self.students.get("preschool"):
            return []
        nursery, attached, kg_3_5, kg_all = self.preschool_scopes
        total = self.students["preschool"]
        return [("在园幼儿（其他口径）",
                 f"毛入园率、普惠和公办占比按 3–5 岁班级 {number(total - nursery)} 人（不含托班 "
                 f"{number(nursery)} 人，含小学附设幼儿班 {number(attached)} 人）；师幼比按幼儿园 3–5 岁"
                 f"班级 {number(kg_3_5)} 人；招生预测基年按幼儿园 {number(kg_all)} 人（含托班）")]


def _people(n: int) -> str:
    return f"{number(n)} 人"


def _cv(cv: float) -> str:

    return cv3(cv)


def _classroom_rows(short: ClassroomShortage, layout: tuple[int, int, int] | None = None
                    ) -> list[tuple[str, str]]:
    if not short.reported:
        return [("县城义务教育学校教室开始不足的学年", "未填报普通教室数，无法判断")]
    rows = [("县城义务教育学校教室开始不足的学年", _first_years(short))]
    for k, (year, _, _, net) in enumerate(short.seat):
        kind = "基年，实际数" if year == short.base_year else "招生预测，未计布局调整"
        each = short.by_school[k] if k < len(short.by_school) else None
        text = (stage_balance_text([(STAGE_GROUP_NAMES[g], nets[k]) for g, nets in short.stages],
                                   each) if short.stages else balance_text(net, each))
        if layout is not None and layout[0] == year:
            text += layout_seat_text(*layout[1:])
        rows.append((f"县城义务教育学校教室缺口：{year} 学年（{kind}）", text))
    if short.new_schools:
        rows.append(("县城新建学校（自投入使用学年起计入上列缺口）",
                     new_schools_text(short.new_schools, short.placed)))
    return rows


def _first_years(short: ClassroomShortage) -> str:
    """The first short year, per stage when the stages are known."""
    def first(nets) -> str:
        year = next((y for (y, *_), n in zip(short.seat, nets, strict=True) if n > 0), None)
        return "预测期内够用" if year is None else f"{year} 学年" + (
            "（基年已不足）" if year == short.base_year else "")
    if short.stages:
        return "；".join(f"{STAGE_GROUP_NAMES[g]}：{first(nets)}" for g, nets in short.stages)
    return first([net for *_, net in short.seat])


def stage_balance_text(nets: Sequence[tuple[str, int]], each: int | None = None) -> str:
    """A year's classroom balance per stage (never netted across stages) and, when known,
    the schools' own shortages added up.

    >>> stage_balance_text([("小学", -20), ("初中", 21), ("九年、十二年一贯制学校", 0)], 35)
    '小学富余 20 间；初中缺 21 间；九年、十二年一贯制学校恰好够用；逐校相加缺 35 间'
    """
    text = "；".join(f"{name}{_net(net)}" for name, net in nets)
    return text if each is None else text + "；逐校相加" + (f"缺 {each} 间" if each > 0 else "不缺")


def _net(net: int) -> str:
    return f"缺 {net} 间" if net > 0 else f"富余 {-net} 间" if net < 0 else "恰好够用"


#: what the layout's 调整后 gap counts: the plan's built rooms, not those it borrows (brief hshort)
AFTER_BUILT = "（方案新建教室后，临时周转借用的不算）"


def layout_seat_text(before: int, after: int, forecast: bool = False) -> str:
    """The layout plan's per-school gap beside the forecast's of its target year (review
    finding 6: 31 and 27 for 2030, the layout note calling them “同一算法”): the same counting,
    another source of the year's pupils. 调整后 counts the rooms the plan builds, not those it
borrows (:data:`AFTER_BUILT`; brief hshort: 「调整后缺 4 间」 beside 10 rooms borrowed in 2030).

    >>> layout_seat_text(31, 4)
    '；布局调整方案（学生按各村适龄儿童推算）不调整逐校相加缺 31 间、调整后（方案新建教室后，临时周转借用的不算）缺 4 间：算法相同，学生数来源不同于本行的招生预测（按各校历年招生推算）'

    With the layout's pupils the forecast's (``forecast``, planning.layout_forecast):

    >>> layout_seat_text(31, 4, True)
    '；布局调整方案（学生取本行的招生预测，调整后另加减方案转入、转出的学生）不调整逐校相加缺 31 间、调整后（方案新建教室后，临时周转借用的不算）缺 4 间'
    """
    gap = [f"缺 {n} 间" if n > 0 else "不缺" for n in (before, after)]
    gap[1] = AFTER_BUILT + gap[1]
    if forecast:
        return (f"；布局调整方案（学生取本行的招生预测，调整后另加减方案转入、转出的学生）不调整逐校相加{gap[0]}、"
                f"调整后{gap[1]}")
    return (f"；布局调整方案（学生按各村适龄儿童推算）不调整逐校相加{gap[0]}、调整后{gap[1]}："
            "算法相同，学生数来源不同于本行的招生预测（按各校历年招生推算）")


def with_layout(figures: HeadlineFigures, layout: Any) -> HeadlineFigures:
    """``figures`` with the layout plan's (a LayoutOutcome, or None) county seat gap."""
    seat = (getattr(layout, "metrics", None) or {})
    before, after = (seat.get(k, {}).get("urban_classroom_shortfall") for k in ("before", "after"))
    if layout is None or not layout.target_year or before is None or after is None:
        return figures
    short = figures.classroom
    if short is not None:
        short = replace(short, placed=layout_placed(layout, short.new_schools))
    return replace(figures, classroom=short,
                   layout_seat=(int(layout.target_year), int(before), int(after),
                                bool((layout.rules or {}).get(FORECAST_RULE))))


def layout_placed(layout: Any, new_schools) -> tuple[tuple[str, int, int], ...]:
    """(name, planning year, pupils) of each of ``new_schools`` (the forecast's, with no
    pupils) that a layout plan (a LayoutOutcome, or None) gives pupils."""
    names = {n.name for n in new_schools}
    if layout is None or not layout.target_year or not names:
        return ()
    return tuple((s.name, int(layout.target_year), int(sum(s.students_after.values())))
                 for s in layout.schools if s.name in names and s.action != "close"
                 and sum((s.students_after or {}).values()) > 0)


def balance_text(net: int, each: int | None = None) -> str:
    """A year's classroom balance: the net over the county seat and, when known, the schools'
    own shortages added up (one school's spare rooms do not seat another's pupils).

    >>> balance_text(-16, 31), balance_text(3, 5), balance_text(-2)
    ('各校合计富余 16 间（一校富余抵另一校不足）；逐校相加缺 31 间', '各校合计缺 3 间（一校富余抵另一校不足）；逐校相加缺 5 间', '富余 2 间')
    """
    text = _net(net)
    if each is None:
        return text
    return f"各校合计{text}（一校富余抵另一校不足）；逐校相加" + (f"缺 {each} 间" if each > 0 else "不缺")


def headline_figures(data: CountyData, evaluations: Sequence = (), forecast=None
                     ) -> HeadlineFigures:
    """The figures of ``data`` with its evaluations (2017 first) and forecast, when given."""
    from junheng.model.codes import GRADE_STAGE

    classes = data.classes
    students = classes["students"].groupby(classes["grade"].map(GRADE_STAGE)).sum()
    teachers = data.teachers[data.teachers["full_time"].fillna(False).astype(bool)]
    quality = next((ev for ev in evaluations if ev.standard.id == "quality-2017"), None)
    counts = quality.class_lists.counts if quality is not None else {}
    cvs = {STAGE_NAMES[s]: float(r.composite_cv) for s, r in quality.stages.items()} \
        if quality is not None else {}
    verdicts = tuple(verdict_row(ev, data, quality) for ev in evaluations)
    return HeadlineFigures(
        county=str(data.info.get("county_name") or data.county_code),
        school_year=int(data.school_year),
        students={str(k): int(v) for k, v in students.items()},
        teachers={str(k): int(v) for k, v in teachers["stage"].value_counts().items()},
        oversized=int(counts.get("oversized", 0)),
        extra_oversized=int(counts.get("extra_oversized", 0)),
        oversized_schools=int(counts.get("oversized_schools", 0)),
        cvs=cvs, verdicts=verdicts,
        classroom=None if forecast is None else classroom_shortage(forecast),
        preschool_scopes=_preschool_scopes(data), special=_special(data, teachers))


def _special(data: CountyData, teachers: pd.DataFrame) -> tuple[int, int, int]:
    """(小学 pupils, 初中 pupils, 小学＋初中 full-time teachers) of the 特殊教育学校."""
    from junheng.model.codes import GRADE_STAGE

    ids = set(data.schools.loc[data.schools["school_type"].eq("special_education"), "school_id"])
    classes = data.classes[data.classes["school_id"].isin(ids)]
    pupils = classes["students"].fillna(0).groupby(classes["grade"].map(GRADE_STAGE)).sum()
    staff = teachers["school_id"].isin(ids) & teachers["stage"].isin(COMPULSORY)
    return int(pupils.get("primary", 0)), int(pupils.get("junior", 0)), int(staff.sum())


def _preschool_scopes(data: CountyData) -> tuple[int, int, int, int]:
    """(托班, 小学附设幼儿班, 幼儿园 3–5 岁班级, 幼儿园 all) pupils of the 班级 sheet."""
    from junheng.model.codes import PRESCHOOL_GRADES

    classes = data.classes[data.classes["grade"].isin(PRESCHOOL_GRADES)]
    kinds = classes["school_id"].map(data.schools.set_index("school_id")["school_type"])
    in_kg = kinds.eq("kindergarten").to_numpy()
    nursery = classes["grade"].eq("k0").to_numpy()
    pupils = classes["students"].fillna(0).to_numpy()
    return (int(pupils[nursery].sum()), int(pupils[~in_kg].sum()),
            int(pupils[in_kg & ~nursery].sum()), int(pupils[in_kg].sum()))
