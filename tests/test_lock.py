"""The hash-checked Python locks: up to date with requirements*.txt and constraints.txt, used by make.

Offline: scripts/locks.py compares the files; `make lock` (pip-compile, needs PyPI) rewrites them.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import locks  # noqa: E402

FILES = ["requirements.txt", "requirements-test.txt", "constraints.txt", *locks.LOCKS]
FIX = "run `make lock` and commit the locks"


def test_the_locks_agree_with_the_requirements():
    found = locks.problems(ROOT)
    assert not found, "\n".join(found)


def test_every_locked_package_has_hashes_and_the_locks_agree_with_each_other():
    site = locks.read_lock((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    test = locks.read_lock((ROOT / "requirements-test.lock").read_text(encoding="utf-8"))
    assert {"mkdocs", "mkdocs-material", "opencc", "jieba"} <= set(site)
    assert {"pytest", "playwright", "check-jsonschema"} <= set(test) and "pytest" not in site
    for name, entry in site.items():  # the test set-up installs over the site's: same versions, same files
        assert (test[name].version, test[name].hashes) == (entry.version, entry.hashes), name
    for entry in test.values():
        assert entry.hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in entry.hashes)


def test_make_installs_only_from_the_locks_with_hashes():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line or "PIP_INSTALL)" in line]
    assert "PIP_INSTALL = $(VENV)/bin/pip install --disable-pip-version-check -q --require-hashes" in installs
    assert [line.strip() for line in installs if line.strip().startswith("$(PIP_INSTALL)")] == [
        "$(PIP_INSTALL) -r requirements.lock", "$(PIP_INSTALL) -r requirements-test.lock"]
    assert re.search(r"^PIP_TOOLS := pip-tools==\d+\.\d+\.\d+$", makefile, re.M)  # the lock tool is pinned
    assert "--generate-hashes" in makefile


@pytest.fixture()
def copy(tmp_path):
    for name in FILES:
        shutil.copy(ROOT / name, tmp_path / name)
    assert locks.problems(tmp_path) == []
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_version_changed_without_make_lock_is_caught(copy):
    edit(copy / "requirements.txt", "mkdocs-material==9.8.1", "mkdocs-material==9.8.2")
    assert locks.problems(copy) == [
        f"requirements.lock is out of date with requirements.txt: it has mkdocs-material==9.8.1, "
        f"requirements.txt pins 9.8.2; {FIX}",
        f"requirements-test.lock is out of date with requirements.txt: it has mkdocs-material==9.8.1, "
        f"requirements.txt pins 9.8.2; {FIX}"]


def test_a_new_requirement_without_make_lock_is_caught(copy):
    edit(copy / "requirements-test.txt", "pytest==9.2.0\n", "pytest==9.2.0\npytest-timeout==2.4.0\n")
    assert locks.problems(copy) == [
        f"requirements-test.lock is out of date with requirements-test.txt: pytest-timeout==2.4.0 is not in the lock; {FIX}"]


def test_a_removed_requirement_without_make_lock_is_caught(copy):
    edit(copy / "requirements-test.txt", "check-jsonschema==0.39.0", "")
    assert locks.problems(copy) == [
        f"requirements-test.lock is out of date with requirements-test.txt: check-jsonschema is locked but nothing "
        f"requires it any more; {FIX}"]


def test_a_transitive_pin_changed_without_make_lock_is_caught(copy):
    edit(copy / "constraints.txt", "idna==3.20", "idna==3.21")
    assert locks.problems(copy) == [
        f"requirements.lock is out of date with constraints.txt: it has idna==3.20, constraints.txt pins 3.21; {FIX}",
        f"requirements-test.lock is out of date with constraints.txt: it has idna==3.20, constraints.txt pins 3.21; {FIX}"]


def test_a_package_without_hashes_is_caught(copy):
    lock = copy / "requirements.lock"
    lock.write_text(re.sub(r"(jieba==0\.42\.1) \\\n(\s+--hash=\S+( \\)?\n)+", r"\1\n", lock.read_text(encoding="utf-8")),
                    encoding="utf-8")
    assert locks.problems(copy) == [f"requirements.lock: jieba==0.42.1 has no --hash; {FIX}"]


def test_the_command_prints_what_to_run_and_fails(copy):
    edit(copy / "requirements.txt", "jinja2==3.1.6", "jinja2==3.1.7")
    script = copy / "scripts" / "locks.py"
    script.parent.mkdir()
    shutil.copy(ROOT / "scripts" / "locks.py", script)
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert r.returncode == 1
    assert r.stderr.splitlines()[0] == (
        f"requirements.lock is out of date with requirements.txt: it has jinja2==3.1.6, requirements.txt pins 3.1.7; {FIX}")
