"""The glossary as a reference: its order and its letter index.

Takes the glossary terms and a source language (zh or en); gives the terms in
reading order, grouped under their initial letters. Chinese pages (Simplified
and Traditional) sort by pinyin without tone marks and group under pinyin
initials; English pages sort by the English rendering without a leading
article or quotation mark, so 'the "Two Upholds"' files under U, not T.
Anything that does not start with a letter A-Z (the 12345 hotline) groups
under '#', first.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import schema

OTHER = "#"
_LEADING = re.compile(r"""^(?:["'“”‘’«»《》「」『』(（\s]+|(?:the|a|an)\s+)+""", re.I)


def folded(text: str) -> str:
    """Lower case, tone marks and other accents removed: 'Liǎng Gè' -> 'liang ge'."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def sort_key(term: schema.Term, lang: str) -> str:
    """What a term is filed under: its pinyin (zh) or its English without 'the' and quotes (en)."""
    if lang == "zh":
        return folded(term.pinyin)
    return _LEADING.sub("", folded(term.en))


def anchor(letter: str) -> str:
    """The id of a letter's group on the glossary page: letter-a ... letter-z, letter-other."""
    return "letter-other" if letter == OTHER else f"letter-{letter.lower()}"


def initial(term: schema.Term, lang: str) -> str:
    first = sort_key(term, lang)[:1].upper()
    return first if "A" <= first <= "Z" else OTHER


@dataclass(frozen=True)
class Letter:
    letter: str
    terms: tuple[schema.Term, ...]


def letters(terms: list[schema.Term], lang: str) -> list[Letter]:
    """The terms sorted and grouped under their initials ('#' first, then A-Z)."""
    ordered = sorted(terms, key=lambda t: (initial(t, lang) != OTHER, sort_key(t, lang), t.term))
    groups: dict[str, list[schema.Term]] = {}
    for term in ordered:
        groups.setdefault(initial(term, lang), []).append(term)
    return [Letter(letter, tuple(group)) for letter, group in groups.items()]
