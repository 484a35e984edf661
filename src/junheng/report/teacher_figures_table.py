"""The 整改措施 chapter's table of each school's 骨干教师 and 体育艺术教师 before and after the
plan's teacher moves (``plan.json``'s ``teacher_figures``:
:mod:`~junheng.planning.compliance_teacher_figures`), with the sentence a 督学 reads first:
the 交流轮岗's 骨干 share and the schools still short after the moves (brief hm 1)."""

from __future__ import annotations

import math
from typing import Any

from junheng.model.labels import STAGE_LABELS
from junheng.planning.compliance_redeploy import moves_sheet
from junheng.planning.compliance_teacher_figures import KINDS, rotation_share
from junheng.report.compliance_brief import WORKBOOK
from junheng.report.word_document import Column, WordReport

TITLE = "调配、交流轮岗前后骨干教师和体育艺术教师（逐校，人）"
KIND_WORDS = {"backbone": "县级以上骨干教师", "pe_art": "体育、音乐、美术专任教师"}
SHORT = {"backbone": "骨干教师", "pe_art": "体育艺术教师"}
#: what the plan adds of a kind (compliance_teacher_figures.HIRES: 引进、培养认定骨干; 招聘体育艺术):
#: the words for those brought in and for those trained (review rv8 14: 「招聘、培养」 said neither)
ADDED = {"backbone": ("引进", "培养认定"), "pe_art": ("招聘", "")}
HEADS = ("学校", "学段", *(f"{SHORT[k]}{h}" for k in KINDS
                         for h in ("调配前", "调配（县管校聘等）", "交流轮岗", "调配后", "标准所需")))
#: the 优质均衡 share of 骨干 among the teachers a county rotates (quality-2017 rotation_backbone_share)
ROTATION_BACKBONE_SHARE = 0.2


def signed(n: int) -> str:
    """A net move: +2, −1, 0.

    >>> signed(2), signed(-1), signed(0)
    ('+2', '−1', '0')
    """
    return f"+{n:,}" if n > 0 else (f"−{-n:,}" if n < 0 else "0")


def rotated_kinds(rows: list[dict]) -> tuple[str, ...]:
    """The kinds some school's 交流轮岗 changes (review rv14 N9: a plan that rotates nobody kept
    two columns of zeros and a reference to a 「教师交流轮岗」 section it does not have).

    >>> rotated_kinds([{"backbone_rotated": 0, "pe_art_rotated": 1}]), rotated_kinds([{"backbone_rotated": 0}])
    (('pe_art',), ())
    """
    return tuple(k for k in KINDS if any(x.get(f"{k}_rotated") for x in rows))


def title(rows: list[dict]) -> str:
    """The table's title, without 「交流轮岗」 when nobody rotates (:func:`rotated_kinds`).

    >>> title([{"backbone_rotated": 0, "pe_art_rotated": 0}])
    '调配前后骨干教师和体育艺术教师（逐校，人）'
    """
    return TITLE if rotated_kinds(rows) else TITLE.replace("、交流轮岗", "")


def heads(rows: list[dict]) -> list[str]:
    """:data:`HEADS` less the 交流轮岗 column of a kind nobody rotates (:func:`rotated_kinds`).

    >>> heads([{"backbone_rotated": 0, "pe_art_rotated": 2}])[2:5]
    ['骨干教师调配前', '骨干教师调配（县管校聘等）', '骨干教师调配后']
    """
    on = rotated_kinds(rows)
    return [h for h in HEADS if not any(h == f"{SHORT[k]}交流轮岗" for k in KINDS if k not in on)]


def figure_rows(rows: list[dict]) -> list[list[str]]:
    """The table's rows (:func:`heads`: a kind's 交流轮岗 column only where someone rotates).

    >>> row = {"name": "甲中学", "stage": "junior", "backbone_before": 3, "backbone_moved": -1,
    ...        "backbone_rotated": 0, "backbone_after": 2, "backbone_need": 7, "pe_art_before": 1,
    ...        "pe_art_moved": 2, "pe_art_rotated": 1, "pe_art_after": 4, "pe_art_need": None}
    >>> figure_rows([row])[0]
    ['甲中学', '初中', '3', '−1', '2', '7', '1', '+2', '+1', '4', '—']
    """
    out, on = [], rotated_kinds(rows)
    for x in rows:
        cells = [x["name"], STAGE_LABELS.get(x["stage"], x["stage"])]
        for k in KINDS:
            need = x[f"{k}_need"]
            cells += [f"{x[f'{k}_before']:,}", signed(x[f"{k}_moved"]),
                      *([signed(x[f"{k}_rotated"])] if k in on else []),
                      f"{x[f'{k}_after']:,}", "—" if need is None else f"{need:,}"]
        out.append(cells)
    return out


def added_text(x: dict, kind: str) -> str:
    """What the plan adds of ``kind`` at a school still short after the moves, in the words of
    its actions: 引进 (``hire_backbone``) and 培养认定 (``backbone_training``) apart.

    >>> added_text({"backbone_hired": 4, "backbone_trained": 4}, "backbone")
    '，本方案培养认定 4 名'
    >>> added_text({"backbone_hired": 3, "backbone_trained": 1}, "backbone")
    '，本方案引进 2 名、培养认定 1 名'
    >>> added_text({"backbone_hired": 0, "backbone_trained": 0}, "backbone")
    '，本方案未安排引进或培养认定'
    >>> added_text({"pe_art_hired": 4, "pe_art_trained": 0}, "pe_art"), added_text({}, "pe_art")
    ('，本方案招聘 4 名', '，本方案未安排招聘')
    >>> added_text({"backbone_hired": 2}, "backbone")  # a plan stored before the split
    '，本方案引进或培养认定 2 名'
    """
    hired, trained = x.get(f"{kind}_hired") or 0, x.get(f"{kind}_trained")
    brought, grown = ADDED[kind]
    if not hired:
        return f"，本方案未安排{brought}" + (f"或{grown}" if grown else "")
    if trained is None and grown:
        return f"，本方案{brought}或{grown} {hired:,} 名"
    parts = [f"{word} {n:,} 名" for word, n in ((brought, hired - (trained or 0)), (grown, trained)) if n]
    return f"，本方案{'、'.join(parts)}"


def short_text(rows: list[dict], kind: str) -> str:
    """The schools whose ``kind`` is still below the standard after the moves, with what the
    plan hires or trains there ("" when none).

    >>> row = {"name": "甲中学", "stage": "junior", "pe_art_after": 4, "pe_art_need": 6, "pe_art_hired": 2}
    >>> short_text([row], "pe_art")
    '调配后体育、音乐、美术专任教师仍少于标准所需的 1 个：甲中学（初中）少 2 名，本方案招聘 2 名'
    >>> short_text([{**row, "pe_art_after": 6}], "pe_art")
    ''
    """
    short = [x for x in rows if x[f"{kind}_need"] is not None and x[f"{kind}_after"] < x[f"{kind}_need"]]
    if not short:
        return ""
    said = [f"{x['name']}（{STAGE_LABELS.get(x['stage'], x['stage'])}）少 "
            f"{x[f'{kind}_need'] - x[f'{kind}_after']:,} 名" + added_text(x, kind)
            + verdict_words(x, kind, bool(x.get(f"{kind}_hired"))) for x in short]
    return f"调配后{KIND_WORDS[kind]}仍少于标准所需的 {len(short):,} 个：{'；'.join(said)}"


def percent_down(ratio: float) -> str:
    """A share of the standard in whole percent, rounded down (so 84.9% is never 「85%」).

    >>> percent_down(0.9231), percent_down(0.8499), percent_down(0.85)
    ('92%', '84%', '85%')
    """
    return f"{math.floor(ratio * 100 + 1e-6):d}%"


def verdict_words(x: dict, kind: str, hired: bool) -> str:
    """What the evaluation engine says of a school still short of ``kind`` after the plan
    (``plan.json``'s ``{kind}_ratio``, ``school_passes``, ``school_floor``: the engine's own
    verdict, brief hteach 2); "" when the plan meets the standard there or the plan was
    stored without the verdict.

    >>> x = {"backbone_ratio": 0.9231, "school_passes": True, "school_floor": 0.85}
    >>> verdict_words(x, "backbone", False)
    '，达到标准的 92%，在“其余指标不低于 85%”的范围内，该校达标'
    >>> verdict_words({**x, "backbone_ratio": 0.8, "school_passes": False}, "backbone", True)[1:]
    '实施后达到标准的 80%，低于 85%，该校未达标'
    >>> verdict_words({**x, "school_passes": False}, "backbone", False)[1:]
    '达到标准的 92%，在 85% 以上，但该校其他指标未达标，该校未达标'
    >>> verdict_words({**x, "backbone_ratio": 1.0}, "backbone", True)
    ''
    """
    ratio, passes, floor = x.get(f"{kind}_ratio"), x.get("school_passes"), x.get("school_floor")
    if ratio is None or passes is None or floor is None or ratio >= 1 - 1e-9:
        return ""
    got = f"，{'实施后' if hired else ''}达到标准的 {percent_down(ratio)}"
    bar = percent_down(floor)
    if passes:
        return f"{got}，在“其余指标不低于 {bar}”的范围内，该校达标"
    if ratio < floor - 1e-9:
        return f"{got}，低于 {bar}，该校未达标"
    return f"{got}，在 {bar} 以上，但该校其他指标未达标，该校未达标"


def figures_text(doc: dict[str, Any]) -> str:
    """The sentence before the table: what it counts, the 交流轮岗's 骨干 share against the
    standard's 20%, the schools still short after the moves.

    >>> doc = {"actions": [{"item": "rotation", "teacher_type": "backbone", "quantity": 1.0},
    ...                    {"item": "rotation", "teacher_type": "pe_art", "quantity": 3.0}],
    ...        "teacher_figures": []}
    >>> figures_text(doc).split("。")[1]
    '本方案交流轮岗 4 人，其中骨干教师 1 人，占 25.0%（优质均衡要求交流轮岗教师中骨干教师不低于 20%，达到）'
    >>> x = {"school_id": "A", "backbone_rotated": 0, "pe_art_rotated": 0, "backbone_need": None, "pe_art_need": None}
    >>> print(figures_text({"teacher_figures": [x]}))  # nobody rotates: no 交流轮岗 words (review rv14 N9)
    调配前后 1 所学校的县级以上骨干教师和体育、音乐、美术专任教师（专任教师，按学段列）见表“调配前后骨干教师和体育艺术教师（逐校，人）”：调配前 + 调配（随学生调配、县管校聘调剂）= 调配后，正数为调入、负数为调出；标准所需按优质均衡标准每百名学生骨干教师 1 名、体育艺术教师 0.9 名（向上取整）。
    """
    rows = doc.get("teacher_figures") or []
    listed = f"，见{WORKBOOK}“{moves_sheet(doc)}”表" if doc.get("redeployment") else ""  # brief hshort3
    turn = rotated_kinds(rows)
    head = (f"调配{'、交流轮岗' if turn else ''}前后 {len({x['school_id'] for x in rows}):,} 所学校的{KIND_WORDS['backbone']}和"
            f"{KIND_WORDS['pe_art']}（专任教师，按学段列）见表“{title(rows)}”：调配前 + 调配（随学生调配、县管校聘调剂{listed}）"
            + ("+ 交流轮岗（见“教师交流轮岗”）" if turn else "") + "= 调配后，正数为调入、负数为调出；"
            "标准所需按优质均衡标准每百名学生骨干教师 1 名、体育艺术教师 0.9 名（向上取整）。")
    total, backbone, back = rotation_share(doc.get("actions") or [])
    share = ""
    if total:
        met = "达到" if backbone >= ROTATION_BACKBONE_SHARE * total - 1e-9 else "未达到"
        swap = f"（含已达编制的调入学校交换派出的 {back:,} 人）" if back else ""
        share = (f"本方案交流轮岗 {total:,} 人{swap}，其中骨干教师 {backbone:,} 人，占 {backbone / total:.1%}"
                 f"（优质均衡要求交流轮岗教师中骨干教师不低于 {ROTATION_BACKBONE_SHARE:.0%}，{met}）。")
    short = "；".join(t for t in (short_text(rows, k) for k in KINDS) if t)
    return head + share + (f"{short}。" if short else "")


def write_teacher_figures(r: WordReport, doc: dict[str, Any]) -> None:
    """The sentence and the table (nothing when no move changes a school's 骨干 or 体育艺术
    teachers, or the plan was stored before ``teacher_figures``)."""
    rows = doc.get("teacher_figures") or []
    if not rows:
        return
    r.para(figures_text(doc))
    said = heads(rows)
    columns = [Column(said[0], 2.4), Column(said[1], 0.7, "center"),
               *(Column(h, 1.05, "right") for h in said[2:])]
    r.table(title(rows), columns, figure_rows(rows))
