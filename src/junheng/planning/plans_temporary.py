"""临时周转 counted across both plans: a school borrows rooms for at most ``temporary_peak_years``
school years in a row (3 by default), whichever plan borrows them, counted from the first
school year a new room could be in use (:func:`rooms_since`; review rv 4: one rule in both
plans, as the layout decides an expansion's rooms; the years before it are met by 临时周转
whatever is built, so they did not make 第四小学 and 第三初级中学 build rooms the layout met by
临时周转).

* :func:`joint_breaches`, the check of the combined plan: each school whose years borrowed by
  either plan (:func:`~.plans_transition.borrowed_years`) run longer, with the years and which
  plan borrows which year;
* the repair is the 达标路径's (:func:`~.compliance_temporary.joint_built`): the plan that
  borrows the later years builds the rooms that would stretch the run, in its first year a
  room can be in use; the layout, solved first, is not changed, so a run the layout's years
  make alone stays a breach and is said;
* :func:`rooms_text` and :func:`joint_lines`: per such school the rooms built and borrowed
  year by year and which plan pays, and the summary's sentence with the money.

Money is 万元 to 0.01.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from junheng.planning.compliance_temporary import PEAK_YEARS, declined_words
from junheng.planning.layout_years import run_start, year_runs
from junheng.planning.plans_together import ready_year


def peak_of(rules: Mapping[str, Any] | None) -> int:
    """The layout plan's 临时周转 threshold (its rules), 3 when it gives none.

    >>> peak_of({"temporary_peak_years": 2}), peak_of(None)
    (2, 3)
    """
    value = (rules or {}).get("temporary_peak_years")
    return PEAK_YEARS if value is None else int(value)


def long_runs(years: Mapping[int, tuple[int, int]], peak: int,
              area: Mapping[int, float] | None = None, since: int | None = None) -> list[list[int]]:
    """The runs of school years in which the school borrows a room (``years``: year -> (rooms
    borrowed, of them the layout's)) or rents 教学及辅助用房 (``area``: year -> m², brief hp 3)
    longer than ``peak``, from ``since`` on (:func:`rooms_since`; None: every year).

    >>> long_runs({2027: (1, 1), 2028: (1, 1), 2029: (1, 0), 2030: (1, 0), 2032: (2, 0)}, 3)
    [[2027, 2028, 2029, 2030]]
    >>> long_runs({2027: (1, 1), 2028: (0, 0), 2029: (1, 0)}, 1)
    []
    >>> long_runs({2027: (1, 1), 2028: (2, 2), 2029: (1, 1)}, 3, {2030: 419.0, 2031: 147.0})
    [[2027, 2028, 2029, 2030, 2031]]
    >>> long_runs({2027: (1, 1), 2028: (1, 1), 2029: (1, 0), 2030: (1, 0)}, 3, since=2029)
    []
    """
    area = area or {}
    busy = {y for y, (total, _) in years.items() if total > 0} | {y for y, m in area.items() if m > 0}
    busy = {y for y in busy if since is None or y >= since}
    return [run for run in year_runs(sorted(busy)) if len(run) > peak]


def lead_of(plan) -> int:
    """The layout ``plan``'s build time of an expansion (``expansion_lead_years`` of its rules,
    2 — the shipped default — when it gives none), from which :func:`rooms_since` counts.

    >>> from junheng.planning.layout_outcome import LayoutOutcome
    >>> lead_of(LayoutOutcome("optimal", (), {}, rules={"expansion_lead_years": 0})), lead_of(LayoutOutcome("optimal", (), {}))
    (0, 2)
    """
    lead = (plan.rules or {}).get("expansion_lead_years")
    return 2 if lead is None else int(lead)


def rooms_since(plan) -> int | None:
    """The first school year a room built in the layout ``plan`` could be in use: its first
    school year not yet begun plus ``expansion_lead_years`` (2 by default,
    :func:`~.layout_years.run_start`); every 临时周转 run of both plans and both checkers
    is counted from it (review rv4 finding 4: :func:`~.layout_runs.own_breaches`,
    :func:`~.compliance_temporary.joint_built`); None for a plan written without its date.

    >>> from junheng.planning.layout_outcome import LayoutOutcome
    >>> rooms_since(LayoutOutcome("optimal", (), {}, year=2025, target_year=2030,
    ...                           rules={"plan_date": "2026-12-05"}))
    2029
    >>> rooms_since(LayoutOutcome("optimal", (), {}, year=2025, target_year=2028,
    ...                           rules={"plan_date": "2026-12-05", "expansion_lead_years": 3}))
    2030

    (2027 + 2 = 2029; with a 3-year build 2027 + 3 = 2030, after the target year 2028: the layout's
    run start is not capped, only the 达标路径's, :func:`~.layout_years.run_start`.)
    """
    from junheng.planning.plans_budget import first_year_of

    first = first_year_of(plan.rules or {})
    if first is None:
        return None
    return run_start(first[0], lead_of(plan))


def rented_years(rented) -> dict[str, dict[int, int]]:
    """School -> school year -> whole m² of 教学及辅助用房 the 达标路径 rents that year (its
    ``rented_area``, :func:`~.compliance_temporary_area.rented_split`: each year's need beyond
    the area built, compulsory part), the years it meets a gap by 临时周转 without rooms.

    >>> import pandas as pd
    >>> rented_years(pd.DataFrame([{"school_id": "D", "built": 0.0,
    ...     "needs": {2030: 419.0, 2031: 147.0, 2032: 0.0}}]))
    {'D': {2030: 419, 2031: 147}}
    >>> rented_years(None)
    {}
    """
    if rented is None or not len(rented):
        return {}
    out: dict[str, dict[int, int]] = {}
    for r in rented.to_dict("records"):
        built = float(r.get("built") or 0.0)
        years = {int(y): round(max(float(k) - built, 0.0)) for y, k in (r.get("needs") or {}).items()}
        if any(years.values()):
            out[str(r["school_id"])] = {y: m for y, m in years.items() if m > 0}
    return out


def shared_area(rented) -> dict[str, tuple[int, int]]:
    """School -> (whole-school m², of them 高中's) the 达标路径 would build to stop renting its
    ``rented`` m² (compulsory part) at a school sharing its buildings with 高中 (``share`` < 1):
    its 教学及辅助用房 is counted over the whole school, so such a school is not built for the
    joint rule (lead 782463dd). Hand-worked (第四中学): 367 m² at a share of 0.1732 is
    367 / 0.1732 = 2,119 m², 2,119 − 367 = 1,752 of them 高中's.

    >>> import pandas as pd
    >>> shared_area(pd.DataFrame([{"school_id": "D", "rented": 367.0, "share": 0.1732},
    ...                           {"school_id": "E", "rented": 120.0, "share": 1.0}]))
    {'D': (2119, 1752)}
    >>> shared_area(None)
    {}
    """
    if rented is None or not len(rented) or "share" not in rented:
        return {}
    out = {}
    for r in rented.reset_index().to_dict("records"):
        area, share = float(r.get("rented") or 0.0), float(r.get("share") or 1.0)
        if area > 0 and 0 < share < 1:
            whole = round(area / share)
            out[str(r["school_id"])] = (whole, whole - round(area))
    return out


def _who(total: int, layout: int) -> str:
    """Which plan borrows (and pays) a year's rooms."""
    if layout >= total:
        return "布局调整"
    return "达标路径" if not layout else f"布局调整 {layout:,} 间、达标路径 {total - layout:,} 间"


def joint_breaches(borrowed: Mapping[str, Mapping[int, tuple[int, int]]],
                   names: Mapping[str, str], peak: int,
                   rented: Mapping[str, Mapping[int, float]] | None = None,
                   shared: Mapping[str, tuple[int, int]] | None = None,
                   declined: Mapping[str, Mapping[str, Any]] | None = None,
                   since: int | None = None) -> list[str]:
    """The check of the combined plan: one message per school that borrows rooms or rents
    教学及辅助用房 (``rented``: :func:`rented_years`, brief hp 3: the rooms alone were counted)
    for more than ``peak`` school years in a row across both plans, naming the years and which
    plan borrows or rents in which year ([] when none); ``shared``: :func:`shared_area`, why a
    school sharing its buildings with 高中 rents rather than builds; ``declined``:
    :func:`declined_rooms`, why the 达标路径 did not build the rooms that would cut a run (they
    would stand idle, the joint rule's rule 4, :mod:`~.compliance_temporary`); ``since``: the
    first year a new room could be in use (:func:`rooms_since`), from which a run counts
    (review rv 4).

    >>> joint_breaches({"S": {2027: (6, 6), 2028: (8, 8), 2029: (4, 1), 2030: (2, 1)}},
    ...                {"S": "实验中学"}, 3)
    ['实验中学 2027—2030 学年连续 4 个学年借用教室临时周转，超过 3 个学年：2027 学年 6 间（布局调整借用）、2028 学年 8 间（布局调整借用）、2029 学年 4 间（布局调整 1 间、达标路径 3 间借用）、2030 学年 2 间（布局调整 1 间、达标路径 1 间借用）；其中布局调整方案本身 2027—2030 学年已连续借用，达标路径新建不能缩短，需调整布局调整方案的建设时序']
    """
    out, rented = [], rented or {}
    for school in dict.fromkeys([*borrowed, *rented]):
        years, area = dict(borrowed.get(school, {})), rented.get(school, {})
        for run in long_runs(years, peak, area, since):
            each = "、".join(_year_text(y, years.get(y, (0, 0)), area.get(y, 0)) for y in run)
            # a lease is 租赁校舍, not 临时周转 (brief hlease 1), though its years join the run
            what = "借用教室临时周转或租赁教学及辅助用房" if any(area.get(y) for y in run) else "借用教室临时周转"
            out.append(f"{names.get(school, school)} {run[0]}—{run[-1]} 学年连续 {len(run)} 个学年{what}"
                       f"，超过 {peak} 个学年：{each}"
                       + _cause(years, run, peak, area, (shared or {}).get(school),
                                (declined or {}).get(school)))
    return out


def _year_text(year: int, rooms: tuple[int, int], area: float) -> str:
    """One year of a run: the rooms borrowed and which plan borrows them, the 达标路径's m² rented.

    >>> _year_text(2029, (1, 1), 0), _year_text(2030, (0, 0), 419), _year_text(2030, (1, 0), 419)
    ('2029 学年 1 间（布局调整借用）', '2030 学年租赁教学及辅助用房 419 平方米（达标路径）', '2030 学年 1 间（达标路径借用）、租赁教学及辅助用房 419 平方米（达标路径）')
    """
    text = f"{year} 学年 {rooms[0]:,} 间（{_who(*rooms)}借用）" if rooms[0] else f"{year} 学年"
    if not area:
        return text
    return f"{text}{'、' if rooms[0] else ''}租赁教学及辅助用房 {area:,.0f} 平方米（达标路径）"


def declined_rooms(split: pd.DataFrame | None, plan=None) -> dict[str, Mapping[str, Any]]:
    """School -> the rooms the 达标路径 did not build for the joint rule and why (its split's
    ``declined``; {} none); with the layout ``plan``, under ``layout`` those the layout did
    not build for its own run (they would stand idle, brief hl:
    :func:`~.layout_runs.declined_runs`).

    >>> declined_rooms(pd.DataFrame([{"school_id": "E", "declined": {"rooms": 1}},
    ...                              {"school_id": "F", "declined": {}}]))
    {'E': {'rooms': 1}}
    """
    out: dict[str, dict[str, Any]] = {}
    if split is not None and len(split) and "declined" in split:
        out = {str(s): dict(d) for s, d in zip(split["school_id"], split["declined"], strict=True) if d}
    if plan is not None:
        from junheng.planning.layout_runs import declined_runs

        for school, d in declined_runs(plan, lead_of(plan)).items():
            out.setdefault(school, {})["layout"] = d
    return out


def _cause(years: Mapping[int, tuple[int, int]], run: list[int], peak: int,
           area: Mapping[int, float] | None = None, shared: tuple[int, int] | None = None,
           declined: Mapping[str, Any] | None = None) -> str:
    """Why the 达标路径 did not mend a run: the layout's own years in it run too long already,
    its rented 教学及辅助用房 joins the layout's years (``area``), or building all its short
    rooms would not shorten it.

    >>> _cause({2027: (1, 1), 2028: (1, 1), 2029: (2, 1)}, [2027, 2028, 2029], 2)
    '；其中布局调整方案本身 2027—2029 学年已连续借用，达标路径新建不能缩短，需调整布局调整方案的建设时序'
    >>> _cause({2027: (9, 9), 2028: (11, 11), 2029: (2, 2), 2030: (2, 2)}, [2027, 2028, 2029, 2030], 3,
    ...        declined={"layout": {"rooms": 2, "used": 2, "years": 5, "first": 2029, "last": 2033,
    ...                             "idle_from": 2031, "share": 0.5}})
    '；其中布局调整方案本身 2027—2030 学年已连续借用，达标路径新建不能缩短，布局调整方案新建 2 间可使同校连续借用教室不超过 3 个学年，但建成后 2029—2033 学年 5 个学年中仅 2 个学年使用（不足 50%），2031 学年起闲置，不新建，连续临时周转超过 3 个学年作为例外提请局务会研究'
    >>> _cause({2027: (1, 1), 2028: (1, 0), 2029: (2, 0)}, [2027, 2028, 2029], 2)
    '；达标路径新建全部缺口教室仍不能缩短（目标学年以前的学年缺口大于目标学年）'
    >>> _cause({2027: (1, 1), 2028: (1, 1), 2029: (1, 1)}, [2027, 2028, 2029, 2030, 2031], 3,
    ...        {2030: 367, 2031: 130}, (2119, 1752))
    '；达标路径租赁教学及辅助用房的学年与布局调整方案在同校借用教室的学年相连；该校与高中共用校舍，按全校口径须建 2,119 平方米，其中高中部分 1,752 平方米，不为缩短临时周转而建，仍租赁，需调整布局调整方案的建设时序'
    >>> _cause({2027: (9, 9), 2028: (11, 11), 2029: (3, 0), 2030: (1, 0)}, [2027, 2028, 2029, 2030], 3,
    ...        declined={"rooms": 1, "used": 2, "years": 5, "first": 2029, "last": 2033,
    ...                  "idle_from": 2031, "spare": 9, "share": 0.5})
    '；达标路径新建 1 间可使同校连续借用教室不超过 3 个学年，但建成后 2029—2033 学年 5 个学年中仅 2 个学年使用（不足 50%），2031 学年起闲置，2033 学年全校普通教室富余 9 间，不新建，连续临时周转超过 3 个学年作为例外提请局务会研究'

    Where the 达标路径 rents 教学及辅助用房 in the run's later years (第四中学), the rooms not
    built only shorten its rooms' years:

    >>> _cause({2027: (1, 1), 2028: (2, 2), 2029: (2, 1), 2030: (1, 0)}, [2027, 2028, 2029, 2030, 2031], 3,
    ...        {2030: 388, 2031: 151}, (2241, 1853), {"rooms": 1, "used": 2, "years": 5, "first": 2029,
    ...        "last": 2033, "idle_from": 2031, "spare": 2, "share": 0.5})
    '；达标路径普通教室新建 1 间可缩短借用教室的学年，但建成后 2029—2033 学年 5 个学年中仅 2 个学年使用（不足 50%），2031 学年起闲置，2033 学年全校普通教室富余 2 间，不新建；达标路径租赁教学及辅助用房的学年与布局调整方案在同校借用教室的学年相连；该校与高中共用校舍，按全校口径须建 2,241 平方米，其中高中部分 1,853 平方米，不为缩短临时周转而建，仍租赁，需调整布局调整方案的建设时序'
    """
    own = [r for r in year_runs([y for y in run if years.get(y, (0, 0))[1] > 0]) if len(r) > peak]
    mine = (declined or {}).get("layout")  # the layout's own exception (brief hl)
    declined = {k: v for k, v in (declined or {}).items() if k != "layout"} or None
    if own:
        head = f"；其中布局调整方案本身 {own[0][0]}—{own[0][-1]} 学年已连续借用，达标路径新建不能缩短，"
        return head + ("布局调整方案" + declined_words(mine, peak) if mine else "需调整布局调整方案的建设时序")
    rented = any((area or {}).get(y) for y in run)
    if declined and not rented:
        return "；达标路径" + declined_words(declined, peak)
    rooms = f"；达标路径普通教室{declined_words(declined, peak, False)}" if declined else ""
    if rented and shared:
        return (f"{rooms}；达标路径租赁教学及辅助用房的学年与布局调整方案在同校借用教室的学年相连；该校与高中共用校舍，"
                f"按全校口径须建 {shared[0]:,} 平方米，其中高中部分 {shared[1]:,} 平方米，不为缩短临时周转而建，"
                "仍租赁，需调整布局调整方案的建设时序")
    if rented:
        return (f"{rooms}；达标路径租赁教学及辅助用房的学年与布局调整方案在同校借用教室的学年相连，须改为新建该部分"
                "教学及辅助用房，或调整布局调整方案的建设时序")
    return "；达标路径新建全部缺口教室仍不能缩短（目标学年以前的学年缺口大于目标学年）"


def _split_row(split: pd.DataFrame | None, school: str) -> dict[str, Any] | None:
    if split is None or not len(split) or "joint" not in split:
        return None
    rows = split[split["school_id"] == school]
    return rows.iloc[0].to_dict() if len(rows) else None


def rooms_text(years: Mapping[int, tuple[int, int]], layout_built: tuple[int, int | None],
               row: Mapping[str, Any] | None, cost: tuple[float, float], price: float, peak: int,
               since: int | None = None) -> str:
    """A school's 普通教室 year by year across both plans, where a joint run was mended or is
    still too long: each year the rooms borrowed and which plan pays them, the year each plan's
    built rooms are first in use (``layout_built``: the layout's rooms and year; ``row``: the
    达标路径's split, its ``built`` from ``opens``), and what the 达标路径's rooms built for the
    joint rule cost (``cost``: its 普通教室 万元 and the building project's fee they bring,
    :func:`joint_cost`) against the room-years at ``price`` they spare. Hand-worked (第四中学):
    1 room × 42.00 万元 + 30.00 fee = 72.00; 3 − 0 = 3 room-years × 2.00 = 6.00 万元 spared.

    >>> row = {"built": 1, "opens": 2029, "joint": 1, "was": 3, "room_years": 0}
    >>> rooms_text({2027: (1, 1), 2028: (1, 1)}, (1, 2029), row, (42.0, 30.0), 2.0, 3)
    '普通教室逐年（两个方案合计，同校连续临时周转不超过 3 个学年）：2027 学年借用 1 间（布局调整付费）、2028 学年借用 1 间（布局调整付费）、2029 学年新建 2 间投入使用（布局调整 1 间、达标路径 1 间，各自付费）；达标路径为此新建 1 间 72.00 万元（教室 42.00 万元、校舍建设项目前期与管理费用 30.00 万元），少付临时周转 3 间·学年 6.00 万元'
    """
    built: dict[int, list[tuple[str, int]]] = {}
    if layout_built[0] and layout_built[1] is not None:
        built.setdefault(int(layout_built[1]), []).append(("布局调整", int(layout_built[0])))
    if row is not None and row.get("built") and row.get("opens") is not None:
        built.setdefault(int(row["opens"]), []).append(("达标路径", int(row["built"])))
    parts = []
    for year in sorted({*years, *built}):
        if year in built:
            who = "、".join(f"{p} {n:,} 间" for p, n in built[year])
            pays = "，各自付费" if len(built[year]) > 1 else "付费"
            parts.append(f"{year} 学年新建 {sum(n for _, n in built[year]):,} 间投入使用（{who}{pays}）")
        total, layout = years.get(year, (0, 0))
        if total:
            parts.append(f"{year} 学年借用 {total:,} 间（{_who(total, layout)}付费）")
    counted = f"自新建教室最早可投入使用的 {since} 学年起计，" if since is not None else ""
    text = (f"普通教室逐年（两个方案合计，{counted}同校连续临时周转"
            f"{'超过' if long_runs(years, peak, since=since) else '不超过'} {peak} 个学年）：") + "、".join(parts)
    if row is not None and row.get("joint"):
        spared = int(row["was"]) - int(row["room_years"])
        rooms, fee = cost
        money = (f"{rooms + fee:,.2f} 万元（教室 {rooms:,.2f} 万元、校舍建设项目前期与管理费用 {fee:,.2f} 万元）"
                 if fee else f"{rooms:,.2f} 万元")
        text += (f"；达标路径为此新建 {int(row['joint']):,} 间 {money}，"
                 f"少付临时周转 {spared:,} 间·学年 {spared * price:,.2f} 万元")
    return text


def rooms_basis(s, split: pd.DataFrame | None, school: str) -> str:
    """'' or, at a school where the 达标路径 borrows rooms and the layout neither builds nor
    borrows any, why the layout left it (brief hp 5): the layout's solve counts seats per stage
    at the target year (``s``, its PlannedSchool: seats, target-year pupils), the 达标路径
    classes formed grade by grade (its split row: each year's ``gaps`` and ``pupils``). Where
    the layout adds rooms, its 过渡期 counts the rooms by the 达标路径's rule (brief hroom,
    :func:`~.layout_years.stage_classes`): nothing is said (第四小学 of the demo once borrowed 1
    room in the layout and 4 in the 达标路径 in 2029).

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> s = PlannedSchool("F", "第四小学", "keep", capacity={"primary": 855, "junior": 0},
    ...                   students_after={"primary": 845, "junior": 0})
    >>> split = pd.DataFrame([{"school_id": "F", "temporary": 4, "built": 0, "layout": {},
    ...     "borrowed": {2029: 4, 2030: 2, 2031: 1}, "gaps": {2029: 4, 2030: 2, 2031: 1, 2032: 0},
    ...     "pupils": {2029: 893, 2030: 845, 2031: 800, 2032: 786}}])
    >>> print(rooms_basis(s, split, "F"))
    ；两个方案的缺口口径不同：布局调整按学段学位核定（学位 855 个，规划年 845 人未超出，不新建），达标路径按年级编班（每个年级按标准班额）核定（2029 学年 893 人缺 4 间、2030 学年 845 人缺 2 间、2031 学年 800 人缺 1 间），缺口不超过临时周转年限，由达标路径以临时周转解决、不新建
    """
    if split is None or not len(split) or "gaps" not in split:
        return ""
    rows = split[split["school_id"] == school]
    if not len(rows) or (s is not None and int(s.added_classrooms)):
        return ""
    row = rows.iloc[0].to_dict()
    layout, borrowed = row.get("layout") or {}, row.get("borrowed") or {}
    if any(int(n) for n in layout.values()) or not any(int(n) for n in borrowed.values()):
        return ""
    gaps = "、".join(f"{y} 学年 {int((row.get('pupils') or {}).get(y, 0)):,} 人缺 {int(g):,} 间"
                     for y, g in sorted((row.get("gaps") or {}).items()) if int(g) > 0)
    ways = "缺口不超过临时周转年限，由达标路径以临时周转解决、不新建" if not row.get("built") \
        else "由达标路径以临时周转或新建解决"
    return (f"；两个方案的缺口口径不同：{_layout_basis(s)}，达标路径按年级编班（每个年级按标准班额）"
            f"核定（{gaps}），{ways}")


def _layout_basis(s) -> str:
    """The layout's side of :func:`rooms_basis`: its seats against its target-year pupils."""
    if s is None:
        return "布局调整方案在该校不新建教室"
    stages = [k for k, n in s.students_after.items() if int(n) > 0]
    seats, after = sum(int(s.capacity.get(k, 0)) for k in stages), sum(int(s.students_after[k]) for k in stages)
    over = "未超出" if after <= seats else f"超出 {after - seats:,} 人"
    return f"布局调整按学段学位核定（学位 {seats:,} 个，规划年 {after:,} 人{over}，不新建）"


def joint_cost(actions: pd.DataFrame, school: str, row: Mapping[str, Any] | None) -> tuple[float, float]:
    """万元 of the 达标路径's 普通教室 built at ``school`` for the joint rule (``row['joint']`` of
    its ``built`` rooms, at their share of the school's 普通教室 cost) and of the 校舍建设项目
    前期与管理费用 (item ``building``, once a school) when those rooms are the school's only
    building (the fee comes with them); (0, 0) for none.

    >>> a = pd.DataFrame({"school_id": ["D", "D"], "item": ["classroom", "building"],
    ...                   "project": ["building", "building"], "quantity": [2.0, 1.0], "cost": [84.0, 30.0]})
    >>> joint_cost(a, "D", {"joint": 1}), joint_cost(a, "D", {"joint": 2}), joint_cost(a, "D", None)
    ((42.0, 0.0), (84.0, 30.0), (0.0, 0.0))
    """
    if row is None or not row.get("joint") or not len(actions):
        return 0.0, 0.0
    here = actions[actions["school_id"] == school]
    rooms = here[here["item"] == "classroom"]
    quantity, joint = float(rooms["quantity"].sum()), int(row["joint"])
    if not quantity:
        return 0.0, 0.0
    project = here["project"] if "project" in here else pd.Series("", index=here.index)
    others = here[(project == "building") & ~here["item"].isin(("classroom", "building"))]
    fee = float(here.loc[here["item"] == "building", "cost"].sum()) if joint >= quantity and others.empty else 0.0
    return round(float(rooms["cost"].sum()) * joint / quantity, 2), round(fee, 2)


def school_rooms(plan, s, actions: pd.DataFrame, years: Mapping[int, tuple[int, int]],
                 split: pd.DataFrame | None, school: str) -> tuple[str, dict[str, Any] | None]:
    """:func:`rooms_text` of one school of the combined table ("" where no joint run was mended
    or is too long) and its figures for :func:`joint_lines` (None: none)."""
    peak, since = peak_of(plan.rules), rooms_since(plan)
    row = _split_row(split, school)
    if not (row and row.get("joint")) and not long_runs(years, peak, since=since):
        return "", None
    layout_built = (int(s.built_classrooms) if s is not None and s.action == "expand" else 0, ready_year(plan, s))
    price = float((plan.costs or {}).get("temporary_room_yuan") or 20_000.0) / 10_000
    rooms, fee = joint_cost(actions, school, row)
    cost = round(rooms + fee, 2)
    figures = {"rooms": int((row or {}).get("joint") or 0), "cost": cost, "fee": fee,
               "spared": int(row["was"]) - int(row["room_years"]) if row and row.get("joint") else 0}
    return rooms_text(years, layout_built, row, (rooms, fee), price, peak, since), {**figures, "price": price}


def joint_check(plan, rows: list[dict[str, Any]], borrowed: Mapping[str, Mapping[int, tuple[int, int]]],
                split: pd.DataFrame | None, rented) -> dict[str, Any]:
    """The combined summary's joint 临时周转 part: :func:`joint_summary` of :func:`joint_breaches`
    for the layout ``plan``, the combined ``rows``, the rooms ``borrowed`` by both plans
    (:func:`~.plans_transition.borrowed_years`), the 达标路径's 临时周转 ``split`` and its
    ``rented`` m², a run counted from :func:`rooms_since` with the rooms not built and why
    (:func:`declined_rooms`)."""
    peak = peak_of(plan.rules)
    names = {r["school_id"]: r["name"] for r in rows}
    return joint_summary(rows, joint_breaches(borrowed, names, peak, rented_years(rented), shared_area(rented),
                                              declined_rooms(split, plan), rooms_since(plan)), peak)


def joint_summary(rows: list[dict[str, Any]], breaches: list[str], peak: int) -> dict[str, Any]:
    """The combined summary's figures of the joint rule: the schools where the 达标路径 builds
    for it, its rooms, their 万元, the room-years spared and their 万元, and the breaches left.

    >>> joint_summary([{"name": "第四中学", "joint": {"rooms": 1, "cost": 42.0, "spared": 3, "price": 2.0}},
    ...                {"name": "乙", "joint": None}], [], 3)
    {'peak': 3, 'schools': ['第四中学'], 'rooms': 1, 'cost': 42.0, 'fee': 0.0, 'spared': 3, 'spared_cost': 6.0, 'breaches': []}
    """
    built = [r for r in rows if r.get("joint") and r["joint"]["rooms"]]
    return {"peak": peak, "schools": [r["name"] for r in built],
            "rooms": sum(r["joint"]["rooms"] for r in built),
            "cost": round(sum(r["joint"]["cost"] for r in built), 2),
            "fee": round(sum(r["joint"].get("fee", 0.0) for r in built), 2),
            "spared": sum(r["joint"]["spared"] for r in built),
            "spared_cost": round(sum(r["joint"]["spared"] * r["joint"]["price"] for r in built), 2),
            "breaches": breaches}


def joint_lines(doc: Mapping[str, Any]) -> list[str]:
    """The summary's sentences on the joint rule ([] when no school needed it).

    >>> joint_lines({"temporary_joint": {"peak": 3, "schools": ["第四中学"], "rooms": 1, "cost": 42.0,
    ...     "spared": 3, "spared_cost": 6.0, "breaches": ["实验中学 2027—2030 学年连续 4 个学年借用教室临时周转，超过 3 个学年"]}})
    ['同一学校两个方案合计连续临时周转不超过 3 个学年：第四中学的临时周转学年与布局调整方案在同校的相连超过 3 年，达标路径改为新建普通教室共 1 间 42.00 万元（已计入达标路径建设投资），少付临时周转 3 间·学年 6.00 万元。', '两个方案合计仍超过连续 3 个学年临时周转的：实验中学 2027—2030 学年连续 4 个学年借用教室临时周转，超过 3 个学年。']
    >>> joint_lines({}), joint_lines({"temporary_joint": {"schools": [], "breaches": []}})
    ([], [])
    """
    joint = doc.get("temporary_joint") or {}
    lines = []
    if joint.get("schools"):
        peak = joint["peak"]
        lines.append(f"同一学校两个方案合计连续临时周转不超过 {peak} 个学年：{'、'.join(joint['schools'])}"
                     f"的临时周转学年与布局调整方案在同校的相连超过 {peak} 年，达标路径改为新建普通教室共 "
                     f"{joint['rooms']:,} 间 {joint['cost']:,.2f} 万元（{_fee(joint)}已计入达标路径建设投资），"
                     f"少付临时周转 {joint['spared']:,} 间·学年 {joint['spared_cost']:,.2f} 万元。")
    if joint.get("breaches"):
        lines.append(f"两个方案合计仍超过连续 {joint['peak']} 个学年临时周转的：" + "；".join(joint["breaches"]) + "。")
    return lines


def _fee(joint: Mapping[str, Any]) -> str:
    """'' or the building projects' fees among the rooms' money.

    >>> _fee({"fee": 90.0}), _fee({})
    ('含校舍建设项目前期与管理费用 90.00 万元，', '')
    """
    fee = joint.get("fee") or 0.0
    return f"含校舍建设项目前期与管理费用 {fee:,.2f} 万元，" if fee else ""
