"""The checksum list of a built site, to check a published site against a local build.

`sha256_list(files)` takes (path relative to the site root, bytes) pairs and
gives the text of `SHA256SUMS`: one `<sha256>  <path>` line per file, sorted
by path, in the format `sha256sum --check` reads. The list leaves itself out.
"""
from __future__ import annotations

import hashlib
from typing import Iterable

NAME = "SHA256SUMS"


def sha256_list(files: Iterable[tuple[str, bytes]]) -> str:
    lines = sorted(f"{hashlib.sha256(data).hexdigest()}  {path}" for path, data in files if path != NAME)
    lines.sort(key=lambda line: line.split("  ", 1)[1])
    return "".join(line + "\n" for line in lines)
