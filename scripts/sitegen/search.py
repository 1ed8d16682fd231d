"""Search segmentation: the pages of a language -> a jieba user dictionary; the
Simplified search index -> the word boundaries of the Traditional one.

jieba's stock dictionary is Simplified only, so Traditional text segments
badly (錫/林郭勒). For a converted language this gives the Traditional form of
every word jieba finds in the Simplified pages, with the Simplified word's
frequency, plus the glossary terms and short names: a dictionary of a few
thousand lines instead of a merged 590k-entry one. For the source language it
gives the glossary terms and short names alone.

Even so jieba cuts some Traditional words it keeps whole in Simplified (白/牛,
全/旗), and search matches a query only at the start of an index word. So the
Traditional index takes the Simplified index's cuts (`carry_segmentation`):
the conversion keeps the text's length character for character, so a cut
between two characters of a Simplified run of Han characters is a cut between
the same two characters of the Traditional run. Where the two texts differ
(the interface words of each column of the labels table, an override that
changes a length), the characters are aligned first, and a run that does not
line up keeps jieba's own Traditional cuts, character by character.

The query side is Material's search worker, which cuts a Chinese query into
words of the index. Two slips in it (Material 9.x, its sources
query/segment/index.ts and _/index.ts) are put right in the built worker
(`fix_worker`): a query that is itself a word of the index was never kept
whole (its loop stops one character short: 草畜平衡 was searched as 草 + 畜,
ranking the glossary entry and the sections that hold it below pages without
草), and the pieces of a cut query got a doubled wildcard (禁牧**), so they
were reported missing and not highlighted, on the results or on landing.
The fixed worker also ranks first, for a query with Han characters, the
documents whose title is the query and then those that hold the whole query,
and folds the variant characters an index lists (`variants`) into one form in
its words and in the query: the Traditional site writes 平臺 (the MOE form),
and most readers in Taiwan type 平台.
"""
from __future__ import annotations

import difflib
import json
import re
from typing import Callable, Sequence

from backrefs import bre

from . import schema

_HAN = re.compile(r"[\u3400-\u9fff]")
_SHORT_NAME = re.compile(r"[\u3400-\u9fff]{2,4}")


def user_dictionary(reports: Sequence[schema.Report], simplified_text: str, to_traditional=None) -> str:
    """Lines `word freq` for jieba.load_userdict: the glossary terms and short names of every report (every
    year's), and for a converted language the words of the Simplified text, in its script."""
    import jieba

    jieba.initialize()
    freq = jieba.dt.FREQ
    words: dict[str, int] = {}
    for term in (t for report in reports for t in report.glossary):
        if _HAN.search(term.term) and " " not in term.term:
            words[term.term] = max(freq.get(term.term, 0), 1000)
    for name in (n for report in reports for n in report.names):  # short names stay whole (吉林郭勒, not 吉/林郭勒); long ones keep their parts
        if _SHORT_NAME.fullmatch(name.zh):
            words.setdefault(name.zh, max(freq.get(name.zh, 0), 1000))
    if to_traditional is not None:
        for word in set(jieba.cut(simplified_text)):
            if len(word) > 1 and _HAN.search(word):
                words.setdefault(word, freq.get(word, 1) or 1)
        words = {to_traditional(w): n for w, n in words.items()}
    return "".join(f"{w} {n}\n" for w, n in sorted(words.items()) if " " not in w)


_ZWSP = "\u200b"


def with_variants(index_json: str, variants: dict[str, str]) -> str:
    """The index with `variants` in its config, for the fixed worker (WORKER_FIXES) to fold."""
    index = json.loads(index_json)
    index["config"]["variants"] = variants
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


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


_HAN_RUN = bre.compile(r"\p{script: Han}+")  # what Material's search plugin segments (plugin.py, _segment_chinese)


def _cuts(segmented: str) -> tuple[str, set[int]]:
    """A segmented field -> its text without U+200B, and the positions where one stood."""
    text, cuts = [], set()
    for c in segmented:
        if c == _ZWSP:
            cuts.add(len(text))
        else:
            text.append(c)
    return "".join(text), cuts


def _same_length(run: str, convert: Callable[[str], str]) -> str:
    """`run` converted, character by character where the whole run's conversion changes its length."""
    whole = convert(run)
    if len(whole) == len(run):
        return whole
    return "".join(t if len(t := convert(c)) == 1 else c for c in run)


def _alignment(source: str, target: str, convert: Callable[[str], str]) -> list[int]:
    """For each position of `target`, the position of `source` it was converted from (-1: none)."""
    key = convert(source)
    if key == target:
        return list(range(len(target)))
    if len(key) != len(source):  # a phrase whose conversion changes its length: convert run by run, and
        key = _HAN_RUN.sub(lambda m: _same_length(m.group(), convert), source)  # such a run by characters
    where = [-1] * len(target)
    matcher = difflib.SequenceMatcher(None, key, target, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for k in range(j2 - j1):
                where[j1 + k] = i1 + k
    return where


def _carry_field(source: str, target: str, convert: Callable[[str], str]) -> str:
    """The segmented `target` field, cut where the segmented `source` field is cut."""
    plain_source, source_cuts = _cuts(source)
    plain_target, own_cuts = _cuts(target)
    where = _alignment(plain_source, plain_target, convert)
    cuts: set[int] = set()
    for run in _HAN_RUN.finditer(plain_target):
        a, b = run.span()
        cuts.update((a, b))
        for k in range(a + 1, b):  # where both neighbours came from neighbouring characters: the source's cut
            lined_up = where[k] >= 0 and where[k - 1] == where[k] - 1
            if where[k] in source_cuts if lined_up else k in own_cuts:
                cuts.add(k)
    out = []
    for k, c in enumerate(plain_target):
        if k in cuts:
            out.append(_ZWSP)
        out.append(c)
    return "".join(out).strip(_ZWSP)


def carry_segmentation(source_index_json: str, target_index_json: str, convert: Callable[[str], str]) -> str:
    """The target (Traditional) index with the word cuts of the source (Simplified) index.

    Both are Material's search indexes as its plugin writes them (Han runs cut
    with U+200B), of the same pages in the same order; `convert` is the
    conversion that made the target's text. An index of other pages is an error.
    """
    source, target = json.loads(source_index_json), json.loads(target_index_json)
    if [d["location"] for d in source["docs"]] != [d["location"] for d in target["docs"]]:
        raise ValueError("the two search indexes do not hold the same pages")
    for s, t in zip(source["docs"], target["docs"]):
        for key in ("title", "text"):
            if isinstance(t.get(key), str) and isinstance(s.get(key), str):
                t[key] = _carry_field(s[key], t[key], convert)
    return json.dumps(target, ensure_ascii=False, separators=(",", ":"))


# Characters a reader of a language may type for those its site writes: folded into the site's form in the
# words of the index and in the query (the page keeps its own text). `烏蘭五台` (a sound, not 臺) is found too.
SEARCH_VARIANTS = {"zh-Hant": {"台": "臺", "着": "著", "裏": "裡"}}

# (what Material's minified worker says, what it says instead): each must occur exactly once.
WORKER_FIXES = (
    # Search: `fold` puts the index's variant characters (config.variants, from SEARCH_VARIANTS) in one form
    ("constructor({config:e,docs:r,options:n}){let i=Oe(this.table=new Map);",
     "constructor({config:e,docs:r,options:n}){let i=Oe(this.table=new Map),__v=e.variants||{},"
     "__f=this.fold=x=>x.replace(/./gu,c=>__v[c]||c);"),
    # ... for the words of the index and of the query, as a step of both of lunr's pipelines
    ('this.searchPipeline.remove(o[a]);this.ref("location");',
     'this.searchPipeline.remove(o[a]);if(e.variants){let __p=t=>t.update(__f);'
     'lunr.Pipeline.registerFunction(__p,"variants"),this.pipeline.add(__p),this.searchPipeline.add(__p)}'
     'this.ref("location");'),
    # query/segment: the pieces tried at each position may reach the query's end (`j <= query.length`)
    ("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e", "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"),
    # Search.search: the pieces are joined by a space; the query transform gives each its one wildcard
    ('.invertedIndex)].join("* "))', '.invertedIndex)].join(" "))'),
    # Search.search: the query's variants folded; for a query with Han characters, a document's tier: 2 when
    # its title is the query (a glossary entry), 1 when its title or text holds the whole query, else 0 ...
    (r'search(e){if(e=e.replace(new RegExp("\\p{sc=Han}+","gu")',
     r'search(e){e=this.fold(e);let __q=e.trim().toLowerCase(),__han=/\p{sc=Han}/u.test(__q),'
     r'__tier=d=>{if(!__han||!d)return 0;let m=this.plain||(this.plain=new Map),p=m.get(d);'
     r'if(!p)m.set(d,p=[d.title,d.text].map(x=>this.fold(String(x||"").replace(/<[^>]*>|\u200b/g,"").toLowerCase())));'
     r'return p[0]===__q?2:p[0].includes(__q)||p[1].includes(__q)?1:0};'
     r'if(e=e.replace(new RegExp("\\p{sc=Han}+","gu")'),
    # ... ranks first, the score next (the results are grouped by page in this order)
    (".sort((s,o)=>o.score-s.score)",
     ".sort((s,o)=>__tier(this.map.get(o.location))-__tier(this.map.get(s.location))||o.score-s.score)"),
)


def fix_worker(script: str) -> str:
    """Material's search worker with WORKER_FIXES applied (a worker already fixed stays as it is, as under
    `mkdocs serve --dirty`); ValueError if it is not the worker they fit."""
    for old, new in WORKER_FIXES:
        if old not in script and script.count(new) == 1:
            continue
        if script.count(old) != 1:
            raise ValueError(f"Material's search worker no longer holds {old!r}: see WORKER_FIXES in sitegen/search.py")
        script = script.replace(old, new)
    return script


_YEAR_PAGE = re.compile(r"(\d{4})/")


def year_titles(index_json: str, label: str) -> str:
    """The index with each page's title saying its year (`label`, "{year} 年"), so that a result of a
    site with several years' reports says which one it is from: "2024 年 · 经济平稳增长"."""
    index = json.loads(index_json)
    for doc in index["docs"]:
        found = _YEAR_PAGE.match(doc.get("location", ""))
        if found and "#" not in doc["location"] and isinstance(doc.get("title"), str):
            doc["title"] = f"{label.format(year=found.group(1))} · {doc['title']}"
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
