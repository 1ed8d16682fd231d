"""Where glossary terms occur in a text: the matcher behind the glossary links.

`Matcher(glossary, lang)` takes the glossary terms and a page's source
language (zh or en); `find(raw, skip)` gives each occurrence in `raw` as
(start, end, term), longest term first, leftmost first, never overlapping.

Chinese pages find the term itself, exactly as written (case included:
帮您办+工改+N). English pages find the term's one English rendering, in any
case, as prose carries it: quotation marks inside or around the rendering are
ignored (central "eight-point rules" and central eight-point rules are one
term), a hyphen and a space between two words are one (an autonomous-region
plan, eight point rules), a leading "the" is optional, and a rendering that
ends in a lower-case word also matches its plural (pocket park -> pocket
parks, allowance -> allowances, economy -> economies): a final -s, -es or
-ies, nothing cleverer. Latin words only match whole words.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable, Iterator

from . import schema

QUOTE_MARKS = '"“”‘’'
_NO_QUOTES = str.maketrans("", "", QUOTE_MARKS)
_Q = f"[{QUOTE_MARKS}]?"


def rendering(en: str) -> str:
    """A term's English as prose may carry it: without quotation marks and a leading "the"."""
    text = en.translate(_NO_QUOTES).strip()
    return re.sub(r"^the\s+", "", text, flags=re.I)


def _plural(key: str) -> str:
    """The regex of a rendering's plural ending: a last word in lower case (3 letters or more) takes -s or
    -es, or -ies for a -y after a consonant; anything else (a name, an abbreviation) none."""
    last = re.split(r"[\s-]", key)[-1]
    if not re.fullmatch(r"[a-z]{3,}", last) or last.endswith("s"):
        return ""
    return "(?:y|ies)" if re.search(r"[^aeiou]y$", last) else "(?:e?s)?"


def english_pattern(key: str) -> str:
    """The regex of a rendering in prose (no capturing groups)."""
    words = [re.escape(w) for w in re.split(r"\s+|-", key)]
    plural = _plural(key)
    if plural.startswith("(?:y"):
        words[-1] = words[-1][:-1]
    body = rf"(?:{_Q}\s+{_Q}|-)".join(words)
    if re.match(r"\w", key, re.A):
        body = rf"(?<![\w-]){body}"
    end = r"(?![\w-])" if re.search(r"\w$", key, re.A) else ""
    return body + plural + end


@functools.lru_cache(maxsize=4096)
def _compiled(parts: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(f"({p})" for p in parts) or r"(?!)", re.I)


class Matcher:
    """Finds the glossary terms of one source language in texts."""

    def __init__(self, glossary: Iterable[schema.Term], lang: str):
        self.lang = lang
        terms = list(glossary)
        if lang == "en":
            # key: the rendering, lower case, for a quick "may it occur here" test; longest first
            self._keys = sorted(((rendering(t.en).lower(), t) for t in terms if rendering(t.en)),
                                key=lambda kt: -len(kt[0]))
            # what any form of the key contains: hyphens as spaces, a -y that may become -ies cut
            self._stems = {k: re.sub(r"[\s-]+", " ", k[:-1] if _plural(k).startswith("(?:y") else k)
                           for k, _ in self._keys}
        else:
            self._keys = sorted(((t.term, t) for t in terms if t.term), key=lambda kt: -len(kt[0]))

    def _candidates(self, raw: str, skip: set[str]) -> list[tuple[str, schema.Term]]:
        if self.lang == "en":
            folded = re.sub(r"[\s-]+", " ", raw.translate(_NO_QUOTES).lower())
            return [(k, t) for k, t in self._keys if t.term not in skip and self._stems[k] in folded]
        return [(k, t) for k, t in self._keys if t.term not in skip and k in raw]

    def find(self, raw: str, skip: set[str] = frozenset()) -> Iterator[tuple[int, int, schema.Term]]:
        """Occurrences of terms not in `skip` (their Chinese), as (start, end, term), in text order."""
        found = self._candidates(raw, skip)
        if not found:
            return
        if self.lang == "en":
            parts = tuple(english_pattern(k) for k, _ in found)
        else:
            parts = tuple(re.escape(k) for k, _ in found)
        pattern = _compiled(parts)
        for m in pattern.finditer(raw):
            term = found[m.lastindex - 1][1]
            start, end = m.span()
            inside = raw[start:end]
            # a quotation mark opened inside the match closes right after it: keep the pair in the link
            if self.lang == "en" and sum(inside.count(q) for q in '"') % 2 and raw[end:end + 1] == '"':
                end += 1
            elif self.lang == "en" and inside.count("“") > inside.count("”") and raw[end:end + 1] == "”":
                end += 1
            yield start, end, term
