"""A user's CSV read as text cells, in the encodings Excel and WPS save: UTF-8 (with or
without BOM) or GBK. Headers are stripped and lower-cased (``Minutes`` reads as ``minutes``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from junheng.errors import JunhengError


def read_csv_table(path: Path, what: str) -> pd.DataFrame:
    """Read a CSV as text cells (UTF-8, UTF-8 with BOM, or GBK as saved by Excel/WPS)."""
    if not path.exists():
        raise JunhengError(f"找不到{what}文件 {path}：请检查路径。")
    for encoding in ("utf-8-sig", "gbk"):
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise JunhengError(f"{what}文件 {path.name} 不是有效的 CSV：{exc}。请另存为 CSV（逗号分隔）。") from None
        frame.columns = [str(c).strip().lower() for c in frame.columns]
        return frame
    raise JunhengError(f"{what}文件 {path.name} 的编码无法识别：请另存为 UTF-8 或 GBK 编码的 CSV。")
