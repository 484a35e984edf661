"""先建后撤: a closure into a receiver whose building project is still 规划 is conditional.

Planner review finding 23: 布局 表 1 (2027) closed 上桃寨村教学点 into 余下洼村小学, whose 迁建 was
still 规划 (not 在建, not 竣工) with its 竣工 planned for August 2027. The plan does not close a
school into a campus that may not stand: each such closure says it waits for the project
(:attr:`~.layout_outcome.PlannedSchool.condition`, in every table's row and reason), and the
plan's notes count them. The optimiser is unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import pandas as pd

from junheng.model.labels import closed_units
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.planning.project_entry import TYPE_LABELS

#: the one treatment of a closure into a school whose project is still 规划, in the layout's
#: rows and notes and in the 达标路径's (review re finding 8: the layout closed into it, the
#: 整改 called the project no guarantee)
NO_GUARANTEE = "项目现为规划状态（未开工），尚不能作为保障，推迟竣工则撤并顺延"
#: the 达标路径's sentence on the layout's closures into such schools
LAYOUT_WAITS = "先建后撤：布局调整方案并入该校的撤并待项目竣工投入使用后实施，推迟竣工则撤并顺延"


def planned_projects(projects) -> dict[str, str]:
    """school_id → the type (迁建, 新建 …; "建设" for 其他) of its project still at 规划 status.

    >>> import pandas as pd
    >>> planned_projects(pd.DataFrame({"school_id": ["B", "C", "D"],
    ...     "project_type": ["relocation", "expansion", "other"],
    ...     "status": ["planned", "completed", "planned"]}))
    {'B': '迁建', 'D': '建设'}
    """
    if projects is None or projects.empty or "status" not in projects:
        return {}
    rows = projects[projects["status"] == "planned"]
    return {str(sid): TYPE_LABELS.get(str(kind), "建设") if kind != "other" else "建设"
            for sid, kind in zip(rows["school_id"], rows["project_type"], strict=True)}


def not_begun(projects) -> frozenset[str]:
    """The schools a 迁建 or 新建 project at 规划 status builds: not begun, so no guarantee yet;
    the 达标路径 and the 自评报告 say so where the layout plan's closures into them wait
    (planner review: 余下洼村小学 was "由项目保障" in the 自评报告).

    >>> import pandas as pd
    >>> sorted(not_begun(pd.DataFrame({"school_id": ["B", "C", "D", "E"],
    ...     "project_type": ["relocation", "relocation", "expansion", "new_build"],
    ...     "status": ["planned", "under_construction", "planned", "planned"]})))
    ['B', 'E']
    """
    if projects is None or projects.empty or "status" not in projects:
        return frozenset()
    rows = projects[(projects["status"] == "planned")
                    & projects["project_type"].isin(("relocation", "new_build"))]
    return frozenset(rows["school_id"].astype(str))


def repairs_in_use(actions: pd.DataFrame, projects) -> pd.Series:
    """Per action row, whether it is a 维修改造（核定面积） (``*_repair``: a music or art room a
    few m² short) at a school whose 迁建 or 新建 is still 规划 (:func:`not_begun`): no guarantee
    yet, its rooms are in use in the target year, so the 达标路径 books the same step as at any
    other school (rv20 8: 余下洼村小学's 2 m² read 「不列措施，新校址核定面积时复核」 and was counted
    unresolved, while 35 schools and 新区实验学校's 1 m² got it at 0.15 万元 a m²). A school whose
    project is under way moves into rooms its project builds: nothing is booked there.

    >>> a = pd.DataFrame({"school_id": ["B", "B", "C"], "item": ["art_room_repair", "classroom", "music_room_repair"]})
    >>> repairs_in_use(a, pd.DataFrame({"school_id": ["B", "C"], "project_type": "relocation",
    ...                                 "status": ["planned", "under_construction"]})).tolist()
    [True, False, False]
    """
    if actions.empty:
        return pd.Series(False, index=actions.index, dtype=bool)
    return actions["item"].astype(str).str.endswith("_repair") & actions["school_id"].isin(not_begun(projects))


def projects_provide(forced: pd.DataFrame, no_build, projects) -> pd.Series:
    """Per forced item, whether a school's project provides it (a school being relocated or
    built, ``no_build``), not the 达标路径: all of them but :func:`repairs_in_use`.

    >>> f = pd.DataFrame({"school_id": ["B", "B", "A"], "item": ["art_room_repair", "music_room", "art_room_repair"]})
    >>> projects_provide(f, {"B"}, pd.DataFrame({"school_id": ["B"], "project_type": "relocation",
    ...                                          "status": ["planned"]})).tolist()
    [False, True, False]
    """
    return forced["school_id"].isin(set(no_build)) & ~repairs_in_use(forced, projects)


def moving_names(names: Mapping[str, str], schools, projects) -> str:
    """The schools being relocated by name, one whose 迁建 is still 规划 saying so (the plans'
    note "迁建中的学校：…" called 余下洼村小学 正在迁建 while its project had not begun).

    >>> import pandas as pd
    >>> moving_names({"B": "余下洼村小学", "C": "黄城镇初级中学"}, {"C", "B"}, pd.DataFrame({
    ...     "school_id": ["B", "C"], "project_type": "relocation",
    ...     "status": ["planned", "under_construction"]}))
    '余下洼村小学（迁建项目现为规划状态，未开工）、黄城镇初级中学'
    """
    later = not_begun(projects)
    return "、".join(names.get(s, s) + ("（迁建项目现为规划状态，未开工）" if s in later else "")
                    for s in sorted(schools))


#: the project types whose receiver cannot take a closed school's pupils before they are in
#: use: its classrooms, its new campus, the new school itself
WAITED_TYPES = ("expansion", "relocation", "new_build")


def project_years(data, target_year: int, day, leads: Mapping[str, int] | None = None
                  ) -> dict[str, tuple[object, int]]:
    """school_id → (竣工日期, the first school year in use: :meth:`~.ProjectEntry.in_use_from`
    on the plan's ``day``) of its unfinished (在建、规划) project of :data:`WAITED_TYPES` the
    plans count by ``target_year`` (the latest when a school has several). ``leads``: project
    type → its build time in school years; a project at 规划 status (not begun) is then in use
    no sooner than the first school year not begun on ``day`` plus its build time
    (:func:`planned_floor`; review rv 13: 余下洼村小学's 迁建, 规划 in December 2026, dated in use in
    2027 while the plan gives its own new school 2 学年)."""
    from junheng.planning.projects import county_at

    projects = getattr(data, "projects", None)
    if projects is None or projects.empty:
        return {}
    out: dict[str, tuple[object, int]] = {}
    for e in county_at(data, target_year, today=day).counted:
        if e.project_type in WAITED_TYPES and e.completion is not None:
            year = max(e.in_use_from(day), planned_floor(e.status, e.project_type, day, leads))
            if year >= out.get(e.school_id, (None, 0))[1]:
                out[e.school_id] = (e.completion, year)
    return out


def planned_floor(status: str, project_type: str, day, leads: Mapping[str, int] | None) -> int:
    """The earliest school year a project at 规划 status can be in use: the first school year
    not begun on ``day`` plus the build time of its type (``leads``); 0 for a project begun
    (在建) or without ``leads``.

    >>> from datetime import date
    >>> leads = {"relocation": 2, "new_build": 2, "expansion": 2}
    >>> planned_floor("planned", "relocation", date(2026, 12, 5), leads)
    2029
    >>> planned_floor("under_construction", "relocation", date(2026, 12, 5), leads)
    0
    """
    from junheng.planning.layout_phases import first_school_year

    if status != "planned" or not leads or day is None:
        return 0
    return first_school_year(day) + int(leads.get(project_type, 0))


def lead_years(config) -> dict[str, int]:
    """Project type → build time in school years: a 迁建 or 新建 as the plan's new school
    (``new_school_lead_years``), an 改扩建 as its expansions (``expansion_lead_years``).

    >>> from types import SimpleNamespace as NS
    >>> lead_years(NS(new_school_lead_years=2, expansion_lead_years=1))
    {'expansion': 1, 'relocation': 2, 'new_build': 2}
    """
    return {"expansion": int(config.expansion_lead_years),
            "relocation": int(config.new_school_lead_years),
            "new_build": int(config.new_school_lead_years)}


def project_leads(layout, costs) -> dict[str, int]:
    """Build times (project type → school years) that put a 规划 project not begun in use no
    sooner than the layout's 表3 says (rv7 8: the 整改 listed 余下洼 「规划，2027 年 8 月竣工」
    beside the layout's 「最早 2029 学年投入使用」): the layout ``plan``'s rules, else the
    unit-price file's (:func:`~.layout_config.county_leads`; ``costs``: ``ComplianceCosts``).

    >>> from junheng.planning.compliance_costs import load_costs
    >>> from junheng.planning.layout_outcome import LayoutOutcome
    >>> project_leads(None, load_costs())
    {'expansion': 2, 'relocation': 2, 'new_build': 2}
    >>> plan = LayoutOutcome("optimal", (), {}, rules={"expansion_lead_years": 1, "new_school_lead_years": 3})
    >>> project_leads(plan, load_costs())
    {'expansion': 1, 'relocation': 3, 'new_build': 3}
    """
    from types import SimpleNamespace

    from junheng.planning.layout_config import county_leads

    rules = (layout.rules or {}) if layout is not None else {}
    given = {k: v for k, v in rules.items() if k.endswith("_lead_years") and v is not None}
    return lead_years(SimpleNamespace(**{**county_leads(costs), **given}))


def project_waits(close: Mapping[str, int], receivers: Mapping[str, Mapping[str, int]],
                  ready: Mapping[str, int]) -> dict[str, int]:
    """``close`` (site → phase) with each closure no sooner than the phase from which every
    receiver's unfinished project is in use (``ready``: school → phase; review 2026-12-05
    finding 4: 上桃寨村教学点 closed into 余下洼村小学 against its 迁建 still 规划).

    >>> project_waits({"X": 2, "Y": 2, "Z": 4}, {"X": {"A": 9}, "Y": {"B": 9}, "Z": {"A": 9}},
    ...               {"A": 3})
    {'X': 3, 'Y': 2, 'Z': 4}
    """
    return {s: max([p, *(ready[r] for r in receivers.get(s, {}) if r in ready)])
            for s, p in close.items()}


def condition_text(receivers: list[tuple[str, str]], when: str = "") -> str:
    """The condition of a closure into ``receivers`` (name, project type) at 规划 status;
    ``when``: its project's planned completion and first school year in use.

    >>> condition_text([("余下洼村小学", "迁建")])
    '（先建后撤：余下洼村小学迁建项目竣工投入使用后撤并；项目现为规划状态（未开工），尚不能作为保障，推迟竣工则撤并顺延）'
    >>> condition_text([("甲小学", "迁建"), ("乙小学", "改扩建")])[:32]
    '（先建后撤：甲小学迁建项目、乙小学改扩建项目竣工投入使用后撤并；'
    >>> condition_text([("余下洼村小学", "迁建")], "计划 2027 年 8 月竣工、2027 学年起投入使用，撤并安排在该学年")
    '（先建后撤：余下洼村小学迁建项目竣工投入使用后撤并，计划 2027 年 8 月竣工、2027 学年起投入使用，撤并安排在该学年；项目现为规划状态（未开工），尚不能作为保障，推迟竣工则撤并顺延）'
    """
    named = "、".join(f"{name}{kind}项目" for name, kind in receivers)
    return f"（先建后撤：{named}竣工投入使用后撤并{'，' + when if when else ''}；{NO_GUARANTEE}）"


def when_text(done, year: int, closes: int | None, kind: str = "") -> str:
    """A project's planned completion and first school year in use, and the closure's year
    against it; a project at 规划 status whose completion the build time puts off (``year``
    after the school year its 竣工日期 gives, :func:`planned_floor`) says the closure waits for
    it (``kind``: the project's type in words).

    >>> from datetime import date
    >>> when_text(date(2027, 8, 31), 2027, 2027), when_text(date(2027, 8, 31), 2027, 2029)
    ('计划 2027 年 8 月竣工、2027 学年起投入使用，撤并安排在该学年', '计划 2027 年 8 月竣工、2027 学年起投入使用，撤并在 2029 学年')
    >>> when_text(date(2027, 8, 31), 2029, 2029, "迁建")
    '原计划 2027 年 8 月竣工，按未开工迁建项目的建设周期最早 2029 学年投入使用，撤并安排在该学年'
    >>> when_text(date(2027, 8, 31), 2029, 2030, "迁建").split("投入使用，")[1]
    '撤并在 2030 学年'
    """
    from junheng.planning.project_entry import first_year

    if year > first_year(done):
        # one date with its reason (rv5 11: 「计划 2027 年…最早 2029 学年…（最早 2029 学年）」)
        closing = "撤并安排在该学年" if closes is None or closes <= year else f"撤并在 {closes} 学年"
        return (f"原计划 {done.year} 年 {done.month} 月竣工，按未开工{kind}项目的建设周期最早 {year} "
                f"学年投入使用，{closing}")
    closing = "撤并安排在该学年" if closes is None or closes <= year else f"撤并在 {closes} 学年"
    return f"计划 {done.year} 年 {done.month} 月竣工、{year} 学年起投入使用，{closing}"


def conditions_note(closed: list[PlannedSchool]) -> str:
    """The plan's note counting its conditional closures ("" for none): schools by 所,
    教学点 by 个 (review rd 1).

    >>> p = PlannedSchool("A", "上桃寨村教学点", "close", kind="teaching_point")
    >>> conditions_note([p, p])
    '先建后撤：撤并的 2 个教学点的接收学校的建设项目现为规划状态（未开工），尚不能作为保障，待接收学校的项目竣工投入使用后撤并，见各校“理由”；推迟竣工则撤并顺延，或改并入其他学校。'
    >>> conditions_note([p, PlannedSchool("B", "乙小学", "close")]).split("的接收")[0]
    '先建后撤：撤并的 1 所学校和 1 个教学点'
    """
    if not closed:
        return ""
    points = sum(s.kind == "teaching_point" for s in closed)
    return (f"先建后撤：撤并的 {closed_units(len(closed) - points, points)}的接收学校的建设项目现为规划状态"
            "（未开工），尚不能作为保障，待接收学校的项目竣工投入使用后撤并，见各校“理由”；推迟竣工则撤并顺延，"
            "或改并入其他学校。")


def closure_conditions(schools: tuple[PlannedSchool, ...], planned: Mapping[str, str],
                       years: Mapping[str, tuple] | None = None, data_year: int = 0
                       ) -> dict[str, str]:
    """Closed school_id → its condition, for each closure with a receiver (``merged_into`` or
    one taking its pupils) in ``planned`` (:func:`planned_projects`); with the projects'
    ``years`` (:func:`project_years`), when its project is in use (:func:`when_text`).

    >>> a = PlannedSchool("A", "上桃寨村教学点", "close", merged_into="B")
    >>> b = PlannedSchool("B", "余下洼村小学", "keep")
    >>> closure_conditions((a, b), {"B": "迁建"})
    {'A': '（先建后撤：余下洼村小学迁建项目竣工投入使用后撤并；项目现为规划状态（未开工），尚不能作为保障，推迟竣工则撤并顺延）'}
    >>> closure_conditions((a, b), {})
    {}
    """
    names = {s.school_id: s.name for s in schools}
    out = {}
    for s in schools:
        if s.action != "close":
            continue
        pending = [(names.get(k, k), planned[k]) for k in s.receivers if k in planned]
        dated = [(*(years or {})[k], planned[k]) for k in s.receivers
                 if k in planned and k in (years or {})]
        if pending:
            done, year, kind = max(dated, key=lambda d: d[1]) if dated else (None, 0, "")
            closes = data_year + s.phase if s.phase and data_year else None
            out[s.school_id] = condition_text(pending, when_text(done, year, closes, kind)
                                              if done is not None else "")
    return out


def with_conditions(outcome: LayoutOutcome, data, leads: Mapping[str, int] | None = None
                    ) -> LayoutOutcome:
    """The outcome with each closure into a receiver whose project is at 规划 status made
    conditional (:func:`closure_conditions`) and counted in its notes (:func:`conditions_note`);
    ``leads``: the build times of :func:`project_years` (:func:`lead_years`)."""
    from junheng.planning.layout_phases import parse_day

    day = parse_day((outcome.rules or {}).get("plan_date"))
    years = project_years(data, outcome.target_year, day, leads) if outcome.target_year else {}
    found = closure_conditions(outcome.schools, planned_projects(data.tables.get("projects")),
                               years, outcome.year or 0)
    if not found:
        return outcome
    return replace(outcome, notes=(*outcome.notes, conditions_note([s for s in outcome.schools if s.school_id in found])), schools=tuple(
        replace(s, condition=found[s.school_id]) if s.school_id in found else s
        for s in outcome.schools))


def with_openings(outcome: LayoutOutcome, data) -> LayoutOutcome:
    """The outcome with each kept school that an unfinished 新建 project builds marked with
    the project's status and the school year it opens (:func:`~.projects.first_year`), where
    that is after the data year.

    >>> import pandas as pd
    >>> projects = pd.DataFrame({"school_id": ["N"], "project_type": ["new_build"],
    ...     "status": ["under_construction"], "completion_date": [pd.Timestamp("2027-08-20")]})
    >>> data = type("D", (), {"tables": {"projects": projects}})()
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("N", "新区二小", "keep"),), {}, year=2025)
    >>> [s.action_label for s in with_openings(plan, data).schools]
    ['在建（2027 学年启用）']
    """
    projects = data.tables.get("projects")
    if projects is None or projects.empty:
        return outcome
    from junheng.planning.projects import first_year

    rows = projects[(projects["project_type"] == "new_build") & (projects["status"] != "completed")]
    opens = {}
    for r in rows.itertuples(index=False):
        done = pd.to_datetime(r.completion_date)
        year = None if pd.isna(done) else first_year(done.date())
        if year is not None and (outcome.year is None or year > outcome.year):
            opens[str(r.school_id)] = (str(r.status), int(year))
    return with_added_rooms(replace(outcome, schools=tuple(
        replace(s, project_status=opens[s.school_id][0], opens_year=opens[s.school_id][1])
        if s.school_id in opens and s.action == "keep" else s for s in outcome.schools)), data)


def with_added_rooms(outcome: LayoutOutcome, data) -> LayoutOutcome:
    """The outcome with each school whose seats count the classrooms of an unfinished 改扩建
    project (规划 or 在建, done before the target year's school start: the projects
    :func:`~.projects.county_at` adds) marked with it (rv8 2: 实验小学 lent the 14 rooms of its
    overdue project and the plan never said so; :func:`~.layout_lend.project_words`).

    >>> projects = pd.DataFrame({"school_id": ["L"], "name": ["实验小学教学楼改扩建"],
    ...     "project_type": ["expansion"], "status": ["under_construction"],
    ...     "completion_date": [pd.Timestamp("2025-12-31")], "added_places": [630.0]})
    >>> data = type("D", (), {"tables": {"projects": projects}})()
    >>> plan = LayoutOutcome("optimal", (PlannedSchool("L", "实验小学", "keep", kind="primary_school"),), {},
    ...                      year=2025, target_year=2030)
    >>> with_added_rooms(plan, data).schools[0].unfinished_projects
    ({'name': '实验小学教学楼改扩建', 'status': 'under_construction', 'due': '2025-12-31', 'rooms': 14},)

    (630 places ÷ 45 a class = 14 rooms.)
    """
    from datetime import date

    from junheng.model.county import typed_frame
    from junheng.planning.project_entry import COUNTED_STATUSES, SCHOOL_START
    from junheng.planning.projects import rooms_of

    projects = data.tables.get("projects")
    if projects is None or projects.empty or outcome.target_year is None:
        return outcome
    rows = typed_frame("projects", projects)
    cutoff = pd.Timestamp(date(outcome.target_year, *SCHOOL_START))
    kinds = {s.school_id: s.kind for s in outcome.schools}
    found: dict[str, list[dict]] = {}
    counted = rows[(rows["project_type"] == "expansion") & rows["status"].isin(COUNTED_STATUSES)]
    for r in counted.itertuples(index=False):
        sid, done = str(r.school_id), pd.to_datetime(r.completion_date)
        rooms = rooms_of(r, kinds.get(sid, ""))[0] if sid in kinds and not pd.isna(done) and done <= cutoff else 0
        if rooms > 0:
            found.setdefault(sid, []).append({"name": str(r.name), "status": str(r.status),
                                              "due": done.date().isoformat(), "rooms": int(rooms)})
    return replace(outcome, schools=tuple(replace(s, unfinished_projects=tuple(found[s.school_id]))
                                          if s.school_id in found else s for s in outcome.schools))
