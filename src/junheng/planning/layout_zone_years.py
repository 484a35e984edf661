"""The other school years of a 划片 choice (:mod:`~.layout_zone_price`; review rv27 7): the
choice is priced in the target year only, but the pupils it keeps at the present school are
there in every year the plan moves them (``moved_years``). In 2029 the plan moves 430 pupils of
锦绣社区 from 洛北县第三小学 to 洛北县第四小学; the same part of the community kept at 第三小学
(144 of 407 in 2030, 430 × 144 ÷ 407 = 152 that year) puts 710 pupils on its 4,368 m² of
sports area, 82.0 % of the standard, below the 85 % floor, and leaves 第四小学 741 pupils on its
4,692 m² without the works the option saves, 84.4 %.

Each year is checked by the rules the target year is held to (:func:`~.layout_zone_price.kept_room`,
:func:`~.layout_zone_price._fits`): the present school within its seats (:func:`~.layout_lend.seats_in`),
its 校额上限 and its sports area standing then (:func:`~.layout_lend.sports_area`) at the plans'
area a pupil (``sports_m2``); the receiver within its seats before the plan
(:func:`~.layout_zone_price.seats_before`) and its sports area today, the option building
nothing there. The loans of the present school that year no longer fit follow
(:func:`~.layout_zone_price.unlent`), and the ones to the receiver the choice saves.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool


@dataclass(frozen=True)
class KeptYear:
    """One school year of a choice's option: the part kept and both schools then."""

    year: int
    kept: int            # the pupils of the community kept at the present school that year
    old: int             # the present school's pupils then, with them (all stages)
    old_over: int        # its pupils of the stage beyond its seats then
    cap_over: int        # its pupils beyond its 校额上限 (0 without one)
    old_area: float      # its sports area standing then (m²)
    old_short: float     # m² short of the plans' area a pupil (≤ 0: none)
    old_share: float     # its sports area as a share of the standard's for its pupils
    new: int             # the receiver's pupils then, less them (all stages)
    new_over: int        # its pupils of the stage beyond its seats before the plan
    new_area: float      # its sports area today: the option builds nothing there
    new_short: float
    new_share: float
    unlent: tuple[tuple[str, int], ...] = ()  # the present school's loans rented that year

    @property
    def fails(self) -> bool:
        """Is a rule of the target year broken this year?"""
        return bool(self.old_over > 0 or self.cap_over > 0 or round(self.old_short) > 0
                    or self.new_over > 0 or round(self.new_short) > 0)


def share_of(moved: int, kept: int, moved_then: int) -> int:
    """The part ``kept`` of ``moved`` pupils of the target year, of ``moved_then`` another year
    (the same part of the community, half up).

    >>> share_of(407, 144, 430), share_of(407, 144, 385), share_of(407, 144, 407)
    (152, 136, 144)
    """
    return math.floor(moved_then * kept / moved + 0.5) if moved else 0


def moved_each_year(plan: LayoutOutcome, c: dict) -> dict[int, int]:
    """School year -> the pupils of the choice ``c`` (its present school, receiver and stage)
    the plan has moved by then (``moved_years``)."""
    got: dict[int, int] = {}
    for y, _v, was, now, st, n in plan.moved_years:
        if (was, now, st) == (c["from"].school_id, c["school"].school_id, c["stage"]):
            got[int(y)] = got.get(int(y), 0) + int(n)
    return got


def _need(s: PlannedSchool, pupils: dict[str, int]) -> float:
    """The sports area (m²) ``pupils`` (stage -> pupils) need at the plans' area a pupil."""
    m2 = s.sports_m2 or {}
    return sum(float(m2[k]) * int(n) for k, n in pupils.items() if k in m2)


def _share(s: PlannedSchool, area: float, need: float) -> float:
    """``area`` as a share of the standard's for the pupils that need ``need`` at the plans' rate."""
    ratio = float((s.sports_m2 or {}).get("ratio") or 0.0)
    return area / (need / ratio) if need and ratio else 0.0


def kept_year(plan: LayoutOutcome, c: dict, year: int, kept: int) -> KeptYear:
    """Both schools of the choice ``c`` in ``year`` with ``kept`` pupils at the present school."""
    from junheng.planning.layout_lend import seats_in, size_cap, sports_area
    from junheng.planning.layout_zone_price import seats_before, unlent
    from junheng.planning.year_pupils import pupils_at

    b, r, st = c["from"], c["school"], c["stage"]
    old = {**pupils_at(plan.year_pupils, year, b.school_id)}
    old[st] = old.get(st, 0) + kept
    new = {**pupils_at(plan.year_pupils, year, r.school_id)}
    new[st] = new.get(st, 0) - kept
    area, now, cap = sports_area(plan, b, year), float((r.sports_m2 or {}).get("now") or 0.0), size_cap(plan, b)
    saved = r.school_id if year in c["rent"] else ""
    return KeptYear(year, kept, sum(old.values()), old[st] - seats_in(plan, b, st, year),
                    sum(old.values()) - cap if cap else 0, area, _need(b, old) - area,
                    _share(b, area, _need(b, old)), sum(new.values()), new[st] - seats_before(plan, r, st),
                    now, _need(r, new) - now, _share(r, now, _need(r, new)),
                    tuple(unlent(plan, b, st, kept, saved, year)))


def kept_years(plan: LayoutOutcome, c: dict) -> tuple[KeptYear, ...]:
    """The school years other than the target year in which the plan moves the choice's pupils
    (``moved_years``), each with the same part of them kept (:func:`share_of`); () for a plan
    without ``moved_years`` or where the target year's moves are not the choice's; a year whose
    pupils (``year_pupils``) do not hold the moves at the receiver is left out."""
    from junheng.planning.year_pupils import pupils_at

    moved = moved_each_year(plan, c)
    if moved.pop(int(plan.target_year), None) != c["moved"]:
        return ()
    at = {y: int(pupils_at(plan.year_pupils, y, c["school"].school_id).get(c["stage"], 0)) for y in moved}
    return tuple(kept_year(plan, c, y, share_of(c["moved"], c["kept"], n)) for y, n in sorted(moved.items())
                 if n and at[y] >= n)


def saved_loans(plan: LayoutOutcome, c: dict) -> dict[int, int]:
    """School year -> the rooms the present school lends the receiver in the years the choice
    spares its 临时周转 (:func:`~.layout_zone_price.rent_caused`): no longer lent."""
    from junheng.planning.layout_lend import placements

    b, r = c["from"].school_id, c["school"].school_id
    got: dict[int, int] = {}
    for p in placements(plan):
        if p.school_id == r and p.year in c["rent"]:
            got[p.year] = got.get(p.year, 0) + sum(n for k, _d, n, _sp in p.lenders if k == b)
    return {y: n for y, n in sorted(got.items()) if n}


def rented_loans(plan: LayoutOutcome, c: dict) -> dict[str, dict[int, int]]:
    """Borrower -> school year -> the present school's rooms lent then that the choice turns
    into rented ones, the target year's (``c["unlent"]``) and the other years' (``c["years"]``)."""
    got: dict[str, dict[int, int]] = {}
    for year, loans in ((int(plan.target_year), c["unlent"]), *((x.year, x.unlent) for x in c["years"])):
        for k, n in loans:
            got.setdefault(k, {})[year] = got.get(k, {}).get(year, 0) + n
    return {k: dict(sorted(v.items())) for k, v in got.items()}


def failing_words(plan: LayoutOutcome, c: dict) -> str:
    """'2029 学年两校体育运动场馆共缺 375 平方米（未计价），两校不达标' for the years of
    ``c["years"]`` that fail (rv29 10: the net saving beside it does not price them), the years
    of one kind in one run (a year short of sports area on its own); '' where none does."""
    from junheng.planning.layout_borrow import year_span

    b, r, kinds = c["from"].name, c["school"].name, {}
    for x in c["years"]:
        said = [f"{b}超出学位" if x.old_over > 0 else "", f"{b}超过校额上限" if x.cap_over > 0 else "",
                f"{r}超出扩建前学位" if x.new_over > 0 else "", sports_short(c, x)]
        if x.fails:
            key = "、".join(w for w in said if w)
            kinds.setdefault((key, x.year if said[-1] else 0), []).append(x.year)
    return "；".join(f"{year_span(ys)}{what}" for (what, _y), ys in kinds.items())


def sports_short(c: dict, x: KeptYear) -> str:
    """'两校体育运动场馆共缺 375 平方米（未计价），两校不达标': the m² ``x`` leaves short at
    the plans' area a pupil (each school's, whole, as :func:`_year_words` says them), not priced
    (a one-year gap: whether by a field, a hall or land the plan does not say), and the schools
    then below the 85 % floor; '' where neither is short.

    >>> s = lambda n: type("S", (), {"name": n})()
    >>> c = {"from": s("三小"), "school": s("四小")}
    >>> x = KeptYear(2029, 152, 710, 0, 0, 4368.0, 248.8, 0.82, 741, 0, 4692.0, 126.4, 0.844)
    >>> sports_short(c, x)
    '两校体育运动场馆共缺 375 平方米（未计价），两校不达标'
    >>> sports_short(c, KeptYear(2029, 152, 710, 0, 0, 4368.0, 248.8, 0.86, 741, 0, 4900.0, -82.0, 0.9))
    '三小体育运动场馆缺 249 平方米（未计价）'
    """
    from junheng.standards import load_standard

    floor = float(load_standard("quality-2017").school_rule.floor_ratio)
    short = [(s.name, round(m2), share) for s, m2, share in ((c["from"], x.old_short, x.old_share),
                                                              (c["school"], x.new_short, x.new_share)) if round(m2) > 0]
    if not short:
        return ""
    both = len(short) == 2
    who = "两校" if both else short[0][0]
    under = [n for n, _m2, share in short if share < floor - 1e-9]
    fails = f"，{'两校' if len(under) == 2 else under[0]}不达标" if under else ""
    return f"{who}体育运动场馆{'共' if both else ''}缺 {sum(m2 for _n, m2, _s in short):,} 平方米（未计价）{fails}"


def years_note(plan: LayoutOutcome, c: dict) -> str:
    """The paragraph on the other school years of ``c`` (:func:`~.layout_keep_whole.years_head`):
    each year that fails with both schools' figures and what it needs, the others in one
    clause, then the present school's loans those years (:func:`loan_words`); '' without
    ``c["years"]``."""
    from junheng.planning.layout_borrow import year_span
    from junheng.planning.layout_keep_whole import years_head

    if not c["years"]:
        return ""
    bad = [_year_words(plan, c, x) for x in c["years"] if x.fails]
    good = [x for x in c["years"] if not x.fails]
    if good:
        b, r = c["from"].name, c["school"].name
        bad.append(f"{year_span([x.year for x in good])}这部分学生 {_span([x.kept for x in good])} 人，{b} "
                   f"{_span([x.old for x in good])} 人、{r} {_span([x.new for x in good])} 人，在学位以内，"
                   f"体育运动场馆不低于{_rate(c)}")
    return f"{years_head('、'.join(c['villages']), c['from'].name)}：{'；'.join([*bad, *loan_words(plan, c)])}"


def loan_words(plan: LayoutOutcome, c: dict) -> list[str]:
    """What keeping the pupils frees and costs at the present school in the other years (rv27 7):
    the rooms it no longer lends the receiver (:func:`saved_loans`), its loans turned into rented
    rooms (``KeptYear.unlent``) and, where there are any, all its rented rooms with the target
    year's and the saving net of them (:func:`~.layout_zone_price.net_words`), with the years it
    breaks a rule (:func:`failing_words`)."""
    from junheng.planning.layout_waiting import room_year_yuan
    from junheng.planning.layout_zone_price import net_words

    b, r, target = c["from"].name, c["school"].name, int(plan.target_year)
    said = [f"{b} {y} 学年不再借给{r} {n:,} 间教室（即其临时周转，不再需要）" for y, n in saved_loans(plan, c).items()
            if y != target]
    said += [f"{b} {x.year} 学年借给{'、'.join(f'{plan.names.get(k, k)}的 {n:,} 间' for k, n in x.unlent)}教室也须改为租用"
             for x in c["years"] if x.unlent]
    rooms = sum(n for years in rented_loans(plan, c).values() for n in years.values())
    if any(x.unlent for x in c["years"]):
        fail = failing_words(plan, c)  # rv29 10: what the net figure leaves out, beside it
        said.append(f"连同 {target} 学年，借出教室改为租用共 {rooms:,} 间·学年 {rooms * room_year_yuan(plan) / 10_000:,.2f} "
                    f"万元，{net_words(plan, c)}{f'；{fail}' if fail else ''}")
    return said


def _span(values: list[int]) -> str:
    """'634' or '624—634'."""
    least, most = min(values), max(values)
    return f"{least:,}" if least == most else f"{least:,}—{most:,}"


def _rate(c: dict) -> str:
    """The plans' area a pupil of the choice's stage at the present school, as said."""
    from junheng.planning.layout_sports import per_pupil

    return per_pupil(float(c["from"].sports_m2[c["stage"]]))


def _year_words(plan: LayoutOutcome, c: dict, x: KeptYear) -> str:
    """One failing year: the part kept, each school's pupils, seats and sports area, and the m²
    each needs at the plans' area a pupil."""
    from junheng.standards import load_standard

    floor = float(load_standard("quality-2017").school_rule.floor_ratio)
    b, r = c["from"], c["school"]

    def sports(area: float, short: float, share: float, lead: str) -> str:
        low = f"（低于 {floor:.0%}）" if share < floor - 1e-9 else ""
        more = f"，按{_rate(c)}须再补 {short:,.0f} 平方米" if round(short) > 0 else ""
        return f"{lead}体育运动场馆 {area:,.0f} 平方米，为标准的 {share * 100:.1f}%{low}{more}"

    old = [f"超出学位 {x.old_over:,} 人" if x.old_over > 0 else "",
           f"超过校额上限 {x.cap_over:,} 人" if x.cap_over > 0 else "", sports(x.old_area, x.old_short, x.old_share, "")]
    new = [f"超出扩建前学位 {x.new_over:,} 人" if x.new_over > 0 else "",
           sports(x.new_area, x.new_short, x.new_share, "不扩建时")]
    return (f"{x.year} 学年这部分学生 {x.kept:,} 人，{b.name} {x.old:,} 人，{'，'.join(w for w in old if w)}；"
            f"{r.name} {x.new:,} 人，{'，'.join(w for w in new if w)}")
