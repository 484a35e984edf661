"""Files that are not a readable xlsx get a clear Chinese WorkbookError, never a traceback.

Every bad file is built here: CSV text, OLE compound files (a legacy .xls and a
password-encrypted workbook, which Excel stores as an OLE file with an EncryptionInfo stream),
truncated and corrupted archives, zip bombs, zips that are not workbooks.
"""

import struct
import zipfile

import pytest

from junheng.errors import WorkbookError
from junheng.io import check_workbook_file, inspect_workbook, read_workbook
from junheng.io.safety import LARGE_MEMBER_BYTES, MAX_UNCOMPRESSED_BYTES

#: what every “not a workbook” message ends with
SAVE_AS = "请在电子表格软件中打开后“另存为”电子表格（.xlsx）再导入。"


def _refused(path) -> str:
    """The message :func:`inspect_workbook` refuses ``path`` with."""
    with pytest.raises(WorkbookError) as error:
        inspect_workbook(path)
    return str(error.value)


_FREE, _END, _FAT, _NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _directory_entry(name: str, kind: int, *, child=_NOSTREAM, right=_NOSTREAM) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le") if name else b""
    return (encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", _NOSTREAM, right, child) + bytes(16 + 4 + 8 + 8)
            + struct.pack("<IQ", _END, 0))


def ole_file(*streams: str) -> bytes:
    """A minimal valid compound file (MS-CFB v3): header, one FAT sector, one directory sector,
    with empty streams of the given names chained as right siblings under the root."""
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + bytes(6)
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 0x1000, _END, 0, _END, 0)
              + struct.pack("<I", 0) + struct.pack("<I", _FREE) * 108)
    fat = struct.pack("<II", _FAT, _END) + struct.pack("<I", _FREE) * 126
    entries = [_directory_entry("Root Entry", 5, child=1 if streams else _NOSTREAM)]
    for i, name in enumerate(streams, start=1):
        entries.append(_directory_entry(name, 2, right=i + 1 if i < len(streams) else _NOSTREAM))
    directory = b"".join(entries).ljust(512, b"\x00")
    assert len(header) == 512 and len(fat) == 512 and len(directory) == 512
    return header + fat + directory


@pytest.fixture
def good_xlsx(county, xlsx_of):
    return xlsx_of(county)


def test_csv_renamed_to_xlsx(tmp_path):
    path = tmp_path / "学校.xlsx"
    path.write_text("学校标识码,学校名称\n4103060001,第一小学\n", encoding="gbk")
    with pytest.raises(WorkbookError) as error:
        read_workbook(path)
    assert (
        str(error.value)
        == "无法读取“学校.xlsx”：这是文本文件（如 CSV），不是电子表格（.xlsx）。" + SAVE_AS
    )


def test_legacy_xls_renamed_to_xlsx(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(ole_file("Workbook", "\x05SummaryInformation"))
    assert _refused(path) == "无法读取“old.xlsx”：这是旧版电子表格（.xls，97-2003 格式），不是 .xlsx。" + SAVE_AS


def test_password_protected_workbook(tmp_path):
    path = tmp_path / "locked.xlsx"
    path.write_bytes(ole_file("EncryptionInfo", "EncryptedPackage", "\x06DataSpaces"))
    with pytest.raises(WorkbookError, match="设置了打开密码（已加密）.*取消“用密码加密”"):
        inspect_workbook(path)


def test_truncated_workbook(good_xlsx, tmp_path):
    data = good_xlsx.read_bytes()
    path = tmp_path / "half.xlsx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(WorkbookError, match="文件已损坏或不完整.*请重新复制或导出原文件"):
        inspect_workbook(path)


def test_corrupted_member_is_caught_by_its_checksum(good_xlsx, tmp_path):
    with zipfile.ZipFile(good_xlsx) as archive:
        info = archive.getinfo("xl/worksheets/sheet3.xml")
    data = bytearray(good_xlsx.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for k in range(start + 20, start + 60):
        data[k] ^= 0x5A
    path = tmp_path / "flipped.xlsx"
    path.write_bytes(bytes(data))
    with pytest.raises(WorkbookError, match="文件已损坏或不完整"):
        inspect_workbook(path)


def test_zip_bomb_by_compression_ratio(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", bytes(LARGE_MEMBER_BYTES + 1))
    with pytest.raises(WorkbookError, match=r"sheet1\.xml 的压缩比 .* 异常.*压缩炸弹"):
        inspect_workbook(path)


def _declare_size(path, member: str, size: int) -> None:
    """Rewrite the central directory so ``member`` claims ``size`` uncompressed bytes."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        names = [i.filename for i in archive.infolist()]
    offset = data.rfind(b"PK\x05\x06")
    directory_start = struct.unpack_from("<I", data, offset + 16)[0]
    pos = directory_start
    for name in names:
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        if name == member:
            struct.pack_into("<I", data, pos + 24, size)
        pos += 46 + name_len + extra_len + comment_len
    path.write_bytes(bytes(data))


def test_zip_bomb_by_declared_total_size(tmp_path):
    path = tmp_path / "huge.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    _declare_size(path, "xl/worksheets/sheet1.xml", MAX_UNCOMPRESSED_BYTES + 1)
    with pytest.raises(WorkbookError, match="解压后大小 200 MB 超过上限 200 MB"):
        inspect_workbook(path)


def test_directory_that_understates_a_member_is_caught(tmp_path):
    path = tmp_path / "liar.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", bytes(4096))
    _declare_size(path, "xl/worksheets/sheet1.xml", 100)
    with pytest.raises(WorkbookError, match="文件已损坏或不完整"):
        inspect_workbook(path)


def test_zip_with_password_on_its_members(tmp_path):
    path = tmp_path / "zipcrypto.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1  # general-purpose flag: encrypted
    path.write_bytes(bytes(data))
    with pytest.raises(WorkbookError, match="压缩包设置了密码"):
        inspect_workbook(path)


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    assert _refused(path) == "无法读取“report.xlsx”：这是 zip 压缩包，但不是电子表格（.xlsx）。" + SAVE_AS


def test_xlsb_and_empty_zip_are_named_in_the_same_term(tmp_path):
    """The web and CLI call the format 电子表格; so does every message here (no “Excel 工作簿”)."""
    path = tmp_path / "binary.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.bin", b"\x00")
    assert _refused(path) == "无法读取“binary.xlsx”：这是二进制格式（.xlsb）的电子表格，不是 .xlsx。" + SAVE_AS
    empty = tmp_path / "empty-zip.xlsx"
    zipfile.ZipFile(empty, "w").close()
    assert _refused(empty) == "无法读取“empty-zip.xlsx”：这是一个空的 zip 压缩包，不是电子表格（.xlsx）。" + SAVE_AS


def test_workbook_with_unparseable_content(tmp_path):
    path = tmp_path / "garbled.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("xl/workbook.xml", "<<<not xml")
    with pytest.raises(WorkbookError, match="工作簿内容已损坏.*重新保存为 .xlsx"):
        inspect_workbook(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    with pytest.raises(WorkbookError, match=r"文件是空的（0 字节）"):
        inspect_workbook(path)


def test_binary_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert _refused(path) == "无法读取“photo.xlsx”：这不是电子表格（.xlsx）文件。" + SAVE_AS


def test_missing_file(tmp_path):
    with pytest.raises(WorkbookError, match="找不到文件.*请检查路径"):
        read_workbook(tmp_path / "nope.xlsx")


def test_good_workbook_passes_the_file_checks(good_xlsx):
    assert check_workbook_file(good_xlsx) == good_xlsx



def test_xlsx_workbook_saved_under_an_xls_name_is_read_by_its_content(xlsx_of, county):
    """A user renamed 410331_2025.xlsx to .xls: the content is an xlsx workbook, so it is read
    (rw review: it was called 工作簿内容已损坏（CalamineError））."""
    renamed = xlsx_of(county).rename(xlsx_of(county).with_name("410331_2025.xls"))
    read = read_workbook(renamed)
    same = read_workbook(xlsx_of(county, "same.xlsx"))
    assert read.info == same.info and read.tables.keys() == same.tables.keys()
    assert all(read.tables[k].equals(same.tables[k]) for k in same.tables)
