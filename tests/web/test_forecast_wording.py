"""Review rvweb 12 on /forecast: 「逐级推移0.7%」 lacked a space, and an error under 0.05% read
「0.0%」 as if there were none (高中: 5 of 5 intervals hit)."""

from __future__ import annotations

import re

from junheng.web import forecast_view


def test_the_choice_sentence_has_a_space_between_the_method_and_its_error(as_user):
    # the example county's one backtest origin (2024): 小学 0.1% against “保持上年” 3.7%
    page = as_user("admin").get("/forecast").text
    assert ("<li>小学：回测起点只有 1 个（少于 3 个），只比较最简单的方法；1 个回测起点的平均绝对百分比误差："
            "逐级推移 0.1%，低于“保持上年”3.7%，选用逐级推移。</li>") in page
    assert "逐级推移0." not in page


def test_an_error_under_a_twentieth_of_a_percent_reads_under_0_1(as_user, monkeypatch):
    # the 小学 1-year error set to 0.04% (one place would print 0.0%), the 初中 one to none at all
    real = forecast_view.outlook_of

    def tiny(forecast):
        outlook = real(forecast)
        for row in outlook["accuracy"]:
            row["mape"] = {"primary": 0.04, "junior": 0.0}.get(row["stage"], row["mape"])
        return outlook

    monkeypatch.setattr(forecast_view, "outlook_of", tiny)
    page = as_user("admin").get("/forecast").text
    section = re.search(r"<h2>预测精度.*?</section>", page, re.S).group(0)
    assert '<tr><td>小学</td><td class="n">1</td><td class="n">不到 0.1%</td><td class="n">1</td></tr>' in section
    assert '<tr><td>初中</td><td class="n">1</td><td class="n">0%</td><td class="n">1</td></tr>' in section
    assert ">0.0%<" not in section
