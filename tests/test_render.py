"""Layer 2: rendering a small invented report gives exactly the golden Markdown.

Regenerate after an intended change with `UPDATE_GOLDEN=1 make test` and
review the diff like any other change.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from badinput import TODAY
from sitegen.languages import LANGUAGES
from sitegen.pipeline import Pipeline

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"


@pytest.fixture(scope="module")
def fixture_pipeline():
    return Pipeline(HERE.parent, "", HERE / "fixtures" / "report.yaml", HERE / "fixtures" / "zh-hant-overrides.yaml",
                    today=TODAY)


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_golden(fixture_pipeline, lang):
    site = fixture_pipeline.site(lang)
    for page in site.pages:
        golden = GOLDEN / lang.code / page.path
        if os.environ.get("UPDATE_GOLDEN"):
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(page.markdown, encoding="utf-8")
        assert golden.read_text(encoding="utf-8") == page.markdown, golden
    expected = {p.relative_to(GOLDEN / lang.code).as_posix() for p in (GOLDEN / lang.code).rglob("*.md")}
    assert expected == {p.path for p in site.pages}


def test_special_characters_are_escaped(fixture_pipeline):
    site = fixture_pipeline.site(LANGUAGES[2])
    page = next(p for p in site.pages if p.path == "review/economy.md").markdown
    assert r"&lt;b&gt;bold&lt;/b&gt; \| \* \{\{ x \}\}" in page
    assert "<b>" not in page


def test_generator_knows_nothing_of_the_banner():
    """No name of the real report appears in the generator's code or templates."""
    code = HERE.parent / "scripts"
    for path in code.rglob("*"):
        if path.suffix in (".py", ".j2", ".yaml", ".html") and path.is_file():
            text = path.read_text(encoding="utf-8")
            for word in ("乌珠穆沁", "西乌", "Ujimqin", "锡林郭勒", "Xilingol", "白音华"):
                assert word not in text, (path, word)


def test_repository_link_is_a_working_link_target():
    """The issues link on about/ survives Markdown: not escaped, percent-encoded."""
    pipeline = Pipeline(HERE.parent, "https://github.com/owner/my_repo (1)", HERE / "fixtures" / "report.yaml",
                        HERE / "fixtures" / "zh-hant-overrides.yaml", today=TODAY)
    for lang in LANGUAGES:
        about = next(p for p in pipeline.site(lang).pages if p.path == "about.md").markdown
        assert "](https://github.com/owner/my_repo%20%281%29/issues)" in about


FEED_BASE = "https://example.org/report/"  # the fixture feed's site URL


@pytest.mark.parametrize("lang", LANGUAGES, ids=[l.code for l in LANGUAGES])
def test_feed_golden_and_valid(fixture_pipeline, lang):
    """The Atom feed of status changes: exactly the golden XML, valid Atom, absolute URLs, newest first."""
    from atomcheck import atom_problems, entries, NS

    base = FEED_BASE + lang.prefix
    xml = fixture_pipeline.feed(lang, base)
    golden = GOLDEN / lang.code / "feed.xml"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(xml, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == xml, golden
    assert atom_problems(xml, base) == []
    report = fixture_pipeline.inputs()[0]
    histories = [item.tracking.history for item in report.commitments.items] + [t.history for t in report.tracking]
    found = entries(xml)
    assert len(found) == sum(len(h) for h in histories)  # one entry per history entry, the pledges included
    dates = [e.findtext(f"{NS}updated") for e in found]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2030-12-20T00:00:00Z"
    for e in found:  # links inside the summaries: our pages absolutely, others by https
        for href in re.findall(r'href="([^"]+)"', e.findtext(f"{NS}summary")):
            assert href.startswith(base) or (href.startswith("https://example.org/") and "/report/" not in href), href
    first = found[0]
    assert first.find(f"{NS}link").get("href") == f"{base}commitments/#t-output-growth-entry-3"


def test_atom_check_catches_what_it_looks_for():
    """The feed check fails on a feed that lacks what Atom requires or points elsewhere (a check that cannot fail is no check)."""
    from atomcheck import atom_problems

    good = ('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>t</title><id>https://x.org/a/feed.xml</id>'
            '<updated>2030-01-01T00:00:00Z</updated><author><name>n</name></author>'
            '<link rel="self" href="https://x.org/a/feed.xml"/>'
            '<entry><title>e</title><id>https://x.org/a/c/#1</id><updated>2030-01-01T00:00:00Z</updated>'
            '<link href="https://x.org/a/c/#1"/></entry></feed>')
    assert atom_problems(good, "https://x.org/a/") == []
    assert atom_problems(good.replace("<id>https://x.org/a/c/#1</id>", ""), "https://x.org/a/") == \
        ["entry 1: 0 atom:id elements, expected 1", "entry 1 id: None is not an absolute URL under https://x.org/a/"]
    assert atom_problems(good, "https://x.org/b/")
    assert atom_problems(good.replace("2030-01-01T00:00:00Z</updated><link", "2030-01-01</updated><link"), "https://x.org/a/")
    assert atom_problems(good.replace("<author><name>n</name></author>", ""), "https://x.org/a/")
    assert atom_problems(good.replace("</feed>", ""), "https://x.org/a/")
