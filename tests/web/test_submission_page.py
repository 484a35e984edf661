"""The 填报审核 page shows values in their units as the school page does, and an approved
record keeps the values it replaced (review rvweb 6).

The example county's 城关第一小学 (4103060001): 体育运动场馆面积 4,300 m², 教学仪器设备值
1,250,000 元 (125.00 万元: 1,250,000 / 10,000, money to two places), 计算机 80 台.
"""

from __future__ import annotations

from .test_submissions import _submit


def _row(header: str, before: str, after: str) -> str:
    return f'<td>{header}</td><td class="n">{before}</td><td class="n">{after}</td>'


def test_values_are_shown_in_their_units_and_the_replaced_values_stay_after_approval(as_user):
    number = _submit(as_user("school_a"), sports_area=20000)
    admin = as_user("admin")
    page = admin.get(f"/submissions/{number}").text
    assert "校舍设施（正式数据 → 填报数据）" in page
    assert _row("计算机台数", "80 台", "80 台") in page  # not 「80.0」
    assert _row("教学仪器设备值", "125.00 万元", "125.00 万元") in page  # not 「1,250,000.0」
    assert _row("音乐专用教室面积", "96 平方米", "96 平方米") in page
    assert _row("体育运动场馆面积", "4,300 平方米", "20,000 平方米") in page
    assert ".0<" not in page
    assert admin.post(f"/submissions/{number}/approve", data={
        "version": "1", "note": "", "csrf_token": _csrf(admin, number)},
        follow_redirects=False).status_code == 303
    approved = admin.get(f"/submissions/{number}").text
    # 正式数据 is now 20,000: the record compares with what it replaced, 4,300
    assert "校舍设施（批准前数据 → 批准数据）" in approved
    assert _row("体育运动场馆面积", "4,300 平方米", "20,000 平方米") in approved
    assert "批准前班级（12 个）" in approved and "批准班级（12 个）" in approved
    school_view = as_user("school_a").get(f"/submissions/{number}").text
    assert _row("体育运动场馆面积", "4,300 平方米", "20,000 平方米") in school_view


def _csrf(client, number: int) -> str:
    from .conftest import csrf_of

    return csrf_of(client, f"/submissions/{number}")
