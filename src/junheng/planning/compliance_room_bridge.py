"""From the music and art rooms the 自评报告 finds missing to those the 整改 builds (review rv5
finding 14: 自评 said 32 + 32 rooms short, the 整改 supplied 10 + 10 and called the rest met
with no line between them).

Per school (the engine's unit schools) the rooms short are ``max(⌈classes / 12⌉ − rooms, 0)``
(the 2017 item, :func:`junheng.evaluate.guarantee.music_art_rooms`). The bridge counts them in
the data year, in the target year before the 整改 (the county after the layout plan and the
building projects, with the forecast's pupils) and after it, and splits the change so that the
figures add up exactly:

    data year − closed schools + classes changed + rooms added + new schools = target year
    target year − built − converted (− other) = still short

where, at a school kept, ``classes changed`` is the shortfall with the target year's classes
and today's rooms less today's shortfall, and ``rooms added`` the rest of its change (rooms a
project or the layout plan builds).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from junheng.evaluate.guarantee import unit_schools
from junheng.evaluate.items import ItemContext
from junheng.evaluate.units import build_units

KINDS = {"music": "音乐", "art": "美术"}
PARTS = ("now", "closed", "classes", "rooms", "new", "target", "built", "converted", "other", "left")


def room_table(data, rules) -> pd.DataFrame:
    """Per unit school of ``data`` under an evaluation's ``rules``: school_id, name, required
    (⌈classes / 12⌉), music_rooms, art_rooms."""
    ind = rules.standard.indicator("music_art_rooms")
    ctx = ItemContext(data, build_units(data, rules.units), rules.sizes, rules.standard)
    schools = unit_schools(ctx)
    required = np.ceil(schools["classes"] / ind.params["classes_per_room"]).astype("int64")
    return schools.assign(required=required)[["school_id", "name", "required", "music_rooms", "art_rooms"]]


def _short(table: pd.DataFrame, kind: str, required: pd.Series | None = None) -> pd.Series:
    need = table["required"] if required is None else required
    return (need - table[f"{kind}_rooms"]).clip(lower=0).fillna(0).astype("int64")


def bridge(today: pd.DataFrame, before: pd.DataFrame, after: pd.DataFrame,
           actions: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Per kind (music, art) the parts of :data:`PARTS`, from the three room tables and the
    plan's actions (item, quantity).

    >>> t = lambda ids, req, m, a: pd.DataFrame({"school_id": ids, "required": req,
    ...                                         "music_rooms": m, "art_rooms": a})
    >>> today = t(["A", "B", "C"], [3, 2, 1], [0, 1, 0], [0, 1, 0])   # short 3+1+1
    >>> before = t(["A", "B", "N"], [2, 2, 2], [0, 2, 1], [0, 1, 1])  # C closed, A fewer classes
    >>> after = t(["A", "B", "N"], [2, 2, 2], [2, 2, 1], [1, 1, 1])
    >>> acts = pd.DataFrame({"item": ["music_room", "music_room_conversion", "art_room_conversion"],
    ...                      "quantity": [1.0, 1.0, 1.0]})
    >>> b = bridge(today, before, after, acts)
    >>> b["music"]
    {'now': 5, 'closed': 1, 'classes': -1, 'rooms': -1, 'new': 1, 'target': 3, 'built': 1, 'converted': 1, 'other': 0, 'left': 1}
    >>> b["art"]["target"], b["art"]["left"], b["art"]["other"]
    (4, 3, 0)
    """
    out = {}
    for kind in KINDS:
        now = today.set_index("school_id")
        then = before.set_index("school_id")
        kept = now.index.intersection(then.index)
        short_now, short_then = _short(now, kind), _short(then, kind)
        # the target year's classes against today's rooms, at the schools kept
        with_classes = _short(now.loc[kept], kind, then.loc[kept, "required"])
        items = actions.groupby("item")["quantity"].sum() if not actions.empty else pd.Series(dtype=float)
        part = {"now": int(short_now.sum()),
                "closed": int(short_now.drop(kept).sum()),
                "classes": int(with_classes.sum() - short_now.loc[kept].sum()),
                "rooms": int(short_then.loc[kept].sum() - with_classes.sum()),
                "new": int(short_then.drop(kept).sum()),
                "target": int(short_then.sum()),
                "built": int(round(items.get(f"{kind}_room", 0))),
                "converted": int(round(items.get(f"{kind}_room_conversion", 0))),
                "left": int(_short(after.set_index("school_id"), kind).sum())}
        part["other"] = part["target"] - part["built"] - part["converted"] - part["left"]
        out[kind] = {k: part[k] for k in PARTS} | _where(after, kind)
    return out


def _where(after: pd.DataFrame, kind: str) -> dict[str, list]:
    """The schools of the 未解决事项 table (review rv6 N7: 「仍缺 1 间」 while the table listed a
    new school 数据待补 that needs 2): ``left_at`` [name, rooms short] where the rooms are known,
    ``todo`` [name, rooms its classes need] where they are not (not in ``left``)."""
    if "name" not in after:  # a bridge of tables without names: the totals alone
        return {}
    short = after["required"] - after[f"{kind}_rooms"]
    known = short.notna() & (short > 0)
    unknown = after[f"{kind}_rooms"].isna() & (after["required"] > 0)
    return {"left_at": [[n, int(v)] for n, v in zip(after["name"][known], short[known], strict=True)],
            "todo": [[n, int(v)] for n, v in zip(after["name"][unknown], after["required"][unknown], strict=True)]}


def bridge_lines(parts: dict[str, dict[str, int]], data_year: int, target_year: int) -> list[str]:
    """One sentence per kind, its sums written out, then the forecast's caveat; [] when the
    data year is short of no room.

    >>> p = {"now": 5, "closed": 1, "classes": -1, "rooms": -1, "new": 1, "target": 3,
    ...      "built": 1, "converted": 1, "other": 0, "left": 1}
    >>> bridge_lines({"music": p}, 2025, 2030)[0]
    '音乐专用教室：2025 学年缺 5 间（自评报告所列）；到 2030 学年，撤并学校原缺的 1 间不再需要，保留学校按 2030 学年班数减少所需 1 间，在建项目和布局调整在保留学校新增专用教室补上 1 间，新建学校缺 1 间，按 2030 学年班数复核缺 3 间（5 − 1 − 1 − 1 + 1 = 3）；本方案新建 1 间、改造闲置普通教室 1 间，仍缺 1 间（3 − 1 − 1 = 1），见“未解决事项”表。'
    """
    lines = [_line(KINDS[k], p, data_year, target_year) for k, p in parts.items() if p["now"] or p["target"]]
    if lines and any(p["classes"] < 0 for p in parts.values()):
        lines.append("班数减少按招生预测计算：如学生减少少于预测，所需专用教室相应增加，按班数配足的学校该项可能再次不达标，"
                     "须按每学年实际班数复核。")
    return lines


def _line(name: str, p: dict[str, int], data_year: int, target_year: int) -> str:
    steps = [(p["closed"], "撤并学校原缺的 {} 间不再需要", -1),
             (-p["classes"], f"保留学校按 {target_year} 学年班数减少所需 {{}} 间", -1),
             (-p["rooms"], "在建项目和布局调整在保留学校新增专用教室补上 {} 间", -1),
             (p["new"], "新建学校缺 {} 间", 1)]
    said, sums = [], [f"{p['now']:,}"]
    for value, words, sign in steps:
        if value > 0:
            said.append(words.format(f"{value:,}"))
            sums.append(f"{'−' if sign < 0 else '+'} {value:,}")
        elif value < 0:  # more classes, or rooms fewer: the same words the other way round
            said.append(words.replace("减少", "增加").replace("不再需要", "仍需要").replace("补上", "少了")
                        .format(f"{-value:,}"))
            sums.append(f"{'+' if sign < 0 else '−'} {-value:,}")
    head = f"{name}专用教室：{data_year} 学年缺 {p['now']:,} 间（自评报告所列）；到 {target_year} 学年，"
    target = f"按 {target_year} 学年班数复核缺 {p['target']:,} 间（{' '.join(sums)} = {p['target']:,}）"
    plan = [f"本方案新建 {p['built']:,} 间", f"改造闲置普通教室 {p['converted']:,} 间"]
    tail = [f"{p['target']:,}", f"− {p['built']:,}", f"− {p['converted']:,}"]
    if p["other"]:
        plan.append(f"其他复核差额 {p['other']:,} 间")
        tail.append(f"− {p['other']:,}")
    at = "、".join(f"{n} {v:,} 间" for n, v in p.get("left_at") or []) + "；" if p.get("left_at") else ""
    left = f"仍缺 {p['left']:,} 间（{at}{' '.join(tail)} = {p['left']:,}）" if p["left"] \
        else f"{target_year} 学年不再缺（{' '.join(tail)} = 0）"
    todo = p.get("todo") or []
    if todo:  # a school without the rooms' data: the rooms its classes need, apart from the sum
        need = sum(v for _, v in todo)
        left += (f"；另{'、'.join(f'{n}须配 {v:,} 间' for n, v in todo)}（缺少专用教室数据，数据待补），"
                 f"合计须增加 {p['left'] + need:,} 间")
    return f"{head}{'，'.join(said + [target])}；{'、'.join(plan)}，{left}" \
        + ("，见“未解决事项”表。" if p["left"] or todo else "。")
