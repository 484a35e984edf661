"""The plan YAML's keys whose values are checked beyond their type (review rv24 4 and 5): school
codes written as numbers, the school kinds of ``min_school_size``, the two forms of
``new_sites``. Each refusal is a Chinese reason (a ``ValueError``, which
:mod:`~.layout_config_errors` shows after the key, its label and the value).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator

from junheng.model.labels import SCHOOL_TYPE_LABELS
from junheng.standards.files import choices

#: the school kinds a layout plan holds (:data:`~.layout_data.SITE_GROUPS` but ``new``), the
#: keys of ``min_school_size``
MIN_SIZE_KINDS = ("teaching_point", "primary_school", "junior_school", "nine_year", "twelve_year",
                  "complete_secondary")
#: the minimum sizes a plan file's ``min_school_size`` is merged over
MIN_SIZE_DEFAULT = {"teaching_point": 30, "primary_school": 100}
#: how a school code that no number can be must be written
CODE_AS_TEXT = "学校标识码须写成文字，加引号，如 \"4103310001\""
#: what each value of a setting with named choices means
CHOICE_WORDS = {"rezoning_grades": {"entry": "只对起始年级新生", "whole": "整个学段当年一次转入"},
                "new_school_need": {"lasting": "缺口持续超过临时周转年限或末年仍有学校超过校额上限时才新建",
                                    "any": "不论缺口是否持续"},
                "new_sites": {"town_centres": "各乡镇驻地及城区各片区中心", "none": "不设候选新校址"}}


def school_code(value: Any) -> Any:
    """A school code written as a number in the YAML (``keep: [4103310001]``) is that code:
    a code is digits, so the number says it unambiguously (review rv24 5).

    >>> school_code(4103310001), school_code("4103310001A"), school_code(True)
    ('4103310001', '4103310001A', True)
    """
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


#: a 学校标识码, as text or as the number a YAML without quotes reads
SchoolCode = Annotated[str, BeforeValidator(school_code)]


def by_code(value: Any) -> Any:
    """A table by school code (``closures_reviewed``, ``sports_land_by_school``) with no key that
    cannot be a code (是/否, 空, 1.5): those are refused by name, before their values are read.

    >>> by_code({4103310008: 0})
    {4103310008: 0}
    >>> by_code({True: 0, 1.5: 0})
    Traceback (most recent call last):
    ...
    ValueError: “是”“1.5”不是学校标识码：学校标识码须写成文字，加引号，如 "4103310001"
    """
    if not isinstance(value, Mapping):
        return value  # the type check says what is wrong
    bad = [plain(k) for k in value if isinstance(k, bool) or not isinstance(k, str | int)]
    if bad:
        raise ValueError(f"“{'”“'.join(bad)}”不是学校标识码：{CODE_AS_TEXT}")
    return value


def min_sizes(value: Any) -> Any:
    """``min_school_size`` merged over :data:`MIN_SIZE_DEFAULT`: a plan sets the kinds it
    changes, and ``{}`` sets none (no minimum size, as before the merge); a key that is no school kind is refused, naming the kinds as the YAML spells them
    (review rv24 4: ``{教学点: 30}`` was accepted and applied to nothing).

    >>> min_sizes({"teaching_point": 20})
    {'teaching_point': 20, 'primary_school': 100}
    >>> min_sizes({})  # an empty table: no minimum size for any kind
    {}
    >>> min_sizes({"教学点": 30})
    Traceback (most recent call last):
    ...
    ValueError: “教学点”不是学校类别，应为 teaching_point（教学点）、primary_school（小学）、junior_school（初级中学）、nine_year（九年一贯制学校）、twelve_year（十二年一贯制学校）或 complete_secondary（完全中学）；未写的类别取默认（教学点 30 人，小学 100 人）
    """
    if not isinstance(value, dict) or not value:
        return value  # the type check says what is wrong; {} sets no minimum size
    unknown = [plain(k) for k in value if k not in MIN_SIZE_KINDS]
    if unknown:
        kinds = choices(MIN_SIZE_KINDS, SCHOOL_TYPE_LABELS)
        default = "，".join(f"{SCHOOL_TYPE_LABELS[k]} {n} 人" for k, n in MIN_SIZE_DEFAULT.items())
        raise ValueError(f"“{'”“'.join(unknown)}”不是学校类别，应为 {kinds}；未写的类别取默认（{default}）")
    return {**MIN_SIZE_DEFAULT, **value}


def sites_given(value: Any) -> Any:
    """``new_sites``: one of its words or a list of sites; anything else refused by what it may be.

    >>> sites_given("none")
    'none'
    >>> sites_given("all")
    Traceback (most recent call last):
    ...
    ValueError: 应为 town_centres（各乡镇驻地及城区各片区中心）、none（不设候选新校址）或校址列表（每个校址写 id、name、lon、lat、town_code）
    """
    if isinstance(value, list) or isinstance(value, str) and value in CHOICE_WORDS["new_sites"]:
        return value
    words = CHOICE_WORDS["new_sites"]
    raise ValueError("应为 " + choices([*words, "校址列表（每个校址写 id、name、lon、lat、town_code）"], words))


def plain(value: Any) -> str:
    """A value as a planner wrote it: numbers in full (never 1e-05), 是/否, 空, tables in braces.

    >>> plain(4e-05), plain(None), plain([True, {"教学点": 30}]), plain(float("-inf"))
    ('0.00004', '空', '[是, {教学点: 30}]', '负无穷大')
    """
    if value is None:
        return "空"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return "非数值" if math.isnan(value) else ("" if value > 0 else "负") + "无穷大" \
            if math.isinf(value) else repr(value) if "e" not in repr(value) else f"{Decimal(repr(value)):f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(map(plain, value)) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{plain(k)}: {plain(v)}" for k, v in value.items()) + "}"
    return str(value)
