"""Figure quotes in the full text: a paragraph + its figures' quotes -> the paragraph with each quote marked.

`mark_quotes(text, quotes, piece)` takes a paragraph's text, the (figure id,
quote) pairs of its figures and a function that renders a stretch of plain
text (escaping, glossary marks); gives Markup where each quote is an element
`<span class="fq" id="fig-ID">` that a figure link can target (`#fig-ID`),
so the reader lands on the quoted words themselves, marked by CSS `:target`.

Quotes may share words. One that lies inside another nests in it, and two
figures with the same quote nest one in the other. Two quotes that overlap in
part cannot both be one element: the later one is cut where the earlier one
ends and goes on in a `<span class="fq fq-more">` right after it, which the
style sheet marks when the element before has the cut quote as its last child
and target (`.fq:has(> .fq:target:last-child) + .fq-more`). A tangle that rule
cannot reach (a quote cut twice, or cut together with another) keeps only an
empty anchor at its start: the link still lands there, the paragraph tinted.
A quote that occurs more than once in the paragraph is marked where it first
occurs.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup

PREFIX = "fig-"


def anchor(figure_id: str) -> str:
    """The id of a figure's quote in the full text."""
    return PREFIX + figure_id


@dataclass(frozen=True)
class _Quote:
    id: str
    start: int
    end: int


def _layout(text: str, quotes: list[_Quote], piece: Callable[[str], Markup]) -> tuple[Markup, set[str]]:
    """The marked paragraph, and the ids of quotes whose continuation the style sheet cannot reach."""
    starts: dict[int, list[_Quote]] = {}
    for q in sorted(quotes, key=lambda q: (q.start, -q.end)):  # at one position: the longest first, enclosing
        starts.setdefault(q.start, []).append(q)
    bounds = sorted({0, len(text), *starts, *(q.end for q in quotes)})
    out: list[Markup] = []
    stack: list[tuple[_Quote, bool]] = []  # open elements: the quote, and whether it is a continuation
    unreachable: set[str] = set()
    for pos, nxt in zip(bounds, bounds[1:] + [None]):
        # close what ends here; a quote opened inside it that goes on is cut and reopened after it
        ending = [i for i, (q, _) in enumerate(stack) if q.end <= pos]
        if ending:
            depth = ending[0]
            cut = [(q, more) for q, more in stack[depth + 1:] if q.end > pos]
            if len(cut) > 1 or (cut and (cut[0][1] or stack[depth + 1][0] != cut[0][0])):
                unreachable.update(q.id for q, _ in cut)
            out.extend(Markup("</span>") for _ in stack[depth:])
            stack = stack[:depth]
            for q, _ in cut:
                out.append(Markup('<span class="fq fq-more">'))
                stack.append((q, True))
        for q in starts.get(pos, []):
            out.append(Markup('<span class="fq" id="{}">').format(anchor(q.id)))
            if q.end > q.start:
                stack.append((q, False))
            else:  # an anchor only
                out.append(Markup("</span>"))
        if nxt is not None and nxt > pos:
            out.append(piece(text[pos:nxt]))
    out.extend(Markup("</span>") for _ in stack)
    return Markup("").join(out), unreachable


def mark_quotes(text: str, quotes: list[tuple[str, str]], piece: Callable[[str], Markup]) -> Markup:
    """The paragraph with each figure's quote wrapped in its own element (see the module docstring)."""
    found = []
    for fid, quote in quotes:
        at = text.find(quote) if quote else -1
        if at < 0:
            raise ValueError(f"the quote of figure {fid!r} does not occur in its paragraph: {quote!r}")
        found.append(_Quote(fid, at, at + len(quote)))
    wrapped, anchored = found, []
    while True:
        _, unreachable = _layout(text, wrapped, lambda s: Markup(""))
        if not unreachable:
            break
        first = next(q for q in wrapped if q.id in unreachable)  # give up on one at a time, in order
        wrapped = [q for q in wrapped if q is not first]
        anchored.append(_Quote(first.id, first.start, first.start))
    marked, _ = _layout(text, wrapped + anchored, piece)
    return marked
