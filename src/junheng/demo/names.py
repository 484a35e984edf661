"""Chinese names that look real: cities, fictional counties, towns, villages, communities, schools.

County names are invented (two characters plus 县) and county codes use suffixes that no real
Henan county has (31 and up under a real city prefix), so demo data can never be mistaken for a
real county's statistics. Town, village and school names follow the patterns Henan counties use
(白河镇, 张庄村, 城关街道, 白河镇中心小学, 某某村教学点, 实验中学).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class City:
    """A prefecture-level city of Henan: 4-digit code prefix, name and centre (WGS84)."""

    code: str
    name: str
    lon: float
    lat: float


# The default demo county sits under 洛阳市, like the seeds' Mengjin and Chanhe districts.
HENAN_CITIES: tuple[City, ...] = (
    City("4103", "洛阳市", 112.454, 34.620),
    City("4101", "郑州市", 113.625, 34.747),
    City("4107", "新乡市", 113.927, 35.303),
    City("4113", "南阳市", 112.528, 32.991),
    City("4117", "驻马店市", 114.022, 32.980),
    City("4116", "周口市", 114.697, 33.626),
    City("4114", "商丘市", 115.656, 34.414),
    City("4115", "信阳市", 114.091, 32.148),
    City("4102", "开封市", 114.308, 34.797),
    City("4104", "平顶山市", 113.193, 33.766),
    City("4105", "安阳市", 114.393, 36.098),
    City("4108", "焦作市", 113.242, 35.216),
    City("4109", "濮阳市", 115.029, 35.762),
    City("4110", "许昌市", 113.852, 34.036),
    City("4111", "漯河市", 114.017, 33.582),
    City("4112", "三门峡市", 111.200, 34.773),
    City("4106", "鹤壁市", 114.297, 35.748),
)

DEFAULT_COUNTY_NAME = "洛北县"

_COUNTY_FIRST = "洛伊涧瀍汝颍淇沁丹湍澧溱洧嵩邙熊崤桐荆箕首伏泌唐白青清丰宁安永长广乐兴"
_COUNTY_SECOND = "北南东西川原源水山平丰宁安泉台城陵谷峰河桥坪塘岭冈"
# Real Henan county-level names the pools above could produce; skipped so no demo county
# carries a real name.
_REAL_COUNTY_NAMES = frozenset({
    "洛宁", "伊川", "汝阳", "汝南", "汝州", "洛阳", "淇县", "沁阳", "桐柏", "唐河", "泌阳",
    "西平", "西华", "长葛", "永城", "宁陵", "安阳", "清丰", "南乐", "伊阳", "宁安", "长垣",
    "白水", "丰宁", "兴宁", "永安", "安平", "永平", "广平", "乐平", "长宁", "兴平", "丹江",
    "嵩山", "清水", "安原", "长安", "安宁", "白河", "青川", "永宁", "广宁", "泌水", "乐陵",
    "唐山", "兴安", "丰城", "平原", "宁津", "乐安", "长清", "丰台",
})

_TOWN_FIRST = "白石马柏古龙青双柳桃杨高南北东西大新黄红金凤鹤槐枣梨杏松竹三五七王李张刘陈赵孙周吴郑韩冯朱曹"
_TOWN_SECOND = "河沟庄集店寨营屯坡岭桥湾泉城关口寺堡台楼园林山峪滩坪岗洼"

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
_VILLAGE_MIDDLE = ("", "", "", "家", "", "", "东", "西", "南", "北", "前", "后", "上", "下", "大", "小")
_VILLAGE_NATURE = "石柏槐柳桃杏枣梨松竹龙凤马牛羊鹿鸡黄红青白金银沙泉"
_VILLAGE_SUFFIX = "庄沟洼岭寨营屯坡湾河店岗堡头凹窑峪坪园楼桥寺"

_COMMUNITIES = (
    "东关", "西关", "南关", "北关", "府前", "新华", "人民路", "滨河", "文化路", "建设路", "解放路",
    "中州", "花园", "锦绣", "和平", "朝阳", "光明", "迎宾路", "育才", "学府", "商贸", "紫荆", "金水",
    "凤凰", "振兴", "行政路", "体育路", "车站", "东城", "西城", "南苑", "北苑", "丰收路", "兴华",
    "同心", "长青", "翠园", "春晖",
)

_KINDERGARTEN_BRANDS = (
    "阳光", "小天使", "育英", "金太阳", "蓝天", "爱弥儿", "童之梦", "启明星", "贝贝佳", "小精灵",
    "七彩虹", "快乐宝贝", "新苗", "智慧树", "春蕾", "金色童年", "博雅", "红黄蓝", "小博士", "星光",
    "蒙特梭利", "童心", "雏鹰", "小太阳", "乐乐", "佳佳", "明珠", "未来星", "彩虹桥", "花蕾",
)


def county_names(count: int, rng: np.random.Generator) -> list[str]:
    """``count`` distinct invented county names, the first always the default demo county."""
    names = [DEFAULT_COUNTY_NAME]
    seen = {DEFAULT_COUNTY_NAME[:2]} | _REAL_COUNTY_NAMES
    while len(names) < count:
        stem = _COUNTY_FIRST[rng.integers(len(_COUNTY_FIRST))] + \
            _COUNTY_SECOND[rng.integers(len(_COUNTY_SECOND))]
        if stem[0] == stem[1] or stem in seen:
            continue
        seen.add(stem)
        names.append(stem + "县")
    return names


def town_stems(count: int, rng: np.random.Generator) -> list[str]:
    """``count`` distinct two-character town stems (白河, 柳沟, ...)."""
    stems: list[str] = []
    seen: set[str] = set()
    while len(stems) < count:
        stem = _TOWN_FIRST[rng.integers(len(_TOWN_FIRST))] + \
            _TOWN_SECOND[rng.integers(len(_TOWN_SECOND))]
        if stem[0] != stem[1] and stem not in seen:
            seen.add(stem)
            stems.append(stem)
    return stems


def village_names(count: int, rng: np.random.Generator, taken: set[str]) -> list[str]:
    """``count`` village names (张庄村, 后石沟村, 李家洼村) not in ``taken``; adds them to it."""
    names: list[str] = []
    while len(names) < count:
        if rng.random() < 0.7:
            stem = _SURNAMES[rng.integers(len(_SURNAMES))] + \
                _VILLAGE_MIDDLE[rng.integers(len(_VILLAGE_MIDDLE))]
        else:
            stem = _VILLAGE_MIDDLE[6 + rng.integers(10)] + \
                _VILLAGE_NATURE[rng.integers(len(_VILLAGE_NATURE))]
        name = stem + _VILLAGE_SUFFIX[rng.integers(len(_VILLAGE_SUFFIX))] + "村"
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


def community_names(count: int, rng: np.random.Generator) -> list[str]:
    """``count`` distinct urban community names (东关社区, 滨河社区, ...)."""
    order = rng.permutation(len(_COMMUNITIES))
    names = [_COMMUNITIES[i] + "社区" for i in order[: min(count, len(order))]]
    for extra in range(len(names), count):
        names.append(f"{_COMMUNITIES[order[extra % len(order)]]}第{extra // len(order) + 1}社区")
    return names


def kindergarten_brands(count: int, rng: np.random.Generator) -> list[str]:
    """``count`` private kindergarten brand names (阳光, 小天使, ...), distinct where possible."""
    order = rng.permutation(len(_KINDERGARTEN_BRANDS))
    return [_KINDERGARTEN_BRANDS[order[i % len(order)]] + ("" if i < len(order) else str(i))
            for i in range(count)]


def county_short(county_name: str) -> str:
    """The county name without 县 for school names (洛北县 -> 洛北)."""
    return county_name[:-1] if county_name.endswith("县") else county_name


def town_short(town_name: str) -> str:
    """A town name without its 镇/乡/街道 suffix (白河镇 -> 白河)."""
    for suffix in ("街道", "镇", "乡"):
        if town_name.endswith(suffix):
            return town_name[: -len(suffix)]
    return town_name


def village_short(village_name: str) -> str:
    """A village name without its 村 suffix, as schools use it (张庄村 -> 张庄)."""
    return village_name[:-1] if village_name.endswith("村") else village_name
