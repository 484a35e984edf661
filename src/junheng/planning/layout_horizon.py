"""How far ahead a layout plan can reach: the villages' children by age give the pupils of
grades 1–3 for six years (the CLI, the worker and the web form check it alike)."""

from __future__ import annotations

from junheng.errors import ConfigError

#: the furthest target year a layout plan reaches from its data year
MAX_YEARS_AHEAD = 6


def check_target_year(target_year: int, data_year: int) -> None:
    """Refuse a target year the villages' children by age cannot reach (the CLI, the worker
    and the web form alike; review rvweb2 finding 8: the form queued 2033 and failed later).

    >>> check_target_year(2033, 2025)
    Traceback (most recent call last):
    ...
    junheng.errors.ConfigError: 目标学年 2033 距数据学年 2025 超过 6 年：村居分年龄儿童数只能推算 6 年内的一至三年级学生，请选择 2031 学年或更早的目标学年。
    """
    if target_year < data_year:
        raise ConfigError(f"目标学年 {target_year} 早于数据学年 {data_year}。")
    if target_year - data_year > MAX_YEARS_AHEAD:
        raise ConfigError(
            f"目标学年 {target_year} 距数据学年 {data_year} 超过 {MAX_YEARS_AHEAD} 年：村居分年龄"
            f"儿童数只能推算 {MAX_YEARS_AHEAD} 年内的一至三年级学生，请选择 "
            f"{data_year + MAX_YEARS_AHEAD} 学年或更早的目标学年。")
