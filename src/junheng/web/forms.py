"""The school's facility and class form: parse the posted fields, validate like an import.

A submitted form is checked in two steps: each field is parsed by its schema column (kind,
range), then the school's new rows are put into the county and checked by the same validator
an import uses (:func:`junheng.io.validate_county`), so a school cannot submit what the import
would refuse.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from junheng.errors import Problem
from junheng.io.cells import CellError, storable_integer, strict_number
from junheng.model import codes, codes_v2, numbers
from junheng.model.county import CountyData, typed_frame
from junheng.model.schema import SHEETS_BY_KEY, Column, Kind
from junheng.store.accounts import CLASS_FIELDS, FACILITY_FIELDS

FACILITIES = SHEETS_BY_KEY["facilities"]
CLASSES = SHEETS_BY_KEY["classes"]
CLASS_NUMBER_FIELDS = ("students", "boarders", "migrant_students", "disabled_students")
EMPTY_CLASS_ROWS = 3


@dataclass
class SchoolForm:
    """What the form shows and posts: facility values, class rows and the versions read."""

    facility: dict[str, Any]
    classes: list[dict[str, Any]]
    version: int
    import_id: int
    problems: list[Problem] = field(default_factory=list)
    #: what the user typed, by facility key and per class row (review rw 7: a refused form came
    #: back with the bad fields empty); empty when the form is loaded from the official rows
    typed: dict[str, str] = field(default_factory=dict)
    class_typed: list[dict[str, str]] = field(default_factory=list)

    @property
    def payload(self) -> dict[str, Any]:
        return {"facility": self.facility, "classes": self.classes}

    def facility_text(self, key: str) -> str:
        """A facility field's box: what was typed, else the stored value (:func:`shown_number`)."""
        return self.typed[key] if key in self.typed else shown_number(self.facility.get(key))

    def class_text(self, index: int, key: str) -> str:
        """A class row's box: what was typed, else the stored value; '' on an empty row."""
        if index < len(self.class_typed):
            return self.class_typed[index][key]
        return shown_number(self.classes[index].get(key)) if index < len(self.classes) else ""

    def row_label(self, problem: Problem) -> str:
        """Where a problem is on the form: a class by its 年级 and 班号 (「一年级 3 班」), its
        place on the form when those are not filled in (review rw 7: 「第 3 个班级」 only)."""
        if not problem.row or problem.sheet != CLASSES.name:
            return ""  # the facility row is the form's one row
        row = self.classes[problem.row - 1] if problem.row <= len(self.classes) else {}
        grade = {code: label for label, code in codes.GRADES.items()}.get(row.get("grade") or "")
        class_no = str(row.get("class_no") or "").strip()
        if not (grade and class_no):
            return f"第 {problem.row} 个班级"
        return f"{grade} {class_no}{'' if class_no.endswith('班') else ' 班'}"


def shown_number(value: Any) -> str:
    """A stored number as the form shows it: whole numbers without ".0" (review rw 6:
    「8207.0」, 「5410800.0」), never an exponent; '' when unknown.

    >>> [shown_number(v) for v in (8207.0, 5410800.0, 410.5, 12, None, float("nan"))]
    ['8207', '5410800', '410.5', '12', '', '']
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


#: how every form wants a number written (review rvweb 11: 「1e3」 was refused by the school's
#: form and read as 1,000 万元 by the layout form)
NUMBER_RULE = "只写数字和小数点，不加空格、逗号或下划线"
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def typed_number(text: str, *, grouped: bool = True) -> float:
    """The number typed in a form's box, by the rule of the school's form
    (:func:`~junheng.io.cells.strict_number`: digits, one decimal point, a sign; no exponent,
    no 「nan」); with ``grouped`` commas are allowed only every three digits, as the forms that
    show amounts write them (「1,200」, 「6,876.44」). Raises ``ValueError`` otherwise.

    >>> typed_number("1,200"), typed_number("６８７６.44"), typed_number("-3")
    (1200.0, 6876.44, -3.0)
    >>> for bad in ("1e3", "1,2,3", "nan", "12,00"):
    ...     try:
    ...         typed_number(bad)
    ...     except ValueError:
    ...         print("refused", bad)
    refused 1e3
    refused 1,2,3
    refused nan
    refused 12,00
    """
    plain = unicodedata.normalize("NFKC", text).strip()
    if grouped and _GROUPED.fullmatch(plain):
        plain = plain.replace(",", "")
    return strict_number(plain)


#: the 校舍设施 fields WORKBOOK.md gives to some school types only (field -> those types); a
#: field not listed is for every type. rv22 finding 8: a 小学's form asked for
#: 「户外游戏场地面积（平方米）」, which WORKBOOK.md lists for kindergartens only.
FIELD_TYPES: dict[str, frozenset[str]] = {"outdoor_play_area": frozenset({"kindergarten"})}


def facility_columns(school_type: str | None = None) -> list[Column]:
    """The 校舍设施 fields of the school form, those of ``school_type`` only when given
    (:data:`FIELD_TYPES`).

    >>> [c.header for c in facility_columns("primary_school")][-2:]
    ['美术专用教室数', '美术专用教室面积']
    >>> [c.header for c in facility_columns("kindergarten")][-1]
    '户外游戏场地面积'
    """
    return [FACILITIES.column(key) for key in FACILITY_FIELDS
            if school_type is None or school_type in FIELD_TYPES.get(key, (school_type,))]


def facility_value(column: Column, value: Any) -> str:
    """A facility value as the school page shows it, in its unit (review rvweb 6:
    「296.0」, 「6,064,100.0」 without units): money in 万元, others without trailing zeros.

    >>> cols = {c.key: c for c in facility_columns()}
    >>> [facility_value(cols[k], v) for k, v in (("computers", 296.0), ("equipment_value",
    ...     6064100.0), ("sports_area", 13955.0), ("teaching_area", 410.5), ("books", None))]
    ['296 台', '606.41 万元', '13,955 平方米', '410.5 平方米', '—']
    """
    if numbers.is_missing(value):
        return numbers.DASH
    if column.unit == "元":
        return numbers.amount(value, "元")
    return f"{numbers.trimmed(value, 2)} {column.unit}".strip()


def facility_changes(official: dict[str, Any] | None, submitted: dict[str, Any],
                     school_type: str | None = None) -> list[tuple[str, str, str, bool]]:
    """(field, official value, submitted value, changed) for each facility field of
    ``school_type`` (:func:`facility_columns`; another type's field too when its value changed),
    as shown."""
    official = official or {}
    asked = facility_columns(school_type)
    rows = [(c, official.get(c.key) != submitted.get(c.key)) for c in facility_columns()]
    return [(c.header, facility_value(c, official.get(c.key)),
             facility_value(c, submitted.get(c.key)), changed)
            for c, changed in rows if changed or c in asked]


def class_columns() -> list[Column]:
    return [CLASSES.column(key) for key in CLASS_FIELDS]


def _parse_number(column: Column, text: str, *, sheet: str, row: int | None
                  ) -> tuple[Any, Problem | None]:
    text = text.strip()
    if not text:
        if column.required:
            return None, Problem(sheet, row, column.header, text, f"{column.header}为必填项。")
        return None, None
    try:
        value = strict_number(text)  # "1,2,3" is refused, never read as 123
    except ValueError:
        return None, Problem(sheet, row, column.header, text,
                             f"{column.header}应为数字（{NUMBER_RULE}）。")
    if column.kind is Kind.INTEGER:
        if value != int(value):
            return None, Problem(sheet, row, column.header, text, f"{column.header}应为整数。")
        try:
            value = storable_integer(int(value), column)
        except CellError as exc:
            return None, Problem(sheet, row, column.header, text, str(exc))
    if column.minimum is not None and value < column.minimum:
        return None, Problem(sheet, row, column.header, text,
                             f"{column.header}不能小于 {column.minimum:g}。")
    if column.maximum is not None and value > column.maximum:
        return None, Problem(sheet, row, column.header, text,
                             f"{column.header}不能大于 {column.maximum:g}。")
    return value, None


def parse_form(form: Any, *, version: int, import_id: int) -> SchoolForm:
    """Read the posted fields (a Starlette FormData) into a :class:`SchoolForm` with problems."""
    problems: list[Problem] = []
    facility: dict[str, Any] = {}
    typed = {column.key: str(form.get(column.key, "")).strip() for column in facility_columns()}
    for column in facility_columns():
        value, problem = _parse_number(column, typed[column.key], sheet=FACILITIES.name, row=None)
        facility[column.key] = value
        if problem:
            problems.append(problem)
    columns = {c.key: form.getlist(f"class_{c.key}") for c in class_columns()}
    count = max((len(v) for v in columns.values()), default=0)
    classes: list[dict[str, Any]] = []
    class_typed: list[dict[str, str]] = []
    for i in range(count):
        raw = {key: (values[i] if i < len(values) else "").strip()
               for key, values in columns.items()}
        if not any(raw.values()):
            continue  # a blank row: an unused slot or a class the school removed
        row_no = len(classes) + 1
        row: dict[str, Any] = {"grade": raw["grade"], "class_no": raw["class_no"]}
        if raw["grade"] not in codes.GRADE_STAGE:
            problems.append(Problem(CLASSES.name, row_no, "年级", raw["grade"], "请选择年级。"))
        if not raw["class_no"]:
            problems.append(Problem(CLASSES.name, row_no, "班号", "", "班号为必填项。"))
        for key in CLASS_NUMBER_FIELDS:
            value, problem = _parse_number(CLASSES.column(key), raw[key], sheet=CLASSES.name,
                                           row=row_no)
            row[key] = value
            if problem:
                problems.append(problem)
        classes.append(row)
        class_typed.append({key: raw[key] for key in CLASS_NUMBER_FIELDS})
    return SchoolForm(facility=facility, classes=classes, version=version, import_id=import_id,
                      problems=problems, typed=typed, class_typed=class_typed)


def validate_school(data: CountyData, school_id: str, form: SchoolForm) -> list[Problem]:
    """Problems the import validator finds once the school's rows are replaced by the form's.

    The validator sees the whole county, so cross-sheet rules (grades that fit the school
    type, boarders within beds, unique class numbers) are checked exactly as on import. Only
    problems on this school's 校舍设施 and 班级 rows are returned, since the form changes
    nothing else; a class problem's row is the class's position on the form (1, 2, ...).
    """
    from junheng.io import validate_county

    county = replace_school_rows(data, school_id, form)
    rows, own = _form_rows(county, school_id)
    return [p for p in validate_county(county, rows=rows)
            if p.sheet in own and (p.row is None or p.row in own[p.sheet])]


def all_problems(data: CountyData, school_id: str, form: SchoolForm) -> list[Problem]:
    """The form's own problems (a box that is not a number) and then what the import validator
    finds in the rest, each box once: all at once, as the workbook import lists them (review
    rvweb2 finding 5: 「12,5OO」 was reported, and 寄宿生 52 > 学生 48 only on the next submit).
    A box refused as typed is left empty for the validator, which may not report it again."""
    def box(p: Problem) -> tuple:  # the facility row is the form's one row, whatever its number
        return p.sheet, p.row if p.sheet == CLASSES.name else None, p.column

    typed = {box(p) for p in form.problems}
    checked = validate_school(data, school_id, form)
    return [*form.problems, *(p for p in checked if box(p) not in typed)]


def replace_school_rows(data: CountyData, school_id: str, form: SchoolForm) -> CountyData:
    """The county with one school's facility row and classes replaced by the form's.

    The school's rows go first in each table, so problems on them keep the form's row order.
    """
    facilities = data.facilities[data.facilities["school_id"] != school_id]
    classes = data.classes[data.classes["school_id"] != school_id]
    new_facility = typed_frame("facilities", [{"school_id": school_id, **form.facility}])
    new_classes = typed_frame("classes", [{"school_id": school_id, **c} for c in form.classes])
    return data.with_tables(
        facilities=pd.concat([new_facility, facilities], ignore_index=True),
        classes=pd.concat([new_classes, classes], ignore_index=True))


_OTHER_ROWS = 1_000_000


def _form_rows(county: CountyData, school_id: str
               ) -> tuple[dict[str, list[int]], dict[str, set[int]]]:
    """Row numbers for the validator: the school's rows are 1..n (their place on the form),
    everyone else's are far beyond, so the school's problems can be picked out."""
    rows: dict[str, list[int]] = {}
    own: dict[str, set[int]] = {}
    for key in ("facilities", "classes"):
        n_own = int((county.tables[key]["school_id"] == school_id).sum())
        n_all = len(county.tables[key])
        rows[key] = list(range(1, n_own + 1)) + list(range(_OTHER_ROWS, _OTHER_ROWS + n_all
                                                           - n_own))
        own[SHEETS_BY_KEY[key].name] = set(range(1, n_own + 1))
    return rows, own


def form_from_records(facility: dict[str, Any] | None, classes: list[dict[str, Any]], *,
                      version: int, import_id: int) -> SchoolForm:
    """The form as loaded from the official rows."""
    return SchoolForm(facility=dict(facility or dict.fromkeys(FACILITY_FIELDS)),
                      classes=[dict(c) for c in classes], version=version,
                      import_id=import_id)


def grade_choices(school_type: str, held: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(code, Chinese label) of the grades a school type teaches, in workbook order; a 小学 or
    教学点 holding 附设幼儿班 classes (a grade among ``held``, the school's class rows) also those
    grades, after its own (review rvweb 12: every 小学 row offered 「小班 中班 大班 混合班」 first).

    >>> [label for _, label in grade_choices("primary_school")]
    ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级']
    >>> [label for _, label in grade_choices("primary_school", ["g1", "k3"])][5:]
    ['六年级', '小班', '中班', '大班', '混合班']
    """
    allowed = codes.SCHOOL_TYPE_GRADES.get(school_type, frozenset(codes.GRADES.values()))
    own = [(code, label) for label, code in codes.GRADES.items() if code in allowed]
    attached = codes_v2.ATTACHED_PRESCHOOL_GRADES - allowed
    if school_type not in codes_v2.ATTACHED_PRESCHOOL_TYPES or not attached & set(held):
        return own
    return own + [(code, label) for label, code in codes.GRADES.items() if code in attached]
