"""The site's languages, declared once.

Each language says its code (Material's, case-sensitive), its name in its own
script, where its pages live, and how its text is produced: `source` languages
are rendered from their own fields of the YAML; a `converted` language is the
Simplified rendering passed through OpenCC with `opencc_config`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional


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
             og_locale="zh_TW"),
    Language("en", "English", "en/", "source", "en", hreflang="en", og_locale="en_US"),
)

DEFAULT = LANGUAGES[0]


def by_code(code: str) -> Language:
    for lang in LANGUAGES:
        if lang.code == code:
            return lang
    raise KeyError(f"unknown language {code!r}; expected one of {', '.join(l.code for l in LANGUAGES)}")
