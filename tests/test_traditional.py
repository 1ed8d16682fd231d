"""Layer 3: the Traditional site a reader in Taiwan or Hong Kong can trust.

Checked on the built HTML: trap phrases from the report come out in their
right Traditional form, no Simplified is left behind (converting the pages
again changes nothing), the quotation marks are 「」『』, the site's own
interface words are Taiwan's (the report's words keep the report's
vocabulary), the home page says the text is converted, the About page's
examples are what OpenCC really writes, and s2hk works through the same stage.
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import YEAR
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
    ("多措并举", "多措並舉"), ("并网发电", "併網發電"), ("休戚与共", "休戚與共"), ("乌兰五台", "烏蘭五台"),
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
    # 编制 is drawing up a plan (編製) at every occurrence; 账 is 帳 in Taiwan (s2tw only).
    ("抓紧编制", "抓緊編製"), ("编制本旗", "編製本旗"), ("编制落实", "編製落實"), ("台账", "臺帳"),
    ("交账", "交帳"), ("到账", "到帳"),
]
# What OpenCC alone would have written in some of them: never on the site.
WRONG = ["萬只", "頭只", "髮放", "快乾", "辦復", "網籤", "併為", "休慼", "五臺", "腦幹", "綠巖",
         "公佈", "宣佈", "佈局", "分佈", "編制", "賬"]


class VisibleText(HTMLParser):
    """The text a reader sees or hears: content, titles, labels; not scripts, not zh-Hans spans,
    not <del> (the About page's examples of what OpenCC alone writes, struck through)."""

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
        elif tag in ("script", "style", "del") or "zh-Hans" in (a.get("lang"), a.get("hreflang")):
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
    """A Hong Kong build: another config and, if it chooses, other quotation marks; the same stage."""
    pipeline = Pipeline(ROOT)
    hk = replace(by_code("zh-Hant"), opencc_config="s2hk", quotes="curly")
    pages = {p.path: p.markdown for p in pipeline.site(hk).pages}
    text = "\n".join(v for k, v in pages.items() if k != "about.md")  # its table shows the site's s2tw forms
    assert "萬隻" in text and "資金發放" in text and "烏蘭五台" in text and "編製" in text  # entries for every config
    assert "宣佈" in text and "宣布" not in text  # the Taiwan-only 布 entries are not applied
    assert "臺帳" not in text and "台賬" in text  # nor the Taiwan-only 帳: Hong Kong keeps 賬
    assert "平台" in text and "平臺" not in text  # Hong Kong forms, not Taiwan's
    assert "这" not in text and "发电" not in text
    assert "“" in text and "「" not in pages["index.md"]  # the quotation style it declared


def test_quotation_marks_are_corner_brackets(texts, site):
    """Traditional pages quote with 「」 and nest with 『』, in every text and tooltip; the others keep theirs."""
    hant = texts["zh-Hant"]
    assert not re.search("[“”‘’]", hant), re.findall(".{8}[“”‘’].{8}", hant)[:5]
    assert hant.count("「") == hant.count("」") > 400
    en = "\n".join(site_text(site, by_code("en")).values())
    assert "“" in en and "「" not in en.replace("「」 and 『』", "")  # English pages: as written
    assert texts["zh"].count("“") > 400  # Simplified pages: as the source writes them


def test_quotation_marks_keep_attributes_and_apostrophes():
    from sitegen.convert import Converter

    cc = Converter("s2tw", quotes="「」『』")
    assert cc.text("他说“要‘快干’”") == "他說「要『快乾』」"
    assert cc.convert('<abbr title="“牧区”" tabindex="0">牧区</abbr> Xi’an [“链接”](a.md "t")') == \
        '<abbr title="「牧區」" tabindex="0">牧區</abbr> Xi’an [「鏈接」](a.md "t")'


def test_no_keep_mark_leaks(site):
    """The marks that keep interface words out of the conversion never reach a file."""
    for path in site.rglob("*"):
        if path.suffix in (".html", ".json", ".csv", ".xml", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "\ufdd0" not in text and "\ufdd1" not in text, path


def theme_strings(site, path: str) -> dict:
    html = (site / "zh-Hant" / path).read_text(encoding="utf-8")
    return json.loads(re.search(r'id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))["translations"]


def test_interface_words_are_taiwan_words(site):
    """Navigation, headings, labels, buttons, the search prompt and the theme's strings, from the table."""
    home = (site / "zh-Hant" / YEAR / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="indicators/"[^>]*>\s*全部數字\s*</a>', home)
    assert re.search(r'class="md-skip">\s*跳至主要內容\s*<', home)
    assert 'aria-label="導覽"' in home and 'aria-label="頁尾"' in home
    assert theme_strings(site, YEAR + "index.html")["search.result.placeholder"] == "輸入關鍵字以搜尋"
    section = (site / "zh-Hant" / YEAR / "review" / "economy" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h2[^>]*>數字</h2>", section) and re.search(r"<th[^>]*>年增率</th>", section)
    assert "每段都有固定連結" in visible_text(site / "zh-Hant" / YEAR / "full-text" / "index.html")


# Mainland words the site's own text used to have; the report's own words have some of them.
MAINLAND_INTERFACE = ["數據", "鏈接", "導航", "頁腳", "跳轉至", "鍵入", "檢索", "同比", "配置", "生成程序", "聯繫", "頁面地址"]


def mainland_words_out_of_place(page_text: str, report_text: str) -> list[str]:
    """Mainland words of `page_text` in a context the report never gives them: neither the character
    before nor the one after is one the report has beside the word (a label may stand before the
    report's own words, as 釋義： before a glossary entry's meaning)."""
    out = []
    for word in MAINLAND_INTERFACE:
        found = [m.group(1) for m in re.finditer(f"(?=(.{word}.))", report_text, re.S)]
        before, after = {c[:-1] for c in found}, {c[1:] for c in found}
        out += [m.group(1) for m in re.finditer(f"(?=(.{word}.))", page_text, re.S)
                if m.group(1)[:-1] not in before and m.group(1)[1:] not in after]
    return out


def test_mainland_words_on_traditional_pages_are_the_reports_own(texts, site):
    """Each mainland word left on a Traditional page stands where the report itself has it.

    The report's words keep its vocabulary (數據中心, 同比增長, 聯繫群眾); the site's
    own words never use it: not the labels, not the theme's strings.
    """
    from sitegen.convert import source_text
    from sitegen.load import load_report

    cc = Pipeline(ROOT).converter(by_code("zh-Hant"))
    report_text = cc.text(source_text(load_report(ROOT / "data" / "report.yaml")))
    assert mainland_words_out_of_place(texts["zh-Hant"], report_text) == []
    theme = "\n".join(theme_strings(site, "index.html").values())
    assert not [w for w in MAINLAND_INTERFACE if w in theme]
    # the check bites: an interface word in mainland vocabulary is out of place
    assert mainland_words_out_of_place("## 數據\n", report_text) == [" 數據\n"]


def test_interface_table_uses_no_mainland_words():
    from sitegen.labels import LABELS_FILE, read_labels

    table = read_labels(LABELS_FILE.read_bytes(), "labels.yaml")
    assert [(k, w) for k, v in table.items() for w in MAINLAND_INTERFACE if w in v["zh-Hant"]] == []


def test_home_page_says_the_text_is_converted(site):
    html = (site / "zh-Hant" / YEAR / "index.html").read_text(encoding="utf-8")
    notice = re.search(r'<p class="converted-notice">(.*?)</p>', html, re.S)
    assert notice and "自動轉換" in notice.group(1) and "大陸用語" in notice.group(1)
    assert re.search(r'<a href="about/">關於本站</a>', notice.group(1))
    # the link preview is the report's description, not the notice (Traditional review m9)
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    assert "自動轉換" not in description and description.startswith("西烏珠穆沁旗")
    for other in (site / YEAR / "index.html", site / "en" / YEAR / "index.html"):
        assert "converted-notice" not in other.read_text(encoding="utf-8")


def test_about_page_examples_are_what_opencc_really_writes(site):
    """Each row: the Simplified phrase, OpenCC's own output (struck through), the site's form."""
    import opencc

    html = (site / "zh-Hant" / YEAR / "about" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<td><span lang="zh-Hans">([^<]+)</span></td>\s*<td><del lang="zh-Hant">([^<]+)</del></td>\s*'
                      r'<td><span lang="zh-Hant">([^<]+)</span></td>', html)
    table = load_overrides(ROOT / OVERRIDES).overrides
    assert len(rows) == len([o for o in table if not o.configs or TRADITIONAL_CONFIG in o.configs])
    cc = opencc.OpenCC(TRADITIONAL_CONFIG)
    for simplified, alone, fixed in rows:
        assert cc.convert(simplified) == alone != fixed
        assert fixed in visible_text(site / "zh-Hant" / YEAR / "full-text" / "index.html") + visible_text(
            site / "zh-Hant" / YEAR / "glossary" / "index.html") or fixed.replace(" ", "") in "".join(
            visible_text(p) for p in (site / "zh-Hant").rglob("index.html")).replace(" ", "")
    shown = {alone for _, alone, _ in rows}
    assert {"131 萬頭只", "資金髮放"} <= shown and "萬隻羊" not in html


def test_theme_entries_name_material_strings():
    """Every theme.<key> of the labels table is a string Material has (a misspelt key would never show)."""
    import material

    from sitegen.labels import LABELS_FILE, THEME, read_labels

    known = set(re.findall(r'"([\w.]+)":', (Path(material.__file__).parent / "templates" / "partials" / "languages"
                                             / "en.html").read_text(encoding="utf-8")))
    keys = {k.removeprefix(THEME) for k in read_labels(LABELS_FILE.read_bytes(), "labels.yaml") if k.startswith(THEME)}
    assert len(keys) > 15 and keys <= known, keys - known


# --- the site's own voice (voice.py): Taiwan wording in the site's sentences, the report's words kept ---

def test_site_voice_phrases_keep_quotations_and_terms():
    from sitegen.voice import taiwan_text

    assert taiwan_text("通过网络直播销售商品，以数据中心等为代表") == "通过網路直播销售商品，以資料中心等为代表"
    # a quotation of the report, a book title and a glossary term keep the report's word
    assert taiwan_text("报告要求“打击电信网络诈骗”；《网络安全法》；网络强国", ["网络强国"]) == \
        "报告要求“打击电信网络诈骗”；《网络安全法》；网络强国"
    assert taiwan_text("工业产值（口径未说明）") == "工业产值（統計範圍未说明）"
    assert taiwan_text("地区生产总值增速") == "地区生产总值成長率"  # traditional-review m2
    assert taiwan_text("目标是“城乡居民收入增速高于经济增速”") == "目标是“城乡居民收入增速高于经济增速”"


def test_site_voice_is_taiwan_and_the_report_keeps_its_words(site, texts):
    """Glossary meanings, notes and figure labels say 網路, 資料中心, 行動端, 報導, 統計範圍; the report's own
    網絡 (電信網絡詐騙, p061) stays as the report writes it, on the same site."""
    glossary = visible_text(site / "zh-Hant" / YEAR / "glossary" / "index.html")
    for word in ("網路直播", "資料中心", "行動端", "報導"):
        assert word in glossary, word
    for word in ("網絡直播", "數據中心", "移動端", "報道"):
        assert word not in glossary, word
    assert "馳而不息糾治『四風』" in glossary and not re.search("「[^」]*'[^」]*」", glossary)  # M2
    assert "築牢我國北方" in glossary and "：「築牢我國北方" in glossary  # M3: 我國 only inside the quotation
    pages = site_text(site, by_code("zh-Hant"))  # About names 口徑 as the word it replaces
    assert not [p for p, text in pages.items() if "口徑" in text and p.parent.name != "about"]
    assert "統計範圍未說明" in texts["zh-Hant"]
    indicators = visible_text(site / "zh-Hant" / YEAR / "indicators" / "index.html")  # m2: one word for growth
    assert "地區生產總值成長率" in indicators and "地區生產總值增速" not in indicators
    assert "電信網絡詐騙" in visible_text(site / "zh-Hant" / YEAR / "full-text" / "index.html")
    assert "电信网络诈骗" in texts["zh"] and "网络直播" in texts["zh"]  # the Simplified edition: as written
    downloads = (site / "zh-Hant" / YEAR / "downloads" / "figures.zh-Hant.csv").read_text(encoding="utf-8-sig")
    assert "統計範圍未說明" in downloads and "口徑" not in downloads


def test_site_voice_is_stated_on_the_about_page(site):
    about = visible_text(site / "zh-Hant" / YEAR / "about" / "index.html")
    assert "術語表的釋義" in about and "網路" in about


def test_the_feed_quotes_the_report_with_corner_brackets(site):
    """M1 of the Traditional review: the Traditional feed quotes its evidence with 「」 like the pages."""
    feed = (site / "zh-Hant" / "feed.xml").read_text(encoding="utf-8")
    assert "“" not in feed and "”" not in feed
    assert feed.count("：「") >= 14
    assert "“" in (site / "feed.xml").read_text(encoding="utf-8")  # Simplified: as the source writes


def test_the_logo_says_no_english_word(site):
    """Traditional review m7: the header logo's alt was the English "logo"; its link already names the site."""
    for prefix in ("", "zh-Hant/", "en/"):
        html = (site / prefix / "index.html").read_text(encoding="utf-8")
        assert 'alt="logo"' not in html
        assert re.search(r'<a href="[^"]*" title="[^"]+" class="md-header__button md-logo" aria-label="[^"]+"[^>]*>\s*<img src="[^"]+" alt="">', html)
