"""地市排名 on the web: the counties a user may see, ranked per school year."""

from __future__ import annotations


def test_the_city_admin_sees_the_ranking_of_the_city(shared_user):
    page = shared_user("city_admin").get("/ledger/city").text
    assert "地市各县区排名" in page and "2025 学年" in page
    # One county in the city: no rank (rv22 finding 9: 「名次 1」 of one), and the bottom-two
    # rule needs more counties (tests/web/test_first_sight.py pins the notice)
    assert '<tr><td>示例县</td>' in page and '<th class="n">名次</th>' not in page
    assert "没有连续两年排在后两名的县区。" in page
    assert "<th class=\"n\">优质均衡小学综合差异系数</th><th class=\"n\">优质均衡初中综合差异系数</th>" in page


def test_the_ledger_page_links_to_the_ranking(shared_user):
    assert 'href="/ledger/city"' in shared_user("admin").get("/ledger").text
