"""Search segmentation: the pages of a language -> a jieba user dictionary.

jieba's stock dictionary is Simplified only, so Traditional text segments
badly (錫/林郭勒). For a converted language this gives the Traditional form of
every word jieba finds in the Simplified pages, with the Simplified word's
frequency, plus the glossary terms and short names: a dictionary of a few
thousand lines instead of a merged 590k-entry one. For the source language it
gives the glossary terms and short names alone.
"""
from __future__ import annotations

import json
import re

from . import schema

_HAN = re.compile(r"[\u3400-\u9fff]")
_SHORT_NAME = re.compile(r"[\u3400-\u9fff]{2,4}")


def user_dictionary(report: schema.Report, simplified_text: str, to_traditional=None) -> str:
    """Lines `word freq` for jieba.load_userdict."""
    import jieba

    jieba.initialize()
    freq = jieba.dt.FREQ
    words: dict[str, int] = {}
    for term in report.glossary:
        if _HAN.search(term.term) and " " not in term.term:
            words[term.term] = max(freq.get(term.term, 0), 1000)
    for name in report.names:  # short names stay whole (吉林郭勒, not 吉/林郭勒); long ones keep their parts
        if _SHORT_NAME.fullmatch(name.zh):
            words.setdefault(name.zh, max(freq.get(name.zh, 0), 1000))
    if to_traditional is not None:
        for word in set(jieba.cut(simplified_text)):
            if len(word) > 1 and _HAN.search(word):
                words.setdefault(word, freq.get(word, 1) or 1)
        words = {to_traditional(w): n for w, n in words.items()}
    return "".join(f"{w} {n}\n" for w, n in sorted(words.items()) if " " not in w)


_ZWSP = "\u200b"


def tidy_index(index_json: str, separator: str) -> str:
    """The index without the U+200B that split nothing the separator does not split already.

    With a separator that splits on U+200B (Chinese builds), a U+200B beside
    another separator character goes; with one that does not (English), every
    U+200B goes, as it was inside a token anyway. Tokens stay the same.
    """
    if not (separator.startswith("[") and separator.endswith("]+")):
        raise ValueError(f"expected a separator of the form [...]+, got {separator!r}")
    if re.fullmatch(separator, _ZWSP):
        other = f"(?!{_ZWSP}){separator[:-1]}"  # one separator character that is not U+200B
        joiner = re.compile(f"{_ZWSP}+(?={other})|(?<={other}){_ZWSP}+|^{_ZWSP}+|{_ZWSP}+$")
    else:
        joiner = re.compile(f"{_ZWSP}+")
    index = json.loads(index_json)
    for doc in index["docs"]:
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = joiner.sub("", doc[key])
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
