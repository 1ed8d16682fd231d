"""The site's languages, declared once.

Each language says its code (Material's, case-sensitive), its name in its own
script, where its pages live, and how its text is produced: `source` languages
are rendered from their own fields of the YAML; a `converted` language is the
Simplified rendering passed through OpenCC with `opencc_config`. Its interface
words (labels, headings, the theme's strings) are not converted: they come from
the language's own column of templates/labels.yaml. `quotes` names the
quotation marks its text is written with, one of QUOTE_STYLES.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Optional

from .errors import Problem

# Quotation marks a language can be written with: the outer pair, then the nested pair.
# The Simplified source writes “ ” and ‘ ’; Taiwan (MOE) and most Hong Kong publishing 「 」 and 『 』.
QUOTE_STYLES = {
    "curly": "“”‘’",
    "corner": "「」『』",
}


@dataclass(frozen=True)
class Language:
    code: str                 # Material's theme.language and <html lang>
    name: str                 # shown in the language selector
    prefix: str               # folder under the site root: "" or "zh-Hant/"
    produced: Literal["source", "converted"]
    text_field: str           # which field of a schema.Text is rendered: zh or en
    opencc_config: Optional[str] = None  # for converted languages
    hreflang: str = ""        # BCP 47 for <link hreflang>
    og_locale: str = ""       # Open Graph locale (language_TERRITORY)
    quotes: Optional[str] = None  # a key of QUOTE_STYLES; None: the marks of the source, as written

    @property
    def is_chinese(self) -> bool:
        return self.text_field == "zh"


# The OpenCC configuration for Traditional Chinese is chosen here and only here.
# s2tw: characters to Taiwan standard forms, no vocabulary changes (项目 stays 項目).
# s2hk works as well (Hong Kong forms).
TRADITIONAL_CONFIG = "s2tw"

LANGUAGES: tuple[Language, ...] = (
    Language("zh", "简体中文", "", "source", "zh", hreflang="zh-Hans", og_locale="zh_CN"),
    Language("zh-Hant", "繁體中文", "zh-Hant/", "converted", "zh", TRADITIONAL_CONFIG, hreflang="zh-Hant",
             og_locale="zh_TW", quotes="corner"),
    Language("en", "English", "en/", "source", "en", hreflang="en", og_locale="en_US"),
)

DEFAULT = LANGUAGES[0]


def quote_marks(language: Language) -> str:
    """The four marks (outer open/close, nested open/close) of a language's quotation style, or ""."""
    return QUOTE_STYLES[language.quotes] if language.quotes else ""


def _line_of(lines: list[str], code: str, key: str) -> int:
    """The line of `key` in the declaration of language `code` (else the declaration's first line)."""
    start = next((n for n, text in enumerate(lines) if f'Language("{code}"' in text), None)
    if start is None:
        return 0
    for n in range(start, len(lines)):
        if key in lines[n]:
            return n + 1
        if n > start and "Language(" in lines[n]:
            break
    return start + 1


def check(languages: Optional[tuple[Language, ...]] = None) -> list[Problem]:
    """Problems with the declarations above, located in this file (for `make check` and the build)."""
    from .load import display_path

    languages = LANGUAGES if languages is None else languages
    source = Path(__file__)
    lines = source.read_text(encoding="utf-8").splitlines()
    problems = []
    for i, lang in enumerate(languages):
        if lang.quotes is not None and lang.quotes not in QUOTE_STYLES:
            problems.append(Problem(
                display_path(source), _line_of(lines, lang.code, "quotes="), f"LANGUAGES[{i}].quotes",
                f"expected one of the declared quotation styles {', '.join(QUOTE_STYLES)} (QUOTE_STYLES), "
                f"got {lang.quotes!r}"))
    return problems


def by_code(code: str) -> Language:
    for lang in LANGUAGES:
        if lang.code == code:
            return lang
    raise KeyError(f"unknown language {code!r}; expected one of {', '.join(l.code for l in LANGUAGES)}")
