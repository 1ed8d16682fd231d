"""What makes an Atom feed valid for us (RFC 4287 plus our own rule), checked with xml.etree.

`atom_problems(xml, base)` lists what is wrong with a feed whose every URL must
be absolute under `base`: the feed's id, title, updated and author (on the
feed or on every entry), a self link; each entry's id (unique), title,
updated (RFC 3339), alternate link; every href and id under `base`.
"""
from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def rfc3339(text: str) -> bool:
    try:
        datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return "T" in text and (text.endswith("Z") or text[-6] in "+-")


def atom_problems(xml: str | bytes, base: str) -> list[str]:
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as e:
        return [f"not well-formed XML: {e}"]
    if root.tag != f"{NS}feed":
        return [f"root element is {root.tag}, not atom:feed"]
    problems = []

    def one(parent: ET.Element, name: str, where: str) -> ET.Element | None:
        found = parent.findall(f"{NS}{name}")
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} atom:{name} elements, expected 1")
            return None
        if name != "author" and not (found[0].text or "").strip():
            problems.append(f"{where}: atom:{name} is empty")
        return found[0]

    def url(value: str | None, where: str) -> None:
        if not value or not value.startswith(base):
            problems.append(f"{where}: {value!r} is not an absolute URL under {base}")

    if not root.get(XML_LANG):
        problems.append("feed: no xml:lang")
    for name in ("id", "title", "updated"):
        one(root, name, "feed")
    feed_id = root.find(f"{NS}id")
    url(feed_id.text if feed_id is not None else None, "feed id")
    updated = root.find(f"{NS}updated")
    if updated is not None and not rfc3339(updated.text or ""):
        problems.append(f"feed: updated {updated.text!r} is not an RFC 3339 date-time")
    links = {l.get("rel", "alternate"): l.get("href") for l in root.findall(f"{NS}link")}
    if "self" not in links:
        problems.append("feed: no self link")
    for rel, href in links.items():
        url(href, f"feed link {rel}")
    feed_author = root.find(f"{NS}author")
    if feed_author is not None and feed_author.find(f"{NS}name") is None:
        problems.append("feed: author without name")
    ids = set()
    for i, entry in enumerate(root.findall(f"{NS}entry")):
        where = f"entry {i + 1}"
        for name in ("id", "title", "updated"):
            one(entry, name, where)
        if feed_author is None and entry.find(f"{NS}author") is None:
            problems.append(f"{where}: no author (and none on the feed)")
        entry_id = entry.findtext(f"{NS}id")
        url(entry_id, f"{where} id")
        if entry_id in ids:
            problems.append(f"{where}: id {entry_id} used twice")
        ids.add(entry_id)
        if not rfc3339(entry.findtext(f"{NS}updated") or ""):
            problems.append(f"{where}: updated is not an RFC 3339 date-time")
        alternates = [l for l in entry.findall(f"{NS}link") if l.get("rel", "alternate") == "alternate"]
        if not alternates:
            problems.append(f"{where}: no alternate link")
        for link in alternates:
            url(link.get("href"), f"{where} link")
    return problems


def entries(xml: str | bytes) -> list[ET.Element]:
    return ET.fromstring(xml).findall(f"{NS}entry")
