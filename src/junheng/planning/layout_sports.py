"""A receiver's sports area in figures a 督学 can check against 表3 (brief hfourth): its pupils
after the plan times the per-pupil area both plans hold it to, what it has today, what its own
gap without the plan was (the 达标路径's), and each part the plan builds as m² × unit price.

Before, 表3 said of 第四小学 「补足接收学生所需的室外体育运动场地 144 平方米（需论证），扩充
体育运动场地用地 659 平方米，98.85 万元」: money for a school with spare seats, with nothing
saying for which shortfall against which standard, nor at what price.

The figures are the layout's own area terms (:mod:`~.layout_areas`), kept on each school as
``sports_m2`` (:func:`with_sports`, written to ``plan.json``): ``now`` its sports area today
(compulsory part), ``have`` what the plan starts from (``H^S``: today's area, or what its
expected pupils need where that is more — the 达标路径 fills that own gap), ``primary`` and
``junior`` the m² a pupil needs (``ρ σ_s``, :func:`~.halls.sports_per_pupil`) and ``ratio``
(``ρ``). The plan's gap is then ``Σ rate × pupils − have`` = hall or field + land + the m²
left unbuilt, the figures :func:`~.layout_areas.planned_areas` rounds and prices.
"""

from __future__ import annotations

from dataclasses import replace

from junheng.planning.halls import SPORTS, sports_label
from junheng.planning.layout_land import LAND_LABEL, PENDING, beyond_cap_text, own_gap
from junheng.planning.layout_outcome import LayoutOutcome, PlannedSchool
from junheng.standards import load_standard

STAGES = {"primary": "小学", "junior": "初中"}
#: the columns of the layout's sites each ``sports_m2`` key is read from
TERMS = {"now": "area_sports_now", "have": "area_sports_have", "primary": "area_sports_primary",
         "junior": "area_sports_junior"}


def with_sports(outcome: LayoutOutcome, sites) -> LayoutOutcome:
    """The outcome with each kept school's ``sports_m2`` from the layout's ``sites`` (their
    area terms, :data:`TERMS`) and ``ρ`` of the plan's costs; unchanged without those terms."""
    from junheng.planning.halls import receiver_ratio
    from junheng.planning.layout_config import Costs

    if sites is None or not set(TERMS.values()) <= set(sites.columns):
        return outcome
    margin = (outcome.costs or {}).get("sports_floor_margin")
    ratio = receiver_ratio(Costs() if margin is None else Costs(sports_floor_margin=margin))

    def kept(s: PlannedSchool) -> PlannedSchool:
        if s.action in ("close", "new") or s.school_id not in sites.index:
            return s
        row = sites.loc[s.school_id]
        return replace(s, sports_m2={**{k: round(float(row[c]), 4) for k, c in TERMS.items()},
                                     "ratio": float(ratio)})

    return replace(outcome, schools=tuple(kept(s) for s in outcome.schools))


def _rate(m2: float) -> str:
    """A per-pupil area to at most 2 decimals, 「约」 when that rounds it (rv13 15: 「6.5025
    平方米」; the need beside it is computed on the whole figure).

    >>> _rate(6.5025), _rate(7.5), _rate(8.04), _rate(7.1528)
    ('约 6.50', '7.5', '8.04', '约 7.15')
    """
    shown = f"{m2:,.2f}".rstrip("0").rstrip(".")
    return shown if abs(float(shown.replace(",", "")) - m2) < 1e-9 else f"约 {m2:,.2f}"


def per_pupil(m2: float) -> str:
    """「生均 7.5 平方米」, or 「生均约 6.50 平方米」 when :func:`_rate` rounds (约 joined to 生均).

    >>> per_pupil(7.5), per_pupil(6.5025)
    ('生均 7.5 平方米', '生均约 6.50 平方米')
    """
    rate = _rate(m2)
    return f"生均{rate} 平方米" if rate.startswith("约") else f"生均 {rate} 平方米"


def _yuan(m2: float, price: float) -> str:
    """'144 平方米 × 900 元 = 12.96 万元': whole m² at ``price`` 元 a m²."""
    return f"{m2:,.0f} 平方米 × {price:,.0f} 元 = {round(m2) * price / 10_000:,.2f} 万元"


def _floor(ratio: float) -> str:
    """Why the plans hold a school to ``ratio`` of the standard: the 优质均衡 school rule's floor
    and the margin both plans keep over it (:func:`~.halls.sports_ratio`).

    >>> _floor(0.867), _floor(0.85)
    ('优质均衡允许一项指标不低于标准的 85%，另留 2% 余量，', '优质均衡允许一项指标不低于标准的 85%，')
    """

    floor = float(load_standard("quality-2017").school_rule.floor_ratio)
    margin = ratio / floor - 1.0 if floor else 0.0
    return f"优质均衡允许一项指标不低于标准的 {floor:.0%}，" + (f"另留 {margin:.0%} 余量，" if margin > 1e-6 else "")


def need_words(s: PlannedSchool) -> tuple[str, float]:
    """('规划年学生 845 人，按优质均衡标准…即生均约 6.50 平方米', the need in m²) of a
    school's pupils after the plan at its per-pupil area (``sports_m2``); a school whose area
    the evaluation splits over its stages (一贯制) says the arithmetic it does (:func:`split_words`)."""
    m2 = s.sports_m2
    stages = [(k, int(s.students_after.get(k, 0))) for k in STAGES if s.students_after.get(k)]
    ratio, two = float(m2.get("ratio") or 1.0), len(stages) > 1
    pupils = "、".join(f"{STAGES[k] if two else '学生'} {n:,} 人" for k, n in stages)
    need = sum(float(m2[k]) * n for k, n in stages)
    if split := split_words(m2, [k for k, _ in stages], ratio):
        return f"规划年{pupils}，{split}，共", need
    rule = "、".join(f"{STAGES[k]}生均 {_rate(SPORTS[k])} 平方米" for k, _ in stages)
    rates = "、".join(f"{STAGES[k] if two else ''} {_rate(float(m2[k]))} 平方米".replace(" 约 ", "约 ")
                     for k, _ in stages)
    return f"规划年{pupils}，按优质均衡标准{rule}的 {ratio:.1%}（{_floor(ratio)}与达标路径同一口径）即生均{rates}", need


def _binding(m2: dict, ratio: float) -> str | None:
    """The stage whose per-pupil area in ``m2`` is its own standard × ``ratio`` (the one that
    sets a split school's area, :func:`~.halls.sports_per_pupil`), or None."""
    return next((k for k in ("junior", "primary") if k in m2 and abs(float(m2[k]) - SPORTS[k] * ratio) < 1e-3), None)


def split_words(m2: dict, stages: list[str], ratio: float) -> str:
    """The per-pupil areas of a school whose whole area the evaluation splits over its stages
    (九年一贯制: 小学 : 初中 = 1 : 1.1): the stage that binds at ``ratio`` of its standard, and
    what the split gives the other stage (rv20 1: 「小学生均 7.5 平方米…的 86.7%…即生均小学约
    8.04 平方米」, while 7.5 × 86.7 % = 6.50 and 8.04 = 8.84 ÷ 1.1 is 107 % of the primary standard);
    "" where every stage is held to its own standard × ``ratio`` (no split to say).

    >>> print(split_words({"primary": 8.0395, "junior": 8.8434}, ["primary", "junior"], 0.867))
    按优质均衡标准初中生均 10.2 平方米的 86.7%（优质均衡允许一项指标不低于标准的 85%，另留 2% 余量，与达标路径同一口径）即生均 10.2 × 86.7% ≈ 8.84 平方米；九年一贯制学校全校场地按小学、初中 1 : 1.1 拆分，小学随之为生均 8.84 ÷ 1.1 ≈ 8.04 平方米（小学标准 7.5 平方米的 107.2%）
    >>> split_words({"primary": 6.5025, "junior": 8.8434}, ["primary", "junior"], 0.867)
    ''

    (10.2 × 0.867 = 8.8434; 8.8434 ÷ 1.1 = 8.0395 = 107.19 % of 7.5.)
    """
    bind = _binding(m2, ratio)
    if bind is None or all(abs(float(m2[k]) - SPORTS[k] * ratio) < 1e-3 for k in stages):
        return ""
    w = _WEIGHTS
    rate = f"{_num(SPORTS[bind])} × {ratio:.1%} {_approx(float(m2[bind]))} 平方米"
    text = f"按优质均衡标准{STAGES[bind]}生均 {_rate(SPORTS[bind])} 平方米的 {ratio:.1%}（{_floor(ratio)}与达标路径同一口径）即生均 {rate}"
    parts = "，".join(
        f"{STAGES[k]}随之为生均 {_num(float(m2[bind]))} {'÷' if w[k] < w[bind] else '×'} "
        f"{_num(max(w[k], w[bind]) / min(w[k], w[bind]))} {_approx(float(m2[k]))} 平方米"
        f"（{STAGES[k]}标准 {_rate(SPORTS[k])} 平方米的 {float(m2[k]) / SPORTS[k]:.1%}）" for k in stages if k != bind)
    return f"{text}；九年一贯制学校全校场地按小学、初中 {_num(w['primary'])} : {_num(w['junior'])} 拆分，{parts}" if parts else text


#: the evaluation's split of a 九年一贯制 school's area (小学 : 初中)
_WEIGHTS = load_standard("quality-2017").split_weights["nine_year"]


def _num(x: float) -> str:
    """A figure to at most 2 decimals, trailing zeros cut: 10.2, 1.1, 1."""
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def _approx(x: float) -> str:
    """「= 10.2」 where 2 decimals are the whole figure, else 「≈ 8.84」.

    >>> _approx(10.2), _approx(8.8434)
    ('= 10.2', '≈ 8.84')
    """
    return f"= {_num(x)}" if abs(round(x, 2) - x) < 1e-9 else f"≈ {x:,.2f}"


def sports_words(s: PlannedSchool, costs) -> str:
    """A receiver's sports area as 表3 says it (module docstring; '' where it builds none or
    its plan predates ``sports_m2``); ``costs`` the plan's unit prices (its JSON).

    >>> s = PlannedSchool("D", "第四小学", "expand", students_after={"primary": 845}, students_expected=537,
    ...     added_sports_area=144.0, sports_field=True, sports_land_area=659.0, sports_land_yuan=988_500.0,
    ...     sports_m2={"now": 4692.0, "have": 4692.0, "primary": 6.5025, "junior": 7.1528, "ratio": 0.867})
    >>> print(sports_words(s, {"field_yuan_per_m2": 900.0, "land_yuan_per_m2": 600.0}))
    补足体育运动场馆 803 平方米（规划年学生 845 人，按优质均衡标准小学生均 7.5 平方米的 86.7%（优质均衡允许一项指标不低于标准的 85%，另留 2% 余量，与达标路径同一口径）即生均约 6.50 平方米需 5,495 平方米；现有 4,692 平方米，生均 5.55 平方米）：校内空地建室外体育运动场地 144 平方米 × 900 元 = 12.96 万元；扩充体育运动场地用地 659 平方米 × 1,500 元（地价 600 元＋室外体育运动场地 900 元）= 98.85 万元（征用或置换相邻用地并建室外体育运动场地，待决策，须经自然资源部门确认用地）；学校达标待核实（扩充运动场地用地待自然资源部门确认，不计该用地生均体育运动场馆面积为标准的 76.3%）

    ((4,692 + 144 + 659 − 659) / 845 / 7.5 = 76.3 %: it passes only with the land, :func:`land_held`.)
    """
    from junheng.planning.layout_areas import sports_prices

    m2 = s.sports_m2
    short = round(s.added_sports_area) + round(s.sports_land_area) + round(s.sports_beyond_cap_area)
    if not m2 or not short:
        return ""
    land, hall, field = sports_prices(costs)
    need, _ = need_words(s)
    now, pupils = round(float(m2["now"])), sum(s.students_after.values())
    # the own gap is the 达标路径's, the one figure the notes and the 达标路径 state and price
    # (own_gap; rv18 9: 276 here as need − 现有 − this plan's gap beside 275 there): the need
    # is 现有 + own gap + this plan's gap, each rounded apart (within 1 m² of the exact need)
    own = int(own_gap(float(m2["have"]), float(m2["now"]))) if "have" in m2 else 0
    need += f"需 {now + short + own:,} 平方米；现有 {now:,} 平方米" + (
        f"，生均 {now / pupils:,.2f} 平方米" if pupils else "")
    if own > 0:
        need += f"；不调整时本校 {s.students_expected:,} 人已缺的 {own:,} 平方米由达标路径补足"
    items = []
    if round(s.added_sports_area):
        where = "校内空地建" if s.sports_field else "建"
        items.append(f"{where}{sports_label(s.sports_field)} "
                     f"{_yuan(s.added_sports_area, field if s.sports_field else hall)}")
    if round(s.sports_land_area):
        bought = round(s.sports_land_area)
        items.append(f"{LAND_LABEL} {bought:,} 平方米 × {land + field:,.0f} 元（地价 {land:,.0f} 元＋室外体育运动场地 "
                     f"{field:,.0f} 元）= {bought * (land + field) / 10_000:,.2f} 万元"
                     f"（征用或置换相邻用地并建室外体育运动场地，{PENDING}）")
    if round(s.sports_beyond_cap_area):
        items.append("其余为" + beyond_cap_text(s.sports_beyond_cap_area, s.added_sports_area > 0, s.sports_field))
    if held := land_held(s):
        items.append(held)
    # items apart by ； (a clause of a 表3 cell at most 300 characters: test_demo_sentence_length)
    return f"补足体育运动场馆 {short:,} 平方米（{need}）：{'；'.join(items)}"


#: the ``sports_m2`` keys of a school's share of the standard without its land, by stage
#: (:func:`with_land_shares`), and the key saying the 达标路径's re-check gave them
WITHOUT_LAND, CHECKED = "without_land_{}", "without_land_checked"


def land_shares(s: PlannedSchool) -> dict[str, float]:
    """Stage -> the school's share of the standard without the land it buys (hfix8 5): the
    达标路径's re-check's (:func:`with_land_shares`, every stage that fails the school rule without
    it) where the plan carries them, else the plan's own figures below the rule's floor: the area
    after the plan (``have`` + what it builds and buys) at the plan's per-pupil areas, less the
    land (:func:`~.pending_land.without_land`); {} without land.

    东城小学: 595 pupils, 2,985 m² it starts from (2,127 today + 858 its own gap), 617 built, 267
    bought: (3,869 − 267) / 595 / 7.5 = 80.7 %:

    >>> s = PlannedSchool("D", "东城小学", "expand", students_after={"primary": 595}, added_sports_area=617.0,
    ...     sports_land_area=267.0, sports_m2={"now": 2127.0, "have": 2985.0, "primary": 6.5025, "ratio": 0.867})
    >>> {k: round(v, 4) for k, v in land_shares(s).items()}
    {'primary': 0.8072}
    >>> land_shares(replace(s, sports_m2={**s.sports_m2, CHECKED: 1.0}))  # the re-check: it passes
    {}
    """
    from junheng.planning.pending_land import without_land

    m2 = s.sports_m2
    if not round(s.sports_land_area) or not m2:
        return {}
    if m2.get(CHECKED):
        return {k: float(m2[WITHOUT_LAND.format(k)]) for k in STAGES if WITHOUT_LAND.format(k) in m2}
    stages = [(k, int(n)) for k, n in s.students_after.items() if k in STAGES and n and k in m2]
    need = sum(float(m2[k]) * n for k, n in stages)
    whole = float(m2.get("have") or 0.0) + s.added_sports_area + s.sports_land_area
    floor = float(load_standard("quality-2017").school_rule.floor_ratio)
    shares = {k: without_land(float(m2[k]) * whole / need, s.sports_land_area, whole) / SPORTS[k]
              for k, _ in stages} if need > 0 else {}
    return {k: v for k, v in shares.items() if v < floor}


def land_held(s: PlannedSchool) -> str:
    """「学校达标待核实（扩充运动场地用地待自然资源部门确认，不计该用地生均体育运动场馆面积为标准的 80.7%）」
    for a school that passes only with the land it buys, said as every other text says it
    (:data:`~.pending_land.LAND`, :func:`~.pending_land.land_clause`; hfix8 5: 表3 said 86.7 % with
    the land and no 待核实); "" where it passes without. A share not below the 85 % floor is said
    why it still fails: another indicator is below (review rv19: 新区实验学校's 小学 99.6 %).

    >>> s = PlannedSchool("X", "新区实验学校", "expand", students_after={"primary": 462, "junior": 681},
    ...     sports_land_area=689.0, sports_m2={"primary": 6.5, "junior": 8.84, CHECKED: 1.0,
    ...     "without_land_primary": 0.996, "without_land_junior": 0.806})
    >>> land_held(s)
    '学校达标待核实（扩充运动场地用地待自然资源部门确认，不计该用地小学、初中生均体育运动场馆面积依次为标准的 99.6%、80.6%；小学虽不低于 85%，但另有指标低于标准，生均体育运动场馆面积须达到标准）'

    With the 达标路径's re-check of the indicators below the standard (``land_below``, rv21):

    >>> land_held(replace(s, land_below={"primary": ("生均教学仪器设备值",)})).split("；")[-1]
    '小学虽不低于 85%，但另有生均教学仪器设备值低于标准，生均体育运动场馆面积须达到标准）'
    """
    from junheng.planning.pending_land import LAND, land_clause

    if not (shares := land_shares(s)):
        return ""
    several = len([n for n in s.students_after.values() if n]) > 1
    named = "、".join(STAGES[k] for k in shares) if several else ""
    # rv19: a share not below 85 % held 待核实 only because another indicator of it is already below
    labels = [STAGES[k] if several else "该项" for k in shares]
    others = [list(s.land_below.get(k, ())) for k in shares]
    return f"学校达标待核实（{LAND}{land_clause(list(shares.values()), named, labels, others)}）"


def with_land_shares(outcome: LayoutOutcome, stages) -> LayoutOutcome:
    """The outcome with each school that buys land carrying the 达标路径's re-check of it
    (``stages``: its summary's ``after.stages``, their ``land_passing`` names, ``land_shares`` and ``land_others``,
    the figures :func:`~.compliance_summary.held_units` says): :func:`land_shares` then reads the
    same figures (hfix8 5); unchanged without the re-check."""
    if not stages:
        return outcome
    got = {(str(n), k): float(v) for k, st in stages.items()
           for n, v in zip(st.get("land_passing") or (), st.get("land_shares") or (), strict=False)}
    below = {(str(n), k): tuple(o) for k, st in stages.items()
             for n, o in zip(st.get("land_passing") or (), st.get("land_others") or (), strict=False) if o}

    def checked(s: PlannedSchool) -> PlannedSchool:
        if not round(s.sports_land_area) or not s.sports_m2:
            return s
        mine = {WITHOUT_LAND.format(k): v for (n, k), v in got.items() if n == s.name}
        return replace(s, sports_m2={**s.sports_m2, **mine, CHECKED: 1.0},
                       land_below={k: o for (n, k), o in below.items() if n == s.name})

    return replace(outcome, schools=tuple(checked(s) for s in outcome.schools))
