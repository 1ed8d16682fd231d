"""Measuring: does Traditional search find every word that Simplified search finds, section for section?

    python scripts/measuring/searchwords.py [SITE]      (SITE: a built site's root; default: build one in build/measure)

Takes the two search indexes (Material's `search/search_index.json` of zh and
of zh-Hant); gives, over every section of the index (one document of it) and
every word of two or more Han characters that Simplified search holds there
(a token of the index, as Material's search splits it), the pairs where the
word's Traditional form is in the Traditional section, and how many of them
Traditional search cannot find: Material matches a query word against the
start of the index's words (a prefix match), so 白牛 is not found where the
index holds 白 + 牛. One-character words are counted on a line of their own.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]  # the tools, sitegen

ROOT = Path(__file__).resolve().parents[2]
_TAG = re.compile(r"<[^>]*>")
_HAN_WORD = re.compile(r"[\u3400-\u9fff]+")


def words(doc: dict, separator: re.Pattern) -> set[str]:
    """The tokens Material's search makes of a document: markup left out, text split at the separator
    (which splits at U+200B, the plugin's word cuts), lower case."""
    out: set[str] = set()
    for key in ("title", "text"):
        for block in _TAG.split(doc.get(key) or ""):
            out.update(t.lower() for t in separator.split(block) if t)
    return out


def plain(doc: dict) -> str:
    return "\n".join(doc.get(key) or "" for key in ("title", "text")).replace("\u200b", "")


def misses(simplified: dict, traditional: dict, convert) -> tuple[int, list[tuple[str, str, str]], int, int]:
    """(pairs, missed pairs as (location, word, Traditional form), one-character pairs, their misses):
    see the module's docstring."""
    separator = re.compile(simplified["config"]["separator"])
    target_separator = re.compile(traditional["config"]["separator"])
    pairs, missed, single_pairs, single_missed = 0, [], 0, 0
    for source, target in zip(simplified["docs"], traditional["docs"], strict=True):
        if source["location"] != target["location"]:
            raise ValueError(f"the indexes differ at {source['location']!r} / {target['location']!r}")
        text, found = plain(target), words(target, target_separator)
        for word in sorted(words(source, separator)):
            if not _HAN_WORD.fullmatch(word):
                continue
            form = convert(word)
            if form not in text:
                continue
            hit = any(token.startswith(form) for token in found)
            if len(word) == 1:
                single_pairs += 1
                single_missed += not hit
            else:
                pairs += 1
                if not hit:
                    missed.append((source["location"], word, form))
    return pairs, missed, single_pairs, single_missed


def measure(site: Path) -> tuple[int, list[tuple[str, str, str]], int, int]:
    """`misses` for the site built in `site`, with the site's own conversion."""
    from sitegen import languages
    from sitegen.pipeline import shared

    hant = languages.by_code("zh-Hant")
    convert = shared(ROOT).converter(hant).text
    index = lambda lang: json.loads((site / lang.prefix / "search" / "search_index.json").read_text(encoding="utf-8"))  # noqa: E731
    return misses(index(languages.DEFAULT), index(hant), convert)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site's root (default: build one)")
    args = parser.parse_args(argv)
    site = args.site
    if site is None:
        site = ROOT / "build" / "measure" / "searchwords"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--out", str(site)], check=True)
    pairs, missed, single_pairs, single_missed = measure(site.resolve())
    for location, word, form in missed[:20]:
        print(f"  not found: {form} ({word}) in {location or '(home)'}")
    print(f"zh-Hant search: {len(missed)} of {pairs:,} (section, word) pairs cannot be found "
          f"(words of 2+ characters); one-character words: {single_missed} of {single_pairs:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
