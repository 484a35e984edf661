"""划片 applies to entrants, not to pupils mid-course (issue 16, planner review rv14 N1).

A new 划片 (学区调整) or a new school's 片区 applies to the pupils who enter the stage from its
first school year on (一年级、七年级新生: 《义务教育法》第十二条 就近入学 and the yearly 教育部
招生入学 notices); the pupils enrolled before it finish the stage at their school. Only a school
that closes (撤并) moves all its pupils. The one placement rule of the plan, its documents and
its checker (``rezoning_grades: entry`` of the plan YAML; :data:`WHOLE` is the default for
now: the solve's 过渡期 decisions count the pupils so too, :mod:`~.layout_placed`, and the demo
passes the checker under entry, but the demo's figures under entry are not yet reviewed):

* an assignment whose plan school is another school than its present one, which stays open (a
  划片 move to an existing school, or a new school's 片区), moves in school year ``y`` only the
  cohorts that entered on or after the move's first school year ``m``: of a stage of ``G``
  grades (小学 6, 初中 3), ``min(y − m + 1, G)`` grades are at the plan's school, the others
  at the present school until they graduate (:func:`entered_share`). ``m`` is the new school's
  opening year, the 划片 move's year where it waits for its receiver
  (:func:`~.layout_waiting.move_years`), else the first school year the plan acts in;
* each grade holds an equal share of its stage group (a third of 一至三年级, 四至六年级 or
  七至九年级): an assignment is a village's stage group, and the county's grade figures are
  per school (``share_g*``, the forecast's grades), not per village, so a village's grades are
  not known;
* a school that closes moves all its pupils the year it closes, as before;
* :data:`WHOLE` moves the whole stage group in the move's first year, the rule before rv14.

>>> entered_share("grades_1_3", 2028, 2028), entered_share("grades_4_6", 2031, 2028)
(0.3333333333333333, 0.3333333333333333)
>>> entered_share("grades_7_9", 2029, 2028), entered_share("grades_1_3", 2027, 2028)
(0.6666666666666666, 0.0)
"""

from __future__ import annotations

from junheng.planning.layout_data import GROUP_STAGE

#: the plan YAML's ``rezoning_grades``: 划片 moves only the entering grades (default)
ENTRY = "entry"
#: the plan YAML's ``rezoning_grades``: a 划片 move takes the whole stage group at once
WHOLE = "whole"
#: the grades of each stage
STAGE_GRADES = {"primary": 6, "junior": 3}
#: the grades of a stage before each stage group's first grade
GROUP_OFFSET = {"grades_1_3": 0, "grades_4_6": 3, "grades_7_9": 0}
#: the entering grade of each stage, in words
ENTRY_GRADE = {"primary": "一年级", "junior": "七年级"}


def entered_share(group: str, year: int, start: int) -> float:
    """The share of a stage group's pupils in ``year`` who entered the stage on or after the
    school year ``start`` (module docstring: equal shares per grade)."""
    grades = min(max(year - start + 1, 0), STAGE_GRADES[GROUP_STAGE[group]])
    return min(max(grades - GROUP_OFFSET[group], 0), 3) / 3


def completes(stage: str, start: int) -> int:
    """The school year a 划片 of ``stage`` starting in ``start`` has all its grades moved.

    >>> completes("primary", 2028), completes("junior", 2028)
    (2033, 2030)
    """
    return start + STAGE_GRADES[stage] - 1


def entry_first(rules: dict | None, first: int) -> int | None:
    """``first`` (the first school year the plan acts in) under the entry rule, None under
    :data:`WHOLE` (``rules``: the plan's rules or the config dumped; :data:`WHOLE` without
    the key: a plan stored before it).

    >>> entry_first({"rezoning_grades": "entry"}, 2027), entry_first({}, 2027)
    (2027, None)
    """
    return first if (rules or {}).get("rezoning_grades", WHOLE) == ENTRY else None


def school_in(a, year: int, opens: dict[str, int], closes: dict[str, int],
              moves: dict[str, int] | None = None) -> str:
    """Where assignment ``a``'s pupils are in ``year``, the whole stage group taken together:
    at their present school while the plan's school is a new one not yet open or the present
    school is not yet closed (``opens``, ``closes``: school -> school year), or, for a 划片
    move from a school that stays open, before the receiver's move year (``moves``:
    :func:`~.layout_waiting.move_years`), else at the plan's school.

    >>> from types import SimpleNamespace as NS
    >>> a = NS(school_id="R", before_school="P")
    >>> school_in(a, 2027, {}, {"P": 2028}), school_in(a, 2028, {}, {"P": 2028})
    ('P', 'R')
    >>> school_in(a, 2028, {}, {}, {"R": 2029}), school_in(a, 2029, {}, {}, {"R": 2029})
    ('P', 'R')
    """
    before = a.before_school
    if before and (opens.get(a.school_id, 0) > year or closes.get(before, 0) > year):
        return before
    if before and before != a.school_id and before not in closes and a.school_id not in opens \
            and (moves or {}).get(a.school_id, 0) > year:
        return before
    return a.school_id


def move_start(a, opens: dict[str, int], closes: dict[str, int], moves: dict[str, int] | None,
               first: int) -> int | None:
    """The first school year of ``a``'s move under the entry rule: its new school's opening
    year, its 划片 move's year, else ``first``; None where all its pupils move together (no
    move, or its present school closes)."""
    b, s = a.before_school, a.school_id
    if not b or b == s or b in closes:
        return None
    return opens[s] if s in opens else max((moves or {}).get(s, first), first)


def school_parts(a, year: int, opens: dict[str, int], closes: dict[str, int],
                 moves: dict[str, int] | None = None, first: int | None = None
                 ) -> tuple[tuple[str, float], ...]:
    """(school, share of ``a``'s pupils) in ``year``: :func:`school_in` for the whole group
    (``first`` None: :data:`WHOLE`), else the entering cohorts at the plan's school and the
    others at their present school (module docstring; ``first``: the first school year the
    plan acts in).

    A 划片 move from P to R from 2028: in 2029 two of 七至九年级's three grades are at R.

    >>> from types import SimpleNamespace as NS
    >>> a = NS(school_id="R", before_school="P", stage_group="grades_7_9")
    >>> school_parts(a, 2029, {}, {}, {"R": 2028}, 2027)
    (('R', 0.6666666666666666), ('P', 0.33333333333333337))
    >>> school_parts(a, 2029, {}, {}, {"R": 2028}), school_parts(a, 2029, {}, {"P": 2029}, {}, 2027)
    ((('R', 1.0),), (('R', 1.0),))
    """
    at = school_in(a, year, opens, closes, moves)
    start = None if first is None or at == a.before_school else \
        move_start(a, opens, closes, moves, first)
    if start is None:
        return ((at, 1.0),)
    share = entered_share(a.stage_group, year, start)
    return tuple((k, f) for k, f in ((at, share), (a.before_school, 1.0 - share)) if f > 0)


def share_at(a, year: int, school: str, *timing) -> float:
    """The share of ``a``'s pupils at ``school`` in ``year`` (``timing``: opens, closes, moves
    and the entry rule's first year of :func:`school_parts`)."""
    return sum(f for k, f in school_parts(a, year, *timing) if k == school)


#: the grades a 划片 leaves at the present school in its first year, in words
OLDER_GRADES = {"primary": "二至六年级", "junior": "八、九年级"}


def phased_moves(outcome, timing: tuple) -> dict[tuple[str, str, str, int], float]:
    """(present school, plan school, stage, first school year) -> the pupils of the target
    year still at the present school then, for every move the entry rule phases in
    (``timing``: opens, closes, moves and the entry rule's first year; {} under :data:`WHOLE`)."""
    opens, closes, moves, first = timing
    if first is None:
        return {}
    out: dict[tuple[str, str, str, int], float] = {}
    for a in outcome.assignments:
        start = move_start(a, opens, closes, moves, first)
        if start is None:
            continue
        key = (a.before_school, a.school_id, GROUP_STAGE[a.stage_group], start)
        left = a.students * (1.0 - entered_share(a.stage_group, int(outcome.target_year), start))
        out[key] = out.get(key, 0.0) + left
    return out


def entry_note(outcome, timing: tuple) -> tuple[str, ...]:
    """The plan's note on its 划片 phased in by entering grades (:func:`phased_moves`), school
    by school: from which school year the 新生 enter by the new 片区, until which year the other
    grades finish at their school, and the pupils still there in the target year, whom the
    solve counts at the new school (its assumption: the target year's 划片 complete); () without.

    >>> from types import SimpleNamespace as NS
    >>> plan = NS(target_year=2030, names={"P": "城关初中", "R": "新区学校"}, assignments=[
    ...     NS(school_id="R", before_school="P", stage_group="grades_7_9", students=300)])
    >>> print(entry_note(plan, ({}, {}, {"R": 2029}, 2027))[0])
    划片只对新生（《义务教育法》第十二条就近入学，每年招生入学按片区招收一年级、七年级新生）：划片调整和新建学校的片区自调整学年起只对起始年级新生，其他年级在原校就读至毕业，撤并的学校学生全部转出；本方案的学位和校额按目标学年 2030 学年全部按新片区就读核定，目标学年仍在原校的学生逐校列出。城关初中：2029 学年起七年级新生按新片区入学（划入新区学校），八、九年级在原校就读至毕业，2031 学年完成；目标学年 2030 学年仍有初中原片区学生 100 人在城关初中就读。
    """
    phased = phased_moves(outcome, timing)
    if not phased:
        return ()
    target, names = int(outcome.target_year), outcome.names
    by: dict[tuple[int, str, str], tuple[list[str], float]] = {}  # one clause per school
    for (b, s, stage, start), left in sorted(phased.items()):
        to, was = by.get((start, b, stage), ([], 0.0))
        by[(start, b, stage)] = ([*to, names.get(s, s)], was + left)
    parts = []
    for (start, b, stage), (to, left) in sorted(by.items()):
        done = completes(stage, start)
        text = (f"{names.get(b, b)}：{start} 学年起{ENTRY_GRADE[stage]}新生按新片区入学（划入{'、'.join(to)}），"
                f"{OLDER_GRADES[stage]}在原校就读至毕业，{done} 学年完成")
        if done > target and round(left):
            text += (f"；目标学年 {target} 学年仍有{'小学' if stage == 'primary' else '初中'}原片区学生 "
                     f"{round(left):,} 人在{names.get(b, b)}就读")
        parts.append(text)
    return ("划片只对新生（《义务教育法》第十二条就近入学，每年招生入学按片区招收一年级、七年级新生）：划片调整和新建学校的片区"
            "自调整学年起只对起始年级新生，其他年级在原校就读至毕业，撤并的学校学生全部转出；本方案的学位和校额按目标学年 "
            f"{target} 学年全部按新片区就读核定，目标学年仍在原校的学生逐校列出。" + "；".join(parts) + "。",)
