"""`make import`: a report's text -> a draft report; measured on this report, and refusing bad input.

The measurement (scripts/measuring/importmeasure.py) imports data/source.txt
and compares with the curated data/report.yaml: the paragraphs exactly, the
numbered parts and sections, figure recall at least 97 % and no wrong scale.
The importer's rules were written while reading this report: these numbers
are measured on the text they were tuned on.
"""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import is_redirect
from importmeasure import measured, wrong_scales
from sitegen import schema
from sitegen.errors import DataError
from sitegen.importer import draft, figures, terms, text
from sitegen.load import parse_report

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "source.txt"
IMPORT = [sys.executable, str(ROOT / "scripts" / "import.py")]
RECALL_FLOOR = 0.97


@pytest.fixture(scope="module")
def measurement():
    return measured()


@pytest.fixture(scope="module")
def drafted(report):
    d = draft.draft(SOURCE.read_text(encoding="utf-8"), "data/source.txt", report.meta.year_planned + 1, report)
    return d, draft.to_yaml(d, "data/source.txt")


# --- measured on this report -----------------------------------------------------------------------

def test_paragraphs_are_the_curated_ones_exactly(measurement):
    assert (measurement.paragraphs, measurement.paragraphs_equal) == (77, 77)


def test_parts_and_sections_are_the_curated_ones(measurement):
    assert measurement.numbered_equal and measurement.groups_equal


def test_figures_cover_the_curated_ones_without_a_wrong_scale(measurement):
    assert measurement.recall >= RECALL_FLOOR, measurement.missing
    assert measurement.wrong_scales == []


def test_a_wrong_scale_would_be_counted(report):
    gdp = next(f for f in report.figures if f.id == "gdp")  # 217 亿元
    record = {"id": "x", "paragraph": gdp.paragraph, "value": 217, "unit": "万元"}
    assert wrong_scales([gdp], [record]) == [("x", 217, "万元", "gdp", "亿元")]


# --- the draft ---------------------------------------------------------------------------------------

def test_the_draft_validates_with_english_pending(drafted):
    d, written = drafted
    r = parse_report(written.encode("utf-8"), "draft.yaml")
    assert r.meta.english_pending and r.meta.year_planned == 2025
    assert all(p.en == "" for p in r.paragraphs) and len(r.figures) == len(d.data["figures"])


def test_the_draft_with_english_not_pending_is_refused(drafted):
    written = drafted[1].replace("\n  english_pending: true\n", "\n  english_pending: false\n", 1)
    with pytest.raises(DataError) as e:
        parse_report(written.encode("utf-8"), "draft.yaml")
    assert "expected English, got an empty text" in str(e.value)


def test_fidelity_proof_holds_and_catches_a_changed_line():
    lines = text.lines_of(SOURCE.read_text(encoding="utf-8"), "s")
    body, removed = text.furniture(lines)
    paras = text.paragraphs(body)
    assert text.proof(lines, removed, paras) == [] and [l.text for l in removed] == ["-1-", "-12-"]
    changed = [text.Paragraph(p.id, p.text.replace("217", "271"), p.lines) for p in paras]
    assert text.proof(lines, removed, changed) == [paras[8].lines[0]]
    assert text.proof(lines, removed, paras[:-1]) == list(paras[-1].lines)


def test_running_lines_and_page_numbers_are_furniture():
    page = "西乌旗政府工作报告\n一、回顾\n第 3 页\n工作很好。\n西乌旗政府工作报告\n- 4 -\n西乌旗政府工作报告\n"
    body, removed = text.furniture(text.lines_of(page, "s"))
    assert [l.text for l in body] == ["一、回顾", "工作很好。"]
    assert len(removed) == 5


def test_kinds_say_what_they_looked_at(drafted):
    d, written = drafted
    kinds = {r["quote"]: d.kinds[r["id"]] for r in d.data["figures"]}
    assert kinds["地区生产总值增长6%左右"].kind == "target" and "预期目标" in kinds["地区生产总值增长6%左右"].reason
    assert kinds["力争全年煤炭产量达到 6420 万吨左右"].kind == "target"
    assert "力争" in kinds["力争全年煤炭产量达到 6420 万吨左右"].reason
    assert kinds["同比增长 6.2%"].kind == "growth" and "review" in kinds["同比增长 6.2%"].reason
    assert "# import: kind target: in part 二 (2024 年重点工作安排), the 2025 plan: its paragraph states the 预期目标" \
        in written


def test_known_terms_linked_and_candidates_listed(drafted, report):
    d, written = drafted
    linked = {t["term"]: t["paragraphs"] for t in d.data["glossary"]}
    assert linked["两个确立"] == ["p024", "p073"] and len(linked) == len(report.glossary)
    paras = [text.Paragraph("p001", "落实“四个一批”和“放管服”改革，推进“三个转变”，建设额吉淖尔镇。", (1,))]
    names = [schema.Name(id="x", zh="额尔敦", en="Erdun"), schema.Name(id="y", zh="吉淖", en="Jinao")]
    found = [c.text for c in terms.candidate_terms(paras, [], names)]
    assert {"四个一批", "放管服", "三个转变"} <= set(found)
    assert [c.text for c in terms.candidate_names(paras, names)] == ["额吉淖尔镇"]


def test_checklist_counts(drafted):
    d, _ = drafted
    lines = draft.checklist(d, "data/2025/report.yaml")
    assert lines[0].startswith("Draft written to data/2025/report.yaml: 77 paragraphs, 5 parts, 32 sections")
    confirm = sum(k.confirm for k in d.kinds.values())
    assert f"figures whose kind to confirm: {confirm} of {len(d.kinds)}" in lines[1] and confirm > 0
    assert any(f"candidate terms: {len(d.candidate_terms)}" in line for line in lines)
    assert any("sections without English: 66 titles and 77 paragraphs" in line for line in lines)


# --- figures: numbers as printed -----------------------------------------------------------------------

@pytest.mark.parametrize("words, expected", [
    ("推进白音华四号矿周边百万千瓦风电项目", (Decimal(100), "万千瓦", None)),
    ("续建万头肉牛规模化养殖育肥基地", (Decimal(10000), "头", None)),
    ("高考本科上线率提高 4.8 个百分点", (Decimal("4.8"), "个百分点", None)),
    ("投入 4 亿多元实施重点建设项目", (Decimal(4), "亿元", "over")),
    ("落实 1 千余户风光互补供电设备安装", (Decimal(1000), "户", "over")),
    ("吸引接待国内外游客 130 余万人次", (Decimal(130), "万人次", "over")),
    ("实现旅游收入约 7.8 亿元", (Decimal("7.8"), "亿元", "about")),
    ("地区生产总值增长6%左右", (Decimal(6), "%", "about")),
    ("电商销售额突破 8000 万元", (Decimal(8000), "万元", "over")),
    ("城镇登记失业率控制在 5%以内", (Decimal(5), "%", "at_most")),
    ("草畜平衡指数降到10%以下", (Decimal(10), "%", "at_most")),
    ("科技型中小企业 10 家以上", (Decimal(10), "家", "at_least")),
    ("开复工率全盟第一", (Decimal(1), "位", None)),
    ("总量居全盟前三位", (Decimal(3), "位", "at_most")),
    ("全年生产原煤 6153 万吨", (Decimal(6153), "万吨", None)),
    ("65 蒸吨以上燃煤锅炉", (Decimal(65), "蒸吨", "at_least")),
])
def test_a_quantity_is_read_as_printed(words, expected):
    found = figures.quantities_in(words, "p001")
    assert [(q.value, q.unit, q.qualifier) for q in found] == [expected]
    assert found[0].quote in words


@pytest.mark.parametrize("words", ["2024 年 1月 26 日在第十六届人民代表大会", "中共西乌旗第 13 届委员会第 11 次全体会议",
                                   "草原“99 号公路”", "国道 207 线", "1.全民免费乘坐城市公交", "千车万人汽摩越野",
                                   "督促矿山企业投入亿元完成治理", "新建 5G 基站"])
def test_not_a_quantity(words):
    assert [q.quote for q in figures.quantities_in(words, "p001")] == []


# --- the command on bad input ----------------------------------------------------------------------------

def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "absent"


def run(tmp_path: Path, source: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([*IMPORT, str(source), *extra], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "SITEGEN_CWD": str(tmp_path)})


BAD = {
    "empty file": (b"", "source.txt:1: expected the text of a report, got an empty file"),
    "blank lines only": (b"\n  \n\n", "source.txt:1: expected the text of a report, got an empty file"),
    "binary file": (b"%PDF-1.7\n\x00\x01\x02stream", "source.txt:2: expected the report's text (UTF-8, as pdftotext "
                                                      "writes it), got binary data (a NUL byte)"),
    "not UTF-8": ("一、回顾\n工作".encode("gb18030"),
                  "source.txt:1: expected UTF-8 text, got a byte that is not UTF-8 (0xa1)"),
    "no numbering": ("各位代表：\n\n今年的工作做得很好。\n\n谢谢大家。\n".encode(),
                     "source.txt:1: expected the report's numbering (parts headed 一、…, sections （一）…), found no "
                     "part heading in the text"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_source_is_refused_with_a_located_message(name, tmp_path):
    data, message = BAD[name]
    source, out = tmp_path / "source.txt", tmp_path / "draft.yaml"
    source.write_bytes(data)
    r = run(tmp_path, source, "--year", "2025", "--out", str(out))
    assert r.returncode == 1 and "Traceback" not in r.stderr + r.stdout
    assert r.stderr.splitlines()[0].startswith(message), r.stderr
    assert not out.exists()


def test_existing_out_is_not_overwritten_without_force(tmp_path):
    out = tmp_path / "draft.yaml"
    out.write_text("mine\n", encoding="utf-8")
    r = run(tmp_path, SOURCE, "--year", "2025", "--out", str(out))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert r.stderr.splitlines()[0] == ("draft.yaml: expected a new file, it already exists; give another OUT, or "
                                        "--force (FORCE=1) to overwrite it")
    assert out.read_text(encoding="utf-8") == "mine\n"


def test_existing_year_is_refused(tmp_path, report):
    out = tmp_path / "draft.yaml"
    r = run(tmp_path, SOURCE, "--year", str(report.meta.year_planned), "--out", str(out))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    line = report.meta.pos.at("year_planned")[0]
    assert re.match(rf"^\S*data/report.yaml:{line}: meta.year_planned: the report for 2024 already exists",
                    r.stderr.splitlines()[0]), r.stderr
    assert not out.exists()


def test_import_writes_a_draft_and_prints_the_checklist(tmp_path):
    out = tmp_path / "data" / "2025" / "report.yaml"
    r = run(tmp_path, SOURCE, "--year", "2025", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0].startswith("Draft written to data/2025/report.yaml: 77 paragraphs")
    assert "figures whose kind to confirm" in r.stdout and r.stdout.rstrip().endswith("commit.")
    before = digest(out)
    again = run(tmp_path, SOURCE, "--year", "2025", "--out", str(out), "--force")
    assert again.returncode == 0 and digest(out) == before  # the same text gives the same draft
    assert not (out.parent / "zh-hant-overrides.yaml").exists()  # every entry of the project's table applies
    assert (out.parent / "source.txt").read_bytes() == SOURCE.read_bytes()  # the report's text beside its data
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), str(out)], capture_output=True,
                           text=True)
    assert check.returncode == 0, check.stderr


def test_a_report_without_an_override_phrase_gets_its_own_table(tmp_path):
    """An override whose example (131 万头只) the new report lacks would fail its check: the draft gets a table
    of its own beside it, with the entries that apply, and passes `make check`."""
    source = tmp_path / "source.txt"
    source.write_text(SOURCE.read_text(encoding="utf-8").replace("131 万头只", "131 万头"), encoding="utf-8")
    out = tmp_path / "data" / "2025" / "report.yaml"
    r = run(tmp_path, source, "--year", "2025", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "conversion overrides: 14 of 15 entries of data/zh-hant-overrides.yaml apply to this report, written to " \
           "data/2025/zh-hant-overrides.yaml" in r.stdout
    table = (out.parent / "zh-hant-overrides.yaml").read_text(encoding="utf-8")
    assert "头只" not in table and "资金发放" in table
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), str(out)], capture_output=True,
                           text=True)
    assert check.returncode == 0 and "14 conversion overrides" in check.stdout, check.stderr


# --- English not yet written: what the English pages show ---------------------------------------------------

def pending_pipeline(tmp_path: Path):
    from badinput import FIXTURE, OVERRIDES_FIXTURE, TODAY
    from sitegen.pipeline import Pipeline

    text_ = FIXTURE.read_text(encoding="utf-8")
    text_ = text_.replace("title: {zh: 2029 年工作回顾, en: Review of 2029}", "title: {zh: 2029 年工作回顾, en: ''}", 1)
    text_ = text_.replace("en: I. Review of Our Work in 2029}", "en: ''}", 1)
    text_ = re.sub(r"(\n  year_planned: \d+\n)", r"\1  english_pending: true\n", text_, count=1)
    assert "english_pending: true" in text_
    data = tmp_path / "report.yaml"
    data.write_text(text_, encoding="utf-8")
    return Pipeline(ROOT, "", data, OVERRIDES_FIXTURE, today=TODAY)


def test_english_pages_of_a_pending_report_show_the_chinese_under_a_notice(tmp_path):
    from sitegen.languages import LANGUAGES

    pipeline = pending_pipeline(tmp_path)
    by_code = {l.code: l for l in LANGUAGES}
    en = pipeline.site(by_code["en"])
    notice = pipeline.labels(by_code["en"]).english_pending_notice
    assert all(notice in p.markdown for p in en.pages), [p.path for p in en.pages if notice not in p.markdown]
    review = next(p for p in en.pages if p.title == "2029 年工作回顾")  # its English is empty: the Chinese
    assert review.markdown.index("# 2029 年工作回顾") < review.markdown.index(notice)
    assert "A look back at last year." in review.markdown  # English that is written is shown
    zh = pipeline.site(by_code["zh"])
    assert not any(notice in p.markdown for p in zh.pages)
    full = next(p for p in en.pages if p.path == "full-text.md").markdown
    assert "一、2029 年工作回顾" in full and "I. Review of Our Work in 2029" not in full
    parallel = en.downloads["downloads/parallel-text.csv"].decode("utf-8")  # the data keep the English as it is
    assert "p001,一、2029 年工作回顾,\r\n" in parallel or "p001,一、2029 年工作回顾,\n" in parallel, parallel[:200]


def test_notice_goes_under_the_title_or_the_front_matter():
    from sitegen import pending

    assert pending.with_notice("---\nx: 1\n---\n\n# T\n\nbody\n", "N") == \
        "---\nx: 1\n---\n\n# T\n\nN\n{ .english-pending-notice }\n\nbody\n"
    assert pending.with_notice("# T\nbody\n", "N") == "# T\n\nN\n{ .english-pending-notice }\n\nbody\n"
    assert pending.with_notice("---\nx: 1\n---\nbody\n", "N") == \
        "---\nx: 1\n---\n\nN\n{ .english-pending-notice }\n\nbody\n"


def test_a_text_not_broken_into_lines_keeps_one_paragraph_a_line():
    words = "一年来，我们坚持稳中求进，全旗经济持续恢复向好，各项事业取得新的进展。" * 4
    source = f"一、2024 年工作回顾\n{words}\n{words}\n（一）经济运行稳中向好。地区生产总值完成 230 亿元。{words}\n"
    body, _ = text.furniture(text.lines_of(source, "s"))
    assert [p.lines for p in text.paragraphs(body)] == [(1,), (2,), (3,), (4,)]


# --- an invented report (tests/fixtures/import/invented-2031.txt: Example County, not a real report) ----------

INVENTED = ROOT / "tests" / "fixtures" / "import" / "invented-2031.txt"


@pytest.fixture(scope="module")
def invented(report):
    return draft.draft(INVENTED.read_text(encoding="utf-8"), "invented-2031.txt", 2031, report)


def test_invented_report_paragraphs_and_structure(invented):
    data = invented.data
    assert len(data["paragraphs"]) == 24 and len(invented.furniture) == 8  # 4 running lines, 4 page numbers
    texts = [p["text"] for p in data["paragraphs"]]
    assert texts[5] == "现在，我代表县人民政府向大会报告工作，请予审议，并请县政协各位委员和列席会议的同志提出意见。"
    assert texts[2] == "2031 年 1 月 15 日在示例县第十八届人民代表大会第三次会议上"  # not run on into the speaker's line
    outline = [(p.get("number"), p["title"]["zh"], [(s.get("number"), s["title"]["zh"], [t["label"] + t["title"]["zh"]
               for t in s.get("topics", [])]) for s in p["sections"] if "number" in s]) for p in data["parts"]]
    assert outline == [
        (None, "开篇", []),
        ("一", "2030 年工作回顾", [("（一）", "经济运行稳中有进", []),
                                  ("（二）", "民生保障持续加强", ["——教育领域", "——就业领域"])]),
        ("二", "2031 年重点工作安排", [("（一）", "扎实推进产业发展，加快构建现代化产业体系",
                                        ["一要做强现代农牧业", "二要推进新能源建设"])]),
        ("三", "全面加强政府自身建设", [("（一）", "强化作风建设", [])]),
        (None, "结束语", []),
    ]
    meta = data["meta"]
    assert (meta["date"].isoformat(), meta["speaker"]["zh"], meta["body"]["zh"], meta["region"]) == \
        ("2031-01-15", "张明", "示例县人民政府", "region")
    assert [c["title"]["zh"] for c in data["commitments"]["items"]] == ["改造老旧小区", "发放消费券", "免费体检"]


def test_invented_report_figures_and_kinds(invented):
    got = {(r["paragraph"], r["value"], r["unit"], r.get("qualifier")): r["kind"] for r in invented.data["figures"]}
    expected = {
        ("p009", 230, "亿元", None): "result", ("p009", 5.8, "%", None): "growth",
        ("p009", 5, "位", "at_most"): "result", ("p012", 1500, "人", "over"): "result",
        ("p011", 2.5, "个百分点", None): "growth", ("p014", 6, "%", "about"): "target",
        ("p014", 4, "%", "at_least"): "target", ("p016", 15, "万吨", None): "target",
        ("p016", 10000, "头", None): "commitment", ("p017", 100, "万千瓦", None): "context",
        ("p017", 3, "亿元", "over"): "commitment", ("p017", 150, "万千瓦", "over"): "target",
        ("p019", 800, "万元", None): "commitment", ("p023", 5, "%", "at_least"): "target",
    }
    assert {k: got.get(k) for k in expected} == expected
    assert len(got) == 28


def test_invented_report_imports_into_a_draft_that_checks(tmp_path):
    out = tmp_path / "2031" / "report.yaml"
    env = {**os.environ, "SITEGEN_CWD": str(tmp_path), "SITEGEN_TODAY": "2031-12-31"}
    r = subprocess.run([*IMPORT, str(INVENTED), "--year", "2031", "--out", str(out)], capture_output=True, text=True,
                       cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    assert "names: the region 示例县 is not in the reference's names table" in r.stdout
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "check.py"), str(out)], capture_output=True,
                           text=True, env=env)
    assert check.returncode == 0, check.stderr


@pytest.mark.slow  # builds the site again (left out of make quick)
def test_invented_draft_builds_and_its_english_pages_say_the_english_is_pending(tmp_path):
    """The draft as a site: every English page carries the notice and shows the Chinese; the Chinese pages do not."""
    out, site = tmp_path / "2031" / "report.yaml", tmp_path / "site"
    env = {**os.environ, "SITEGEN_CWD": str(tmp_path), "SITEGEN_TODAY": "2031-12-31"}
    assert subprocess.run([*IMPORT, str(INVENTED), "--year", "2031", "--out", str(out)], capture_output=True,
                          cwd=tmp_path, env=env).returncode == 0
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--data", str(out), "--out", str(site)],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    notice = "The English of this report is not yet written"
    english = sorted(p for p in (site / "en").rglob("index.html") if not is_redirect(p))  # not the old addresses
    assert len(english) > 10 and all(notice in p.read_text(encoding="utf-8") for p in english)
    home = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "<title>示例县 2031 年政府工作报告</title>" in home and 'class="english-pending-notice"' in home
    assert not any(notice in p.read_text(encoding="utf-8") for p in (site / "zh-Hant").rglob("index.html"))
