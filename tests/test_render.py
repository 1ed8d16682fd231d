"""Layer 2: rendering a small invented report gives exactly the golden Markdown.

Regenerate after an intended change with `UPDATE_GOLDEN=1 make test` and
review the diff like any other change.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.languages import LANGUAGES
from sitegen.pipeline import Pipeline

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"


@pytest.fixture(scope="module")
def fixture_pipeline():
    return Pipeline(HERE.parent, "", HERE / "fixtures" / "report.yaml", HERE / "fixtures" / "zh-hant-overrides.yaml")


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
                        HERE / "fixtures" / "zh-hant-overrides.yaml")
    for lang in LANGUAGES:
        about = next(p for p in pipeline.site(lang).pages if p.path == "about.md").markdown
        assert "](https://github.com/owner/my_repo%20%281%29/issues)" in about
