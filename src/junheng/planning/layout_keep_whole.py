"""What keeps a school short of its relief floor (12) to the plan's own rule that a community
goes whole to one school (就近划片), said as the figures are.

A community zoned away from the school may have been split today: part of it at this school,
the rest already at the school the plan zones it to (review rv24 3: 学府社区 595 primary
pupils, 136 at 城关第一小学 and 459 at 东城小学; the remedy 「可把学府社区整体留在本校（本校 1,613
人…；东城小学 595 人减为 459 人…）」 moved 136, 1,477 + 136 = 1,613, and left the community split).
Kept whole at this school, all of it comes here; where that does not fit, keeping only the
pupils the school has today is said for what it is, the community still split between two
schools. What the pupils kept here change beside the head count follows, from the plan's own
figures (review hxuefu: keeping the 136 said nothing of 东城小学's 95.58 万元 of sports works
for them, nor of its rooms short in 2028): the receiver's top-up no longer needed or to be
computed again, the school's sports area a pupil, the other school years from the pupils the
plan moves by year (``moved_years``: the school against its seats and 校额上限), and the rooms of
both, which follow classes by grade the plan does not keep, to be counted again
(:func:`kept_effect`).
"""

from __future__ import annotations

#: a split community's remedy says it stays split (rv24 3)
SPLIT_STAYS = "该社区仍由两校分别接收，不是就近划片的整体划入一所学校"


def community_totals(plan, school_id: str) -> dict[tuple[str, str], tuple[int, str]]:
    """(community, receiver name) → all its pupils the plan gives that receiver in the grade
    groups it moves away from ``school_id`` (the community kept whole would bring them all) and
    their 学段 ('' for both)."""
    moved: dict[tuple[str, str], set[str]] = {}
    for a in plan.assignments:
        if a.before_school == school_id and a.school_id != school_id:
            moved.setdefault((a.village_id, a.school_id), set()).add(a.stage_group)
    out: dict[tuple[str, str], tuple[int, str]] = {}
    for a in plan.assignments:
        if a.stage_group in (groups := moved.get((a.village_id, a.school_id), ())):
            key = (a.village_name or a.village_id, plan.names.get(a.school_id, a.school_id))
            stages = {"初中" if g == "grades_7_9" else "小学" for g in groups}
            out[key] = (out.get(key, (0, ""))[0] + int(a.students), stages.pop() if len(stages) == 1 else "")
    return out


def keep_choice(size: int, floor: int, parts, rooms=None, seats: int = 0, whole=None):
    """The community :func:`keep_whole` names (its arguments): ``(kind, community, receiver,
    pupils, all its pupils, 学段)``, ``kind`` "whole" (kept or moved here whole, ``pupils`` all
    of it), "split" (``pupils`` those here today) or "none" (no community closes the gap; the
    rest empty); None without a community zoned away.

    >>> keep_choice(1_477, 1_483, [("学府社区", "东城小学", 136)], {"东城小学": (765, 595, 413)}, 1_980,
    ...             {("学府社区", "东城小学"): (595, "小学")})
    ('split', '学府社区', '东城小学', 136, 595, '小学')
    """
    got: dict[tuple[str, str], int] = {}
    for village, school, n in parts:
        got[(village, school)] = got.get((village, school), 0) + int(n)
    if not got:
        return None
    rooms, whole = rooms or {}, whole or {}
    total = {key: max(int(whole.get(key, (n, ""))[0]), n) for key, n in got.items()}

    def fits(school: str, n: int) -> bool:
        _, after, own = rooms.get(school, (0, n, 0))
        return size + n >= floor and (not seats or size + n <= seats) and after - n >= own

    def said(kind: str, n: int, village: str, school: str) -> tuple:
        return kind, village, school, n, total[(village, school)], whole.get((village, school), (0, ""))[1]

    if enough := sorted((total[(v, s)], v, s) for (v, s) in got if fits(s, total[(v, s)])):
        return said("whole", *enough[0])
    if split := sorted((n, v, s) for (v, s), n in got.items() if total[(v, s)] > n and fits(s, n)):
        return said("split", *split[0])
    return "none", "", "", 0, 0, ""


def keep_whole(size: int, floor: int, parts, rooms=None, seats: int = 0, whole=None, effect=None) -> str:
    """The smallest community zoned away (``parts``: community, receiver, pupils moved from this
    school) that, kept whole here (``whole``: (community, receiver) → all its pupils at the
    receiver and their 学段, :func:`community_totals`; the moved ones where not given), closes the gap within the school's ``seats`` (0:
    unknown) and leaves its receiver at or above its own floor (``rooms``: receiver → seats,
    pupils after, floor), its trip to be checked (the plan holds no time to a school it does
    not assign); else the smallest split community whose pupils here today would close it,
    said with why the whole does not fit and that it stays split; else none; then the plan as
    it is, the school at its share of the floor ('' without a community zoned away). The
    choice is :func:`keep_choice`'s; ``effect(community, receiver, pupils, 学段)`` a sentence on
    what the pupils kept here change beside the head count, said after (:func:`kept_effect`;
    '' or None: nothing said).

    >>> keep_whole(1_477, 1_483, [("行政路社区", "实验小学", 300), ("学府社区", "东城小学", 136),
    ...            ("行政路社区", "实验小学", 98)], {"东城小学": (765, 595, 413)}, 1_980)
    '；可把学府社区整体留在本校（本校 1,613 人，达到下限，在学位 1,980 个之内；东城小学 595 人减为 459 人，不低于其分流下限 413 人；须核对该社区到本校的走读时间），或维持本方案（本校为下限的 99.6%）'
    >>> print(keep_whole(1_477, 1_483, [("学府社区", "东城小学", 136)], {"东城小学": (765, 595, 413)}, 1_980,
    ...                  {("学府社区", "东城小学"): (595, "小学")}))
    ；学府社区规划年小学 595 人（现由本校接收 136 人），整体划入本校会使本校 2,072 人、超出学位 1,980 个，东城小学减为 0 人、低于其分流下限 413 人；可让其中现由本校接收的 136 人留在本校（本校 1,613 人，达到下限，在学位 1,980 个之内；东城小学 595 人减为 459 人，不低于其分流下限 413 人；该社区仍由两校分别接收，不是就近划片的整体划入一所学校），或维持本方案（本校为下限的 99.6%）
    >>> keep_whole(1_477, 1_483, [("学府社区", "东城小学", 136)], {"东城小学": (765, 500, 413)}, 1_980)
    '；划出的社区整体留在本校，都会使接收学校低于其分流下限、超出本校学位或仍不足下限，或维持本方案（本校为下限的 99.6%）'
    >>> keep_whole(1_477, 1_483, [])
    ''
    """
    choice = keep_choice(size, floor, parts, rooms, seats, whole)
    if choice is None:
        return ""
    kind, village, school, n, total, stage = choice
    rooms = rooms or {}
    share = f"或维持本方案（本校为下限的 {100 * size / floor:.1f}%）"
    if kind == "none":
        return f"；划出的社区整体留在本校，都会使接收学校低于其分流下限、超出本校学位或仍不足下限，{share}"
    within = f"，在学位 {seats:,} 个之内" if seats else ""
    after, own = rooms.get(school, (0, 0, 0))[1:]
    fewer = (f"{school} {after:,} 人减为 {after - n:,} 人" + (f"，不低于其分流下限 {own:,} 人" if own else "")
             if school in rooms else f"{school}相应少 {n:,} 人")
    tail = f"。{said}" if effect and (said := effect(village, school, n, stage)) else ""
    if kind == "whole":
        here = sum(int(k) for v, s, k in parts if (v, s) == (village, school))
        of = f"该社区规划年{stage} {n:,} 人，其中现由本校接收 {here:,} 人；" if n > here else ""
        return (f"；可把{village}整体{'划入' if of else '留在'}本校（{of}本校 {size + n:,} 人，达到下限{within}；"
                f"{fewer}；须核对该社区到本校的走读时间），{share}{tail}")
    return (f"；{village}规划年{stage} {total:,} 人（现由本校接收 {n:,} 人），整体划入本校会使"
            f"{_whole_misfit(size, floor, seats, school, total, rooms)}；可让其中现由本校接收的 "
            f"{n:,} 人留在本校（本校 {size + n:,} 人，达到下限{within}；{fewer}；{SPLIT_STAYS}），{share}{tail}")


#: 学段 as the remedy says it -> the plan's stage key
STAGE_KEYS = {"小学": "primary", "初中": "junior"}
#: the rooms of a split kept at its school: the 过渡期's rooms follow classes formed grade by
#: grade at the county's grade shares, which the plan does not keep (review hxuefu; said, not
#: guessed; its pupils by year are said, :func:`kept_years`)
ROOMS_AGAIN = "两校各学年按年级编班所需教室须按逐年学生重新核算"
#: a school keeping them whose sports area the plan's rate then exceeds
SPORTS_AGAIN = "体育场地工程需重新核算"


def kept_effect(plan, school: str, village: str, receiver: str, n: int, stage: str = "") -> str:
    """What ``n`` pupils of ``village`` and ``stage`` (学段, '' where the receiver has one) kept at
    ``school`` rather than sent to ``receiver`` (names) change beside the head count, from the
    plan's own figures, a sentence: the receiver's areas the plan tops up for them
    (:func:`receiver_areas`), the school's sports area a pupil (:func:`school_sports`) and the
    rooms of both (:func:`rooms_again`); where the plan holds the moved pupils by year
    (``moved_years``), a second sentence on the other school years (:func:`kept_clauses`) ends
    with the rooms; '' where the plan has none of them (review hxuefu: 东城小学's 95.58 万元 and
    its 2028 rooms went unsaid; rv26 6: 城关第一小学's 2,316 pupils of 2028 too)."""
    by = {s.name: s for s in plan.schools}
    r, b = by.get(receiver), by.get(school)
    if r is None or b is None:
        return ""
    key = stage_key(r, stage)
    years = kept_clauses(plan, r, b, village, key, n)
    said = [t for t in (receiver_areas(plan, r, key, n), school_sports(b, key, n),
                        "" if years else rooms_again(plan, r, b)) if t]
    head = f"{village} {n:,} 人留在{school}时：{'；'.join(said)}" if said else ""
    loans = kept_loans(plan, r, b, village, key) if years else ""
    again = (f"{years_head(village, b.name)}：{'；'.join([*years, loans] if loans else years)}；"
             f"{rooms_again(plan, r, b, lends=not loans)}" if years else "")
    return "。".join(t for t in (head, again) if t)


def stage_key(r, stage: str) -> str:
    """The plan's key of 学段 ``stage``, or where it is '' the first stage ``r`` has pupils of."""
    return STAGE_KEYS.get(stage) or next(iter(k for k, v in r.students_after.items() if v), "")


def receiver_areas(plan, r, stage: str, n: int) -> str:
    """Whether ``r``'s per-pupil areas the plan tops up (``area_yuan``) are still needed with
    ``n`` fewer pupils of ``stage``: the plan's sports gap is Σ rate × pupils − ``have``
    (:mod:`~.layout_sports`), so where its pupils less ``n`` need no more than ``have`` at the
    plan's rate (:func:`~.layout_zone_price.sports_need`) and it tops up no teaching area, none
    of it is; else it is to be computed again; '' where it tops up nothing.

    >>> from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
    >>> r = PlannedSchool("B", "东城小学", "keep", students_after={"primary": 595}, added_sports_area=617.0,
    ...     sports_field=True, sports_land_area=267.0, area_yuan=955_800.0,
    ...     sports_m2={"now": 2127.0, "have": 2984.6475, "primary": 6.5025, "ratio": 0.867})
    >>> print(receiver_areas(LayoutOutcome("optimal", (r,), {}), r, "primary", 136))
    东城小学 459 人按生均约 6.50 平方米需 2,985 平方米，不超过现有 2,127 平方米加达标路径补足的 858 平方米，本方案为其补足体育运动场馆的 95.58 万元（校内空地建室外体育运动场地 617 平方米、扩充体育运动场地用地 267 平方米）不再需要
    >>> receiver_areas(LayoutOutcome("optimal", (r,), {}), r, "primary", 100)
    '东城小学补足生均面积 95.58 万元须重新核算'
    """
    from junheng.model.numbers import wan_text
    from junheng.planning.halls import sports_label
    from junheng.planning.layout_land import LAND_LABEL, own_gap
    from junheng.planning.layout_sports import per_pupil

    if not round(r.area_yuan):
        return ""
    m2, left = r.sports_m2 or {}, int(r.students_after.get(stage, 0)) - n
    if (need := freed_need(r, stage, n)) is None:
        return f"{r.name}补足生均面积 {wan_text(r.area_yuan)}须重新核算"
    now, own = float(m2["now"]), int(own_gap(float(m2["have"]), float(m2["now"])))
    built = [f"{'校内空地建' if r.sports_field else '建'}{sports_label(r.sports_field)} {r.added_sports_area:,.0f} 平方米"
             if round(r.added_sports_area) else "", f"{LAND_LABEL} {r.sports_land_area:,.0f} 平方米"
             if round(r.sports_land_area) else ""]
    return (f"{r.name} {left:,} 人按{per_pupil(float(m2[stage]))}需 {need:,.0f} 平方米，不超过现有 {now:,.0f} 平方米"
            + (f"加达标路径补足的 {own:,} 平方米" if own > 0 else "")
            + f"，本方案为其补足体育运动场馆的 {wan_text(r.area_yuan)}（{'、'.join(x for x in built if x)}）不再需要")


def freed_need(r, stage: str, n: int) -> float | None:
    """The sports m² ``r``'s pupils less ``n`` of ``stage`` need at the plan's rate
    (:func:`~.layout_zone_price.sports_need`) where that is within what it starts from
    (``have``) to the whole m² the plan states (:func:`~.layout_areas.planned_areas`) and it
    tops up no teaching area: none of its top-up (``area_yuan``) is then needed; else None."""
    from junheng.planning.layout_zone_price import sports_need

    m2 = r.sports_m2 or {}
    need = sports_need(r, stage, int(r.students_after.get(stage, 0)) - n) if "have" in m2 else None
    if need is None or round(r.added_teaching_area) or round(need - float(m2["have"])) > 0:
        return None
    return need


def school_sports(b, stage: str, n: int) -> str:
    """``b``'s sports area a pupil with ``n`` more pupils of ``stage`` beside the plan's, and
    whether the plan's rate (:func:`~.layout_zone_price.sports_need`) then asks more than it
    starts from (``have``: today's area or the 达标路径's); '' without the plan's figures.

    >>> from junheng.planning.layout_outcome import PlannedSchool
    >>> b = PlannedSchool("A", "城关第一小学", "keep", students_after={"primary": 1_477},
    ...     sports_m2={"now": 13955.0, "have": 13955.0, "primary": 6.5025, "ratio": 0.867})
    >>> school_sports(b, "primary", 136)
    '城关第一小学体育运动场馆现有 13,955 平方米，1,613 人生均 8.65 平方米（本方案 1,477 人时 9.45 平方米），按生均约 6.50 平方米需 10,489 平方米，不需补建'
    >>> school_sports(b, "primary", 1_000).split("，")[-2:]
    ['按生均约 6.50 平方米需 16,107 平方米', '体育场地工程需重新核算']
    """
    from junheng.planning.layout_sports import per_pupil
    from junheng.planning.layout_zone_price import sports_need

    m2 = b.sports_m2 or {}
    size = int(sum(b.students_after.values()))
    if stage not in m2 or "have" not in m2 or not size:
        return ""
    need, now = sports_need(b, stage, int(b.students_after.get(stage, 0)) + n) or 0.0, float(m2["now"])
    enough = "不需补建" if round(need - float(m2["have"])) <= 0 else SPORTS_AGAIN
    return (f"{b.name}体育运动场馆现有 {now:,.0f} 平方米，{size + n:,} 人生均 {now / (size + n):,.2f} 平方米（本方案 "
            f"{size:,} 人时 {now / size:,.2f} 平方米），按{per_pupil(float(m2[stage]))}需 {need:,.0f} 平方米，{enough}")


def kept_clauses(plan, r, b, village: str, stage: str, n: int) -> list[str]:
    """The school years other than the target year in which the pupils of ``village`` moved from
    ``b`` to ``r`` (``moved_years``) are at ``r``, kept at ``b`` instead: ``b``'s pupils against
    its seats and 校额上限 (:func:`kept_over`) and ``r``'s, beside the plan's (``year_pupils``),
    said each year ``b`` is over either, the others in one clause (review rv26 6: 学府社区's 156
    of 2028 left 城关第一小学 2,316 pupils, 336 over its seats, said 「须重新核算」); [] for a plan
    without ``moved_years`` or where the ``n`` kept are not all the pupils moved in the target
    year (a community kept whole brings others)."""
    from junheng.planning.layout_borrow import year_span
    from junheng.planning.year_pupils import total_at

    over, within = [], []
    for y, m, had, words in kept_over(plan, r, b, village, stage, n):
        if not words:
            within.append((y, had + m))
            continue
        over.append(f"{y} 学年该社区 {m:,} 人，{b.name} {had + m:,} 人（本方案 {had:,} 人），{'、'.join(words)}，"
                    f"{r.name} {total_at(plan.year_pupils, y, r.school_id) - m:,} 人（本方案 "
                    f"{total_at(plan.year_pupils, y, r.school_id):,} 人）")
    if within:
        least, most = min(x for _y, x in within), max(x for _y, x in within)
        over.append(f"{year_span([y for y, _n in within])}{b.name} {least:,}{f'—{most:,}' if most > least else ''} 人，"
                    f"在学位和校额上限以内")
    return over


def kept_over(plan, r, b, village: str, stage: str, n: int, full: bool = True) -> list[tuple[int, int, int, list[str]]]:
    """(school year, pupils kept, ``b``'s pupils that year in the plan, what ``b`` is over with
    them: its seats (:func:`~.layout_lend.seats_in`) and 校额上限 (:func:`~.layout_lend.size_cap`),
    each with the plan's figure, ``full`` with the seats and the cap too) for the years of
    :func:`kept_clauses`."""
    from junheng.planning.layout_lend import seats_in, size_cap
    from junheng.planning.year_pupils import pupils_at, total_at

    k = moved_by_year(plan, r, b, village, stage)
    if k.pop(plan.target_year, None) != n:
        return []
    cap, out = size_cap(plan, b) or 0, []
    for y, m in sorted(k.items()):
        seats, had = seats_in(plan, b, stage, y), total_at(plan.year_pupils, y, b.school_id)
        own = int(pupils_at(plan.year_pupils, y, b.school_id).get(stage, 0))  # of the stage, against its seats
        words = [f"超出学位{f' {seats:,} 个' if full else ''} {own + m - seats:,} 人（本方案 {max(own - seats, 0):,} 人）"
                 if own + m > seats else "",
                 f"超过校额上限{f' {cap:,} 人' if full else ''} {had + m - cap:,} 人（本方案 {max(had - cap, 0):,} 人）"
                 if cap and had + m > cap else ""]
        out.append((y, m, had, [w for w in words if w]))
    return out


def years_head(village: str, school: str) -> str:
    """The label of the paragraph on the other school years of keeping ``village`` at ``school``
    (:func:`kept_effect`; the 表 2 rows' 「逐年见」 and the 划片选择的代价 note's, rv27 6)."""
    return f"{village}留在{school}的其他学年"


def moved_by_year(plan, r, b, village: str, stage: str) -> dict[int, int]:
    """School year -> the pupils of ``village`` and ``stage`` the plan has moved from ``b`` to ``r``
    by then (``moved_years``)."""
    ids = {a.village_id for a in plan.assignments if (a.village_name or a.village_id) == village
           and a.before_school == b.school_id and a.school_id == r.school_id}
    k: dict[int, int] = {}
    for y, v, was, now, st, got in plan.moved_years:
        if v in ids and (was, now, st) == (b.school_id, r.school_id, stage):
            k[y] = k.get(y, 0) + int(got)
    return k


def kept_loans(plan, r, b, village: str, stage: str) -> str:
    """What becomes of the rooms ``b`` lends (:func:`~.layout_lend.placements`) with the pupils of
    ``village`` kept there by year (``moved_years``; ``r`` as many fewer), by the same rule, the
    school's spare seats, 校额上限 and sports floor (review rv26 7: 城关第一小学 lends 3 rooms in
    2029; 第三小学's loans in the 锦绣社区 note are followed likewise); '' where ``b`` lends none."""
    from dataclasses import replace

    from junheng.planning.layout_lend import placements

    k = moved_by_year(plan, r, b, village, stage)
    sign = {b.school_id: 1, r.school_id: -1}
    kept = replace(plan, year_pupils=tuple((y, s, st, n + sign.get(s, 0) * k.get(y, 0) * (st == stage))
                                           for y, s, st, n in plan.year_pupils))

    def lent(outcome) -> dict[int, tuple[list[str], int, int]]:
        out: dict[int, tuple[list[str], int, int]] = {}
        for p in placements(outcome):
            for lender, _d, m, _sp in p.lenders:
                if lender == b.school_id and m and p.year in k:
                    who, n, campus = out.get(p.year, ([], 0, 0))
                    out[p.year] = (who + [f"{plan.names.get(p.school_id, p.school_id)} {m:,} 间"], n + m,
                                   max(campus, {x: c for x, c, _cap in p.campus}.get(lender, 0)))
        return out

    now, then, said = lent(plan), lent(kept), []
    for y, (who, n, _c) in sorted(now.items()):
        m, campus = then.get(y, ([], 0, 0))[1:]
        said.append(f"{y} 学年借给{'、'.join(who)}教室，按同一借出规则" + (
            f"仍可借出（校内含借出班级 {campus:,} 人）" if m >= n else
            (f"只能借出 {m:,} 间，其余 {n - m:,} 间须改为租用" if m else f"不能再借出，{n:,} 间须改为租用")))
    return f"{b.name} {'；'.join(said)}" if said else ""


def rooms_again(plan, r, b, lends: bool = True) -> str:
    """:data:`ROOMS_AGAIN` with the 临时周转 rooms and the rooms built that the plan gives the two
    schools by year (``overflow``, the 过渡期's ``temporary``, ``built_classrooms``) and the rooms
    each lends by year (:func:`~.layout_lend.placements`; review rv26 7: 城关第一小学's 3 of 2029,
    lent on the spare seats the kept pupils would fill); '' for a plan without year-by-year
    pupils (``year_pupils``); ``lends`` False: those loans said already (:func:`kept_loans`)."""
    from junheng.planning.layout_borrow import year_span
    from junheng.planning.layout_lend import placements

    if not plan.year_pupils:
        return ""
    each, any_lent, loans = [], False, placements(plan)
    for s in (r, b):
        years: dict[int, int] = {}
        for y, sid, _stage, k in plan.overflow:
            years[y] = years.get(y, 0) + int(k) * (sid == s.school_id)
        for x in plan.transition:
            years[x.year] = years.get(x.year, 0) + int(x.temporary) * (x.school_id == s.school_id)
        got = "、".join(f"{year_span([y])} {k:,} 间" for y, k in sorted(years.items()) if k)
        built = f"新建教室 {s.built_classrooms:,} 间" if s.built_classrooms > 0 else ""
        by_year: dict[int, list[str]] = {}
        for p in loans:
            by_year[p.year] = by_year.get(p.year, []) + [f"{plan.names.get(p.school_id, p.school_id)} {m:,} 间"
                                                         for k, _d, m, _sp in p.lenders if k == s.school_id and m]
        lent = [f"{y} 学年借给{'、'.join(w)}" for y, w in sorted(by_year.items()) if w and lends]
        said = "，".join(x for x in (f"借用临时周转教室 {got}" if got else "", built, "、".join(lent)) if x)
        each += [f"{s.name}{said}"] if said else []
        any_lent = any_lent or bool(lent)
    return (ROOMS_AGAIN.replace("教室须", "教室及借给其他学校的教室须") if any_lent else ROOMS_AGAIN) + (
        f"（本方案{'；'.join(each)}）" if each else "")


def _whole_misfit(size: int, floor: int, seats: int, school: str, n: int, rooms) -> str:
    """Why a community of ``n`` pupils kept whole does not fit: the seats it overflows, the
    receiver's floor it breaks, the floor it still misses."""
    after, own = rooms.get(school, (0, n, 0))[1:]
    out = [f"本校 {size + n:,} 人、超出学位 {seats:,} 个" if seats and size + n > seats else "",
           f"{school}减为 {after - n:,} 人、低于其分流下限 {own:,} 人" if after - n < own else "",
           f"本校 {size + n:,} 人、仍不足下限 {floor:,} 人" if size + n < floor else ""]
    return "，".join(x for x in out if x)


__all__ = ["ROOMS_AGAIN", "SPLIT_STAYS", "SPORTS_AGAIN", "community_totals", "freed_need", "keep_choice", "keep_whole",
           "kept_clauses", "kept_effect", "kept_loans", "kept_over", "moved_by_year", "receiver_areas", "rooms_again", "school_sports", "stage_key",
           "years_head"]
