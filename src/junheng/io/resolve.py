"""Fill in what a v2 workbook may leave to its drop-downs, before validation.

县级指标 may name an indicator by its Chinese 指标名称 alone (v2); the frame then gets the
English ``indicator_code`` from :func:`junheng.model.county_items.indicator_code_of`. An
unknown name stays without a code, and validation reports it on the 指标名称 cell.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from junheng.model.county_items import indicator_code_of


def with_indicator_codes(indicators: pd.DataFrame) -> pd.DataFrame:
    """The 县级指标 frame with every empty 指标代码 filled from its 指标名称 where it is known,
    and a listed Chinese 指标名称 typed as the 指标代码 taken for its code (rv2 finding 13: the
    code column asked for English identifiers; the English codes keep importing).

    Examples
    --------
    >>> from junheng.model import typed_frame
    >>> frame = typed_frame("county_indicators", [
    ...     {"indicator_name": "初中三年巩固率", "value": 0.97},
    ...     {"indicator_code": "own_code", "indicator_name": "本县自定指标", "value": 1.0},
    ...     {"indicator_code": "社会认可度", "indicator_name": "社会认可度", "value": 0.9}])
    >>> with_indicator_codes(frame)["indicator_code"].tolist()
    ['junior_retention_rate', 'own_code', 'satisfaction_rate']
    """
    as_name = indicators["indicator_code"].map(indicator_code_of)
    missing = indicators["indicator_code"].isna()
    if not missing.any() and as_name.isna().all():
        return indicators
    out = indicators.copy()
    named = as_name.notna() & (as_name != out["indicator_code"])
    out.loc[named, "indicator_code"] = as_name[named]
    out.loc[missing, "indicator_code"] = out.loc[missing, "indicator_name"].map(indicator_code_of)
    out["indicator_code"] = out["indicator_code"].astype(object).where(
        out["indicator_code"].notna(), None)
    return out


def resolved_tables(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``tables`` with the codes a v2 workbook may leave out filled in (see the module)."""
    out = dict(tables)
    if "county_indicators" in out:
        out["county_indicators"] = with_indicator_codes(out["county_indicators"])
    return out
