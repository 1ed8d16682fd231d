"""Layer 3: the Traditional site a reader in Taiwan or Hong Kong can trust.

Checked on the built HTML: trap phrases from the report come out in their
right Traditional form, no Simplified is left behind (converting the pages
again changes nothing), and s2hk works through the same stage.
"""
from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen.languages import LANGUAGES, TRADITIONAL_CONFIG, by_code
from sitegen.load import load_overrides
from sitegen.pipeline import OVERRIDES, Pipeline
from sitegen.schema import Override

ROOT = Path(__file__).resolve().parent.parent

# (Simplified as in the report, the Traditional a careful Taiwanese editor writes).
# One-to-many characters of OpenCC's table, in phrases taken from the report.
TRAPS = [
    ("万只", "萬隻"), ("万头只", "萬頭隻"), ("资金发放", "資金發放"), ("足额发放", "足額發放"),
    ("发电量", "發電量"), ("开发区", "開發區"), ("抓快干", "抓快幹"), ("党员干部", "黨員幹部"),
    ("苦干实干", "苦幹實幹"), ("若干举措", "若干舉措"), ("办复", "辦覆"), ("网签备案", "網簽備案"),
    ("并网发电", "併網發電"), ("休戚与共", "休戚與共"), ("乌兰五台", "烏蘭五台"),
    ("脑干哈达", "腦干哈達"), ("华创绿岩", "華創綠岩"), ("公里", "公里"), ("公路里程", "公路里程"),
    ("预制菜", "預製菜"), ("乳制品", "乳製品"), ("合金制造", "合金製造"), ("链长制", "鏈長制"),
    ("千余户", "千餘戶"), ("贷款余额", "貸款餘額"), ("剩余整改", "剩餘整改"), ("联系群众", "聯繫群眾"),
    ("产业体系", "產業體系"), ("马拉松", "馬拉松"), ("不放松", "不放鬆"), ("精准", "精準"),
    ("批准", "批准"), ("康复", "康復"), ("生态修复", "生態修復"), ("复审", "複審"),
    ("重复信访", "重複信訪"), ("征拆", "徵拆"), ("象征", "象徵"), ("尽责", "盡責"),
    ("尽快", "儘快"), ("历史", "歷史"), ("历年", "歷年"), ("下游", "下游"), ("旅游", "旅遊"),
    ("游牧", "游牧"), ("注销", "註銷"), ("沉淀资金", "沉澱資金"), ("纾困", "紓困"), ("扎实", "紮實"),
    ("标志性", "標誌性"), ("周边", "周邊"), ("闲置土地", "閒置土地"), ("双回路", "雙迴路"),
    ("沈阳", "瀋陽"), ("公布", "公布"), ("宣布", "宣布"), ("布局", "布局"), ("分布式", "分布式"),
    ("平台", "平臺"), ("细致", "細緻"), ("艰巨", "艱鉅"), ("冶炼", "冶煉"), ("依托", "依託"),
    ("托养", "托養"), ("面积", "面積"),
]
# What OpenCC alone would have written in some of them: never on the site.
WRONG = ["萬只", "頭只", "髮放", "快乾", "辦復", "網籤", "併為", "休慼", "五臺", "腦幹", "綠巖",
         "公佈", "宣佈", "佈局", "分佈"]


class VisibleText(HTMLParser):
    """The text a reader sees or hears: content, titles, labels; not scripts, not zh-Hans spans."""

    ATTRS = ("title", "aria-label", "alt", "placeholder")
    VOID = {"link", "meta", "img", "br", "hr", "input", "source", "area", "base", "col", "embed", "wbr"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skip: list[str] = []  # tags we are inside of whose text is excluded

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.VOID:
            pass
        elif tag in ("script", "style") or "zh-Hans" in (a.get("lang"), a.get("hreflang")):
            self.skip.append(tag)
        elif self.skip and tag == self.skip[-1]:
            self.skip.append(tag)
        if not self.skip:
            self.parts += [a[k] for k in self.ATTRS if a.get(k)]
            if tag == "meta" and a.get("content") and a.get("name") in ("description", "twitter:title",
                                                                       "twitter:description"):
                self.parts.append(a["content"])

    def handle_endtag(self, tag):
        if self.skip and tag == self.skip[-1]:
            self.skip.pop()

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(path: Path) -> str:
    parser = VisibleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return "\n".join(parser.parts)


def site_text(site: Path, lang) -> dict[Path, str]:
    root = site / lang.prefix if lang.prefix else site
    others = [site / l.prefix for l in LANGUAGES if l.prefix and l.prefix != lang.prefix]
    return {p: visible_text(p) for p in sorted(root.rglob("*.html")) if not any(o in p.parents for o in others)}


@pytest.fixture(scope="module")
def texts(site):
    return {lang.code: "\n".join(site_text(site, lang).values()) for lang in LANGUAGES if lang.is_chinese}


def test_at_least_forty_traps_from_the_report():
    assert len(TRAPS) >= 40
    assert len({zh for zh, _ in TRAPS}) == len(TRAPS)


@pytest.mark.parametrize("zh,hant", TRAPS, ids=[zh for zh, _ in TRAPS])
def test_trap_phrase_has_its_traditional_form(texts, zh, hant):
    simplified, traditional = texts["zh"], texts["zh-Hant"]
    assert zh in simplified, f"{zh} is no longer in the report: replace this trap"
    assert traditional.count(hant) >= simplified.count(zh), (zh, hant)


@pytest.mark.parametrize("wrong", WRONG)
def test_wrong_conversion_is_nowhere(texts, wrong):
    assert wrong not in texts["zh-Hant"]


def deliberate_forms_converter(config: str):
    """Converter for a second pass: the table's Traditional forms are deliberate and stay."""
    from sitegen.convert import Converter

    table = load_overrides(ROOT / OVERRIDES).overrides
    return Converter(config, [Override(zh=o.hant, hant=o.hant, note="", configs=o.configs, pos=o.pos)
                              for o in table])


def test_no_simplified_left_behind(site):
    """Every Traditional page's visible text (templates, labels, theme) converts to itself."""
    cc = deliberate_forms_converter(TRADITIONAL_CONFIG)
    changed = []
    for path, text in site_text(site, by_code("zh-Hant")).items():
        again = cc.text(text)
        if again != text:
            diffs = [(text[max(0, i - 6):i + 2], b) for i, (a, b) in enumerate(zip(text, again)) if a != b]
            changed.append((path.relative_to(site).as_posix(), diffs[:5]))
    assert changed == []


def test_the_check_would_catch_simplified(site):
    cc = deliberate_forms_converter(TRADITIONAL_CONFIG)
    assert cc.text("烏珠穆沁 发电量") != "烏珠穆沁 发电量"


def test_s2hk_works_through_the_same_stage():
    pipeline = Pipeline(ROOT)
    hk = replace(by_code("zh-Hant"), code="zh-HK", opencc_config="s2hk")
    pages = {p.path: p.markdown for p in pipeline.site(hk).pages}
    text = "\n".join(pages.values())
    assert "萬隻" in text and "資金發放" in text and "烏蘭五台" in text  # table entries for every config
    assert "宣佈" in text and "宣布" not in text  # the Taiwan-only 布 entries are not applied
    assert "平台" in text and "平臺" not in text  # Hong Kong forms, not Taiwan's
    assert "这" not in text and "发电" not in text
