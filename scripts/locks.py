"""Command-line entry: are the hash-checked locks up to date with the requirements? Offline.

    python scripts/locks.py

`make lock` compiles requirements.txt into requirements.lock and requirements-test.txt
into requirements-test.lock with pip-compile (every version from constraints.txt, every
file's sha256), and `make site` / `make test` install only from the locks, with
`pip install --require-hashes`. This check needs no network: each pin of a requirements
file is in its lock at the same version, each locked package is pinned at that version
in constraints.txt and has hashes, and each locked package is still required (by a
requirements file, or by another locked package, as pip-compile's `# via` notes say).
Prints one line per problem, each ending with what to run; exit 1 when there is one.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {"requirements.lock": "requirements.txt", "requirements-test.lock": "requirements-test.txt"}
CONSTRAINTS = "constraints.txt"
FIX = "run `make lock` and commit the locks"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*([^\s;#\\]+)")


def canonical(name: str) -> str:
    """A package name as PyPI compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(root: Path, name: str, seen: tuple[str, ...] = ()) -> dict[str, tuple[str, str]]:
    """{package: (version, file that pins it)} of a requirements file, following `-r` (not `-c`)."""
    found: dict[str, tuple[str, str]] = {}
    for line in (root / name).read_text(encoding="utf-8").splitlines():
        line = re.sub(r"(^|\s)#.*$", "", line).strip()
        include = re.match(r"^(?:-r|--requirement)\s*(\S+)$", line)
        if include and include.group(1) not in seen:
            found.update(pins(root, include.group(1), (*seen, name)))
        elif pin := PIN.match(line):
            found[canonical(pin.group(1))] = (pin.group(2), name)
    return found


@dataclass(kw_only=True)
class Locked:
    """One package of a lock: its version, its hashes, and what pip-compile says requires it."""

    version: str  # the exact version installed
    hashes: list[str] = field(default_factory=list)  # the sha256 of every file pip may download
    via: list[str] = field(default_factory=list)  # "-r requirements.txt", "-c constraints.txt" or a package


def read_lock(text: str) -> dict[str, Locked]:
    """The packages of a pip-compile lock with hashes and `# via` notes (either annotation style)."""
    packages: dict[str, Locked] = {}
    current: Locked | None = None
    for line in text.splitlines():
        if pin := PIN.match(line):
            current = packages.setdefault(canonical(pin.group(1)), Locked(version=pin.group(2)))
        elif current is not None and (digest := re.search(r"--hash=(sha256:[0-9a-f]{64})", line)):
            current.hashes.append(digest.group(1))
        elif current is not None and (note := re.match(r"^\s*#\s+(?:via\s+)?(\S.*)$", line)):
            item = note.group(1).strip()
            if item != "via" and not item.startswith("via "):
                current.via.append(item if item.startswith(("-r", "-c")) else canonical(item))
    return packages


def problems(root: Path = ROOT) -> list[str]:
    """Every way the locks disagree with requirements*.txt and constraints.txt, one line each."""
    found: list[str] = []
    constrained = pins(root, CONSTRAINTS)
    for lock_name, source in LOCKS.items():
        lock_path = root / lock_name
        if not lock_path.exists():
            found.append(f"{lock_name} is missing: {FIX}")
            continue
        lock = read_lock(lock_path.read_text(encoding="utf-8"))
        wanted = pins(root, source)
        for name, (version, where) in sorted(wanted.items()):
            have = lock.get(name)
            if have is None:
                found.append(f"{lock_name} is out of date with {where}: {name}=={version} is not in the lock; {FIX}")
            elif have.version != version:
                found.append(f"{lock_name} is out of date with {where}: it has {name}=={have.version}, "
                             f"{where} pins {version}; {FIX}")
        for name, entry in sorted(lock.items()):
            pinned = constrained.get(name)
            if pinned is None:
                found.append(f"{lock_name}: {name}=={entry.version} is not pinned in {CONSTRAINTS}; "
                             f"pin it there, then {FIX}")
            elif pinned[0] != entry.version:
                found.append(f"{lock_name} is out of date with {CONSTRAINTS}: it has {name}=={entry.version}, "
                             f"{CONSTRAINTS} pins {pinned[0]}; {FIX}")
            if not entry.hashes:
                found.append(f"{lock_name}: {name}=={entry.version} has no --hash; {FIX}")
            parents = [v for v in entry.via if not v.startswith("-c")]
            still_required = any(
                (v.startswith("-r") and wanted.get(name, ("", ""))[1] == v[2:].strip()) or v in lock for v in parents)
            if not still_required:
                found.append(f"{lock_name} is out of date with {source}: {name} is locked but nothing requires it "
                             f"any more; {FIX}")
    return found


def main() -> int:
    found = problems()
    for line in found:
        print(line, file=sys.stderr)
    if not found:
        print(f"ok: {', '.join(LOCKS)} agree with {', '.join(LOCKS.values())} and {CONSTRAINTS}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
