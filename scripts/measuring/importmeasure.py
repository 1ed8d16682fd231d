"""Command-line entry: how well `make import` reads this report, against the curated data/report.yaml.

    python scripts/measuring/importmeasure.py [--source data/source.txt] [--report data/report.yaml]

Imports the source text (the importer's stages, called directly: the command
refuses the current report's year) and compares with the curated report:
- paragraphs: the draft's texts equal to the curated ones, in order;
- structure: the numbered parts and sections (number and title) equal, and
  the unnumbered sections' paragraph groups;
- figures: a curated figure is found when a draft record has the same
  paragraph, value, unit and qualifier (each draft record matches at most
  one): recall = found / curated, precision = matched drafts / drafts (the
  others are extra records); a wrong scale is a draft record with a curated
  figure's printed value in its paragraph, a unit of the same dimension and
  another multiplier (217 read as 万元 where the report says 亿元);
- the proposed kinds that agree with the curated ones (a maintainer confirms
  them: not a goal, a guide).
Prints a Markdown table; `measured()` gives the numbers to tests.
Caution: the importer's rules were written while reading this report, so
these figures are measured on the text they were tuned on.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]

from measure import ROOT  # noqa: E402
from sitegen import quantities, schema  # noqa: E402
from sitegen.importer import draft  # noqa: E402
from sitegen.load import load_report  # noqa: E402


@dataclass(frozen=True)
class Measured:
    paragraphs: int                 # draft paragraphs
    paragraphs_equal: int           # equal to the curated paragraph at the same place
    curated_paragraphs: int
    numbered_equal: bool            # numbered parts and sections: numbers and titles as curated
    groups_equal: bool              # every section's and topic's paragraphs as curated
    curated_figures: int
    draft_figures: int
    found: int
    missing: list[tuple]
    extra: list[tuple]
    wrong_scales: list[tuple]
    kinds_agree: int
    seconds: float

    @property
    def recall(self) -> float:
        return self.found / self.curated_figures

    @property
    def precision(self) -> float:
        return self.found / self.draft_figures


def _key(paragraph: str, value: float, unit: str, qualifier) -> tuple:
    return paragraph, float(value), unit, qualifier


def _numbered(parts) -> list[tuple]:
    return [(p["number"], p["title"]["zh"], [(s["number"], s["title"]["zh"]) for s in p["sections"] if "number" in s])
            for p in parts if "number" in p]


def _groups(parts) -> list[list[str]]:
    return [g for p in parts for s in p["sections"] for g in [s["paragraphs"], *(t["paragraphs"] for t in
                                                                                s.get("topics", []))]]


def wrong_scales(curated: list[schema.Figure], records: list[dict]) -> list[tuple]:
    """Draft records whose value is a curated figure's in the same paragraph but scaled by another multiplier."""
    out = []
    for r in records:
        for f in curated:
            if f.paragraph == r["paragraph"] and float(f.value) == float(r["value"]) and r["unit"] != f.unit:
                a, b = quantities.UNITS[f.unit], quantities.UNITS[r["unit"]]
                if a.dimension == b.dimension and a.multiplier != b.multiplier:
                    out.append((r["id"], r["value"], r["unit"], f.id, f.unit))
    return out


def measured(source: Path = ROOT / "data" / "source.txt", report: Path = ROOT / "data" / "report.yaml") -> Measured:
    curated = load_report(report)
    start = time.perf_counter()
    d = draft.draft(source.read_text(encoding="utf-8"), str(source), curated.meta.year_planned, curated)
    seconds = time.perf_counter() - start
    records, texts = d.data["figures"], [p["text"] for p in d.data["paragraphs"]]
    want = Counter(_key(f.paragraph, f.value, f.unit, f.qualifier) for f in curated.figures)
    got = Counter(_key(r["paragraph"], r["value"], r["unit"], r.get("qualifier")) for r in records)
    kinds = {_key(f.paragraph, f.value, f.unit, f.qualifier): f.kind for f in curated.figures}
    curated_parts = [draft.as_data(p) for p in curated.parts]
    return Measured(
        len(texts), sum(a == b.text for a, b in zip(texts, curated.paragraphs)), len(curated.paragraphs),
        _numbered(d.data["parts"]) == _numbered(curated_parts), _groups(d.data["parts"]) == _groups(curated_parts),
        len(curated.figures), len(records), sum((want & got).values()), sorted((want - got).elements()),
        sorted((got - want).elements()), wrong_scales(curated.figures, records),
        sum(kinds.get(_key(r["paragraph"], r["value"], r["unit"], r.get("qualifier"))) == r["kind"] for r in records),
        seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "data" / "source.txt")
    parser.add_argument("--report", type=Path, default=ROOT / "data" / "report.yaml")
    args = parser.parse_args()
    m = measured(args.source, args.report)
    print("| what | measured |\n|---|---|")
    print(f"| paragraphs equal to the curated ones | {m.paragraphs_equal} of {m.curated_paragraphs} "
          f"(draft: {m.paragraphs}) |")
    print(f"| numbered parts and sections (numbers, titles) | {'equal' if m.numbered_equal else 'DIFFERENT'} |")
    print(f"| paragraphs of every section and topic | {'equal' if m.groups_equal else 'DIFFERENT'} |")
    print(f"| figure recall (same paragraph, value, unit, qualifier) | {m.found}/{m.curated_figures} = "
          f"{m.recall:.1%} |")
    print(f"| figure precision (extra records) | {m.found}/{m.draft_figures} = {m.precision:.1%} "
          f"({len(m.extra)} extra) |")
    print(f"| wrong scales | {len(m.wrong_scales)} |")
    print(f"| proposed kinds agreeing with the curated | {m.kinds_agree}/{m.draft_figures} |")
    print(f"| import stages (no file I/O, no validation) | {m.seconds:.2f} s |")
    for what, rows in (("missing", m.missing), ("extra", m.extra), ("wrong scale", m.wrong_scales)):
        for row in rows:
            print(f"{what}: {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
