"""Check that a file is a complete, unencrypted, reasonably sized xlsx before parsing it.

An xlsx is a zip archive holding ``xl/workbook.xml``. Bureau staff send many other things under
an ``.xlsx`` name: CSV exports, old ``.xls`` files, workbooks with an open password (those are
OLE compound files, not zips), half-copied downloads. And an upload from outside may be a zip
bomb. Every one of these gets a :class:`WorkbookError` with a Chinese sentence that says what the
file is and how to fix it, before any parser sees it.
"""

from __future__ import annotations

import lzma
import struct
import zipfile
import zlib
from pathlib import Path

from junheng.errors import WorkbookError

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
"""Largest total uncompressed size accepted (a county workbook is a few MB)."""
MAX_RATIO = 100
"""Largest compression ratio accepted on a large member."""
LARGE_MEMBER_BYTES = 10 * 1024 * 1024
"""Members at least this large (uncompressed) must not exceed :data:`MAX_RATIO`."""
MAX_MEMBERS = 10_000

_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_CHUNK = 1024 * 1024
#: the file format as the web and CLI name it (电子表格, not “Excel 工作簿”: one term)
XLSX = "电子表格（.xlsx）"
_SAVE_AS_XLSX = f"请在电子表格软件中打开后“另存为”{XLSX}再导入。"


def _fail(path: Path, what: str, fix: str = _SAVE_AS_XLSX) -> WorkbookError:
    return WorkbookError(f"无法读取“{path.name}”：{what}{fix}")


def _looks_like_text(head: bytes) -> bool:
    for encoding in ("utf-8", "gb18030"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            continue
        return "\x00" not in text
    return False


def _check_ole(path: Path) -> WorkbookError:
    """An OLE compound file is either an encrypted xlsx or a legacy .xls."""
    with path.open("rb") as fh:
        content = fh.read(64 * 1024 * 1024)
    if _ENCRYPTION_STREAM in content:
        return _fail(path, "工作簿设置了打开密码（已加密）。",
                     "请在电子表格软件中输入密码打开，取消“用密码加密”后另存为 .xlsx 再导入。")
    return _fail(path, "这是旧版电子表格（.xls，97-2003 格式），不是 .xlsx。")


def _check_signature(path: Path) -> None:
    with path.open("rb") as fh:
        head = fh.read(4096)
    if not head:
        raise _fail(path, "文件是空的（0 字节）。", "请重新导出或复制该文件。")
    if head.startswith(_OLE_MAGIC):
        raise _check_ole(path)
    if head.startswith(_EMPTY_ZIP_MAGIC):
        raise _fail(path, f"这是一个空的 zip 压缩包，不是{XLSX}。")
    if not head.startswith(_ZIP_MAGIC):
        if _looks_like_text(head):
            raise _fail(path, f"这是文本文件（如 CSV），不是{XLSX}。")
        raise _fail(path, f"这不是{XLSX}文件。")


def _check_directory(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse archives whose directory declares too much data (zip bombs)."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _fail(path, f"压缩包内有 {len(members):,} 个文件，不像正常的工作簿。",
                    "请检查文件来源。")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _fail(path, f"解压后大小 {total / 2**20:,.0f} MB 超过上限 "
                          f"{MAX_UNCOMPRESSED_BYTES / 2**20:,.0f} MB（可能是“压缩炸弹”）。",
                    "请按县区、学年拆分工作簿，或检查文件来源。")
    for m in members:
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size >= LARGE_MEMBER_BYTES and ratio > MAX_RATIO:
            raise _fail(path, f"压缩包成员 {m.filename} 的压缩比 {ratio:,.0f} 异常"
                              f"（超过 {MAX_RATIO}，可能是“压缩炸弹”）。", "请检查文件来源。")
        if m.flag_bits & 0x1:
            raise _fail(path, "压缩包设置了密码（已加密）。",
                        "请取消密码后另存为 .xlsx 再导入。")
    names = {m.filename.lower() for m in members}
    if "xl/workbook.xml" not in names:
        binary = "xl/workbook.bin" in names
        raise _fail(path, "这是二进制格式（.xlsb）的电子表格，不是 .xlsx。" if binary
                    else f"这是 zip 压缩包，但不是{XLSX}。")


def _check_members(path: Path, archive: zipfile.ZipFile) -> None:
    """Decompress every member once, bounded, so a lying directory or bad CRC is caught."""
    total = 0
    for member in archive.infolist():
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > MAX_UNCOMPRESSED_BYTES:
                    raise _fail(path, "解压后数据超过上限（可能是“压缩炸弹”）。", "请检查文件来源。")


def check_workbook_file(path: str | Path) -> Path:
    """Return ``path`` if it is a readable xlsx; raise :class:`WorkbookError` otherwise.

    Checks, in order: the file exists and is not empty; its signature (CSV/text, legacy
    ``.xls`` and password-encrypted workbooks are named as such); the zip directory (truncated
    files, too many members, more than :data:`MAX_UNCOMPRESSED_BYTES` uncompressed, a large
    member compressed more than :data:`MAX_RATIO` times, no ``xl/workbook.xml``); finally every
    member is decompressed once within the same limit, which also verifies the checksums.

    Examples
    --------
    >>> import os, tempfile
    >>> p = os.path.join(tempfile.mkdtemp(), "x.xlsx")
    >>> _ = open(p, "w").write("学校标识码,学校名称\\n")
    >>> check_workbook_file(p)
    Traceback (most recent call last):
    ...
    junheng.errors.WorkbookError: 无法读取“x.xlsx”：这是文本文件（如 CSV），不是电子表格（.xlsx）。请在电子表格软件中打开后“另存为”电子表格（.xlsx）再导入。
    """
    path = Path(path)
    if not path.is_file():
        raise WorkbookError(f"找不到文件“{path}”：请检查路径和文件名。")
    _check_signature(path)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_directory(path, archive)
            _check_members(path, archive)
    except WorkbookError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError, zlib.error, struct.error, lzma.LZMAError) as exc:
        raise _fail(path, "文件已损坏或不完整，可能下载或复制没有完成。",
                    "请重新复制或导出原文件。") from exc
    return path
