"""The GitHub workflow and Dependabot, checked offline: schema, triggers, permissions, pins, commands, SITE_URL."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "test-and-publish.yml"
DEPENDABOT = ROOT / ".github" / "dependabot.yml"
CHECKER = Path(sys.executable).parent / "check-jsonschema"
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
PINNED = re.compile(r"(?P<repo>[\w.-]+/[\w.-]+)(?:/[\w./-]+)?@(?P<sha>[0-9a-f]{40})")
VERSION_COMMENT = re.compile(r"\s+#\s*v\d+\.\d+\.\d+\s*$")
README_COMMANDS = ["make site", "make test"]


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


@pytest.fixture(scope="module")
def workflow():
    return load(WORKFLOW)


def schema_check(path: Path, schema: str = "vendor.github-workflows") -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECKER), "--builtin-schema", schema, str(path)], capture_output=True, text=True)


def unpinned(text: str, name: str) -> list[str]:
    """Each `uses:` that is not an action pinned by full commit SHA with its version in a comment."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        found = USES.match(line)
        if not found:
            continue
        ref, rest = found.group("ref").strip("'\""), found.group("rest")
        pin = PINNED.fullmatch(ref)
        if pin is None:
            repo, _, tag = ref.partition("@")
            problems.append(
                f"{name}:{number}: `uses: {ref}` is not pinned by commit: write `uses: {repo}@<40-hex commit> # {tag or 'vX.Y.Z'}`; "
                f"find the commit with `git ls-remote https://github.com/{'/'.join(repo.split('/')[:2])} refs/tags/{tag or 'vX.Y.Z'}`")
        elif not VERSION_COMMENT.fullmatch(rest):
            problems.append(f"{name}:{number}: `uses: {ref}` has no version comment: add ` # vX.Y.Z`, the release "
                            f"tag of that commit (`git ls-remote --tags https://github.com/{pin.group('repo')}` lists them)")
    return problems


def test_workflow_matches_the_github_schema():
    result = schema_check(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    assert schema_check(broken).returncode != 0


def test_every_action_is_pinned_by_commit_with_its_version():
    for path in sorted((ROOT / ".github" / "workflows").glob("*.y*ml")):
        text = path.read_text(encoding="utf-8")
        assert any(USES.match(line) for line in text.splitlines()), path
        problems = unpinned(text, path.relative_to(ROOT).as_posix())
        assert not problems, "\n".join(problems)


def test_a_tag_or_a_missing_comment_is_caught_with_what_to_run():
    text = "steps:\n  - uses: actions/checkout@v7.0.1\n  - uses: actions/setup-python@" + "a" * 40 + "\n"
    assert unpinned(text, "w.yml") == [
        "w.yml:2: `uses: actions/checkout@v7.0.1` is not pinned by commit: write "
        "`uses: actions/checkout@<40-hex commit> # v7.0.1`; find the commit with "
        "`git ls-remote https://github.com/actions/checkout refs/tags/v7.0.1`",
        "w.yml:3: `uses: actions/setup-python@" + "a" * 40 + "` has no version comment: add ` # vX.Y.Z`, the release "
        "tag of that commit (`git ls-remote --tags https://github.com/actions/setup-python` lists them)"]
    assert unpinned("  - uses: actions/checkout@" + "b" * 40 + " # v7.0.1\n", "w.yml") == []
    assert unpinned("  - uses: actions/checkout@" + "b" * 39 + " # v7.0.1\n", "w.yml")  # a short SHA is no pin


def test_tests_run_on_every_pull_request_and_push(workflow):
    assert set(workflow["on"]) == {"pull_request", "push", "workflow_dispatch"}
    assert workflow["on"]["pull_request"] is None and workflow["on"]["push"] is None  # every branch
    test = workflow["jobs"]["test"]
    assert test["runs-on"] == "ubuntu-24.04" and "if" not in test and "needs" not in test
    runs = [step["run"] for step in test["steps"] if "run" in step]
    assert runs[-1] == "make test"  # the README's test command, as .ci/run runs it
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert [l for l in ci.splitlines() if l and not l.startswith(("#", "set ", "cd "))] == ["make test"]


def test_the_suite_also_runs_on_the_newest_pythons(workflow):
    job = workflow["jobs"]["newer-python"]
    assert job["strategy"]["matrix"]["python"] == ["3.13", "3.14"] and job["strategy"]["fail-fast"] is False
    assert job["permissions"] == {"contents": "read"} and "needs" not in job and "if" not in job
    setup = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "${{ matrix.python }}"
    assert [s["run"] for s in job["steps"] if "run" in s][-1] == "make test"
    assert workflow["jobs"]["build"]["needs"] == "test"  # publishing does not wait for the newer Pythons


def test_pip_and_npm_downloads_are_cached(workflow):
    for name in ("test", "build"):
        setup = next(s for s in workflow["jobs"][name]["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
        assert setup["with"]["python-version"] == "3.11" and setup["with"]["cache"] == "pip"
        assert setup["with"]["cache-dependency-path"].split() == ["requirements.lock", "requirements-test.lock",
                                                                  "package-lock.json"]
    runs = [s["run"] for s in workflow["jobs"]["test"]["steps"] if "run" in s]
    # setup-python caches `pip cache dir` (~/.cache/pip on Ubuntu); npm's cache is put inside it
    assert 'echo "npm_config_cache=$HOME/.cache/pip/npm" >> "$GITHUB_ENV"' in runs
    assert runs.index('echo "npm_config_cache=$HOME/.cache/pip/npm" >> "$GITHUB_ENV"') < runs.index("make test")


def test_publishing_needs_the_tests_of_that_run_and_least_permissions(workflow):
    jobs = workflow["jobs"]
    assert workflow["permissions"] == {}
    assert jobs["test"]["permissions"] == {"contents": "read"}
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build"
    assert jobs["build"]["if"] == "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert jobs["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    checkouts = [s for job in jobs.values() for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts and all(s["with"]["persist-credentials"] is False for s in checkouts)


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^    (\S.*)$", quick, re.M)


def test_builds_with_the_readme_command_and_uploads_site(workflow):
    assert readme_commands() == README_COMMANDS  # exactly the two commands
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert any(re.search(r"^make site$", run, re.M) for run in runs)
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"


def site_url_from(workflow, base_url: str) -> str:
    """Run the build step's shell with configure-pages' base_url; make is replaced by printing SITE_URL."""
    steps = workflow["jobs"]["build"]["steps"]
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    step = next(s for s in steps if "make site" in s.get("run", ""))
    assert step["env"]["BASE_URL"] == "${{ steps.%s.outputs.base_url }}" % pages["id"]
    assert step["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    script = step["run"].replace("make site", 'echo "$SITE_URL"')
    result = subprocess.run(["bash", "-euc", script], capture_output=True, text=True,
                            env={"BASE_URL": base_url, "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


# configure-pages' base_url (no trailing slash) for the three kinds of Pages site, and the site root
SITES = {
    "project site": ("https://example-org.github.io/report-site", "https://example-org.github.io/report-site/"),
    "user site": ("https://example-org.github.io", "https://example-org.github.io/"),
    "custom domain": ("https://report.example.org", "https://report.example.org/"),
}


@pytest.mark.parametrize("kind", SITES)
def test_site_url_comes_from_configure_pages(workflow, kind):
    base_url, root = SITES[kind]
    assert site_url_from(workflow, base_url) == root


@pytest.mark.slow  # builds the site again (left out of make quick)
@pytest.mark.parametrize("kind", SITES)
def test_absolute_urls_follow_the_pages_address(workflow, kind, tmp_path):
    """Built (invented fixture report) with the SITE_URL the workflow computes: hreflang alternates,
    sitemap, Open Graph URL and image all start at the site root, for every kind of Pages site."""
    from badinput import FIXTURE
    from conftest import FIXTURE_YEAR

    root = site_url_from(workflow, SITES[kind][0])
    out = tmp_path / "site"
    env = {**os.environ, "SITE_URL": root, "SITEGEN_TODAY": "2030-12-31"}  # the fixture's tracking dates are in 2030
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--data", str(FIXTURE), "--out", str(out)],
                       capture_output=True, text=True, cwd=ROOT, env=env)
    assert r.returncode == 0, r.stderr
    page = (out / "en" / FIXTURE_YEAR / "indicators" / "index.html").read_text(encoding="utf-8")
    indicators = FIXTURE_YEAR + "indicators/"
    alternates = re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)"', page)
    assert sorted(alternates) == sorted([(root + indicators, "zh-Hans"), (root + "zh-Hant/" + indicators, "zh-Hant"),
                                         (root + "en/" + indicators, "en")]), alternates
    assert f'<meta property="og:url" content="{root}en/{indicators}">' in page
    assert f'<meta property="og:image" content="{root}en/assets/social/en.png">' in page
    assert f'<link rel="canonical" href="{root}en/{indicators}">' in page
    for prefix in ("", "zh-Hant/", "en/"):
        locs = re.findall(r"<loc>([^<]+)</loc>", (out / prefix / "sitemap.xml").read_text(encoding="utf-8"))
        assert locs and all(loc.startswith(root + prefix) and "//" not in loc.split("://", 1)[1] for loc in locs), locs


def test_dependabot_updates_actions_python_and_npm_in_a_few_grouped_pull_requests():
    result = schema_check(DEPENDABOT, "vendor.dependabot")
    assert result.returncode == 0, result.stdout + result.stderr
    config = load(DEPENDABOT)
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"github-actions", "pip", "npm"}
    for update in updates.values():
        assert update["directory"] == "/"
        assert update["schedule"]["interval"] == "monthly"
        groups = sorted((g.get("applies-to", "version-updates"), g["patterns"]) for g in update["groups"].values())
        assert groups == [("security-updates", ["*"]), ("version-updates", ["*"])]  # one pull request per ecosystem
