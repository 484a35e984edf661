"""The 整改措施 chapter's table of each school's 骨干教师 and 体育艺术教师 before and after the
plan's teacher moves (``plan.json``'s ``teacher_figures``:
:mod:`~junheng.planning.compliance_teacher_figures`), with the sentence a 督学 reads first:
the 交流轮岗's 骨干 share and the schools still short after the moves (brief hm 1), every one of
them, 表 5's or not (``teachers_short``: :mod:`~junheng.planning.teachers_short`, review rv19 3)."""

from __future__ import annotations

from typing import Any

from junheng.model.labels import STAGE_LABELS
from junheng.planning.compliance_redeploy import moves_sheet
from junheng.planning.compliance_teacher_figures import KINDS, rotation_share
from junheng.planning.teachers_short import KIND_WORDS, short_sentence
from junheng.report.compliance_brief import WORKBOOK
from junheng.report.word_document import Column, WordReport

TITLE = "调配、交流轮岗前后骨干教师和体育艺术教师（逐校，人）"
SHORT = {"backbone": "骨干教师", "pe_art": "体育艺术教师"}
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


def figure_short(rows: list[dict]) -> dict[str, Any]:
    """The schools of 表 5 (``teacher_figures``) still short after the moves, in the form of
    ``plan.json``'s ``teachers_short`` (:mod:`~junheng.planning.teachers_short`), for a plan stored
    before that field: only the schools a move touches, as such plans printed them.

    >>> x = {"name": "甲中学", "stage": "junior", "pe_art_after": 4, "pe_art_need": 6, "pe_art_hired": 2,
    ...      "backbone_after": 3, "backbone_need": None}
    >>> [(r["kind"], r["short"], r["hired"], r["trained"], r["in_table"]) for r in figure_short([x])["rows"]]
    [('pe_art', 2, 2, None, True)]
    """
    out = [{"name": x["name"], "stage": x["stage"], "kind": k, "short": x[f"{k}_need"] - x[f"{k}_after"],
            "hired": x.get(f"{k}_hired") or 0, "trained": x.get(f"{k}_trained"), "ratio": x.get(f"{k}_ratio"),
            "school_passes": x.get("school_passes"), "school_floor": x.get("school_floor"), "in_table": True}
           for k in KINDS for x in rows if x.get(f"{k}_need") is not None and x[f"{k}_after"] < x[f"{k}_need"]]
    return {"rows": out, "apart": []}


def short_text(rows: list[dict], kind: str) -> str:
    """The schools of 表 5 whose ``kind`` is still below the standard after the moves, with what
    the plan hires or trains there ("" when none; :func:`figure_short`).

    >>> row = {"name": "甲中学", "stage": "junior", "pe_art_after": 4, "pe_art_need": 6, "pe_art_hired": 2}
    >>> short_text([row], "pe_art")
    '调配后体育、音乐、美术专任教师仍少于标准所需的有 1 所学校：甲中学（初中）少 2 名，本方案招聘 2 名'
    >>> short_text([{**row, "pe_art_after": 6}], "pe_art")
    ''
    """
    return short_sentence(figure_short(rows), kind)


def short_words(doc: dict[str, Any], table: str | None = "表中") -> str:
    """The sentences of the schools still short of each kind after the moves, 表 5's or not
    (review rv19 3: ``plan.json``'s ``teachers_short``; a file stored before it: 表 5's rows,
    :func:`figure_short`); ``table``: how they name 表 5 (None: no table printed); "" for none.

    >>> x = {"name": "甲小学", "stage": "primary", "kind": "backbone", "short": 1, "hired": 0, "trained": 0,
    ...      "ratio": 0.96, "school_passes": True, "school_floor": 0.85, "in_table": False}
    >>> short_words({"teachers_short": {"rows": [x], "apart": []}}, None)
    '调配后县级以上骨干教师仍少于标准所需的有 1 所学校：甲小学（小学）少 1 名，本方案未安排引进或培养认定，达到标准的 96%，在“其余指标不低于 85%”的范围内，该校达标。'
    """
    listed = doc["teachers_short"] if "teachers_short" in doc else figure_short(doc.get("teacher_figures") or [])
    short = "；".join(t for t in (short_sentence(listed, k, table) for k in KINDS) if t)
    return f"{short}。" if short else ""


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
    return head + share + short_words(doc)


def write_teacher_figures(r: WordReport, doc: dict[str, Any]) -> None:
    """The sentence and the table; when no move changes a school's 骨干 or 体育艺术 teachers (or
    the plan was stored before ``teacher_figures``), the schools still short alone, if any."""
    rows = doc.get("teacher_figures") or []
    if not rows:
        if said := short_words(doc, None):
            r.para(said)
        return
    r.para(figures_text(doc))
    said = heads(rows)
    columns = [Column(said[0], 2.4), Column(said[1], 0.7, "center"),
               *(Column(h, 1.05, "right") for h in said[2:])]
    r.table(title(rows), columns, figure_rows(rows))
