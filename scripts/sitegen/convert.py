"""Stage 3: convert. Simplified Markdown -> Traditional Markdown.

`Converter(config, overrides).convert(markdown)` gives the Traditional text.
OpenCC (`s2tw` by default, chosen in languages.py) converts characters; the
override table (data/zh-hant-overrides.yaml) wins over OpenCC: its phrases are
replaced by placeholders before conversion and by their Traditional forms
after. Only text is converted: code, link targets, URLs, HTML ids,
attribute-list anchors and spans marked `lang="zh-Hans"` are left exactly as
they are.
"""
from __future__ import annotations

import re
from functools import lru_cache

import opencc

from . import schema

# Spans that are not text: fenced code, inline code, link targets, autolinks,
# href/src/id/class attribute values, attr lists ({ #id .class }), and text
# marked as Simplified on purpose (<span lang="zh-Hans">只</span>).
_PROTECTED = re.compile(
    r"```.*?```"
    r"|<span lang=\"zh-Hans\"[^>]*>[^<]*</span>"
    r"|`[^`\n]*`"
    r"|\]\([^)\n]*\)"
    r"|<https?://[^>\s]*>"
    r"|\b(?:href|src|id|class|hreflang|lang)=\"[^\"]*\""
    r"|\{\s*[#.:][^}\n]*\}",
    re.S,
)
_PUA = 0xE000  # private-use code points carry override placeholders through OpenCC


@lru_cache(maxsize=None)
def _opencc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


class Converter:
    """Simplified -> Traditional with one OpenCC config and an override table."""

    def __init__(self, config: str, overrides: list[schema.Override] = ()):
        self.config = config
        self._cc = _opencc(config)
        chosen = [o for o in overrides if not o.configs or config.removesuffix(".json") in o.configs]
        chosen.sort(key=lambda o: -len(o.zh))  # longest phrase first
        if len(chosen) > 6000:
            raise ValueError("too many overrides for the placeholder range")
        self._targets = [o.hant for o in chosen]
        self._pattern = re.compile("|".join(re.escape(o.zh) for o in chosen)) if chosen else None
        self._index = {o.zh: i for i, o in enumerate(chosen)}

    def text(self, text: str) -> str:
        """Convert plain text (no Markdown protection)."""
        if self._pattern is not None:
            text = self._pattern.sub(lambda m: chr(_PUA + self._index[m.group(0)]), text)
        text = self._cc.convert(text)
        if self._pattern is not None:
            text = re.sub("[\uE000-\uF8FF]", lambda m: self._targets[ord(m.group(0)) - _PUA], text)
        return text

    def convert(self, markdown: str) -> str:
        """Convert a Markdown page, leaving code, URLs and anchors untouched."""
        out, last = [], 0
        for m in _PROTECTED.finditer(markdown):
            out.append(self.text(markdown[last:m.start()]))
            out.append(m.group(0))
            last = m.end()
        out.append(self.text(markdown[last:]))
        return "".join(out)
