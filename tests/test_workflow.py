"""The GitHub Pages workflow, checked offline: schema, permissions, pins, the build command, SITE_URL."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
CHECKER = Path(sys.executable).parent / "check-jsonschema"


@pytest.fixture(scope="module")
def workflow():
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def schema_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECKER), "--builtin-schema", "vendor.github-workflows", str(path)],
                          capture_output=True, text=True)


def test_workflow_matches_the_github_schema():
    result = schema_check(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    assert schema_check(broken).returncode != 0


def test_runs_on_push_to_main_with_least_permissions(workflow):
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"]
    assert all("permissions" not in job for job in workflow["jobs"].values())  # nothing widened per job


def test_every_action_is_pinned_to_an_exact_version(workflow):
    uses = [step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert uses
    for use in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})", use), use
    names = {use.split("@")[0] for use in uses}
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= names


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^    (\S.*)$", quick, re.M)


def test_builds_with_the_readme_command_and_uploads_site(workflow):
    assert readme_commands() == ["make site", "make test"]  # exactly the two commands
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert any(re.search(r"^make site$", run, re.M) for run in runs)
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_site_url_is_derived_from_the_repository(workflow):
    """Run the build step's shell with GitHub's values substituted; make is replaced by printing SITE_URL."""
    step = next(step for step in workflow["jobs"]["build"]["steps"] if "make site" in step.get("run", ""))
    assert step["env"]["OWNER"] == "${{ github.repository_owner }}"
    assert step["env"]["REPO"] == "${{ github.event.repository.name }}"
    assert step["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    script = step["run"].replace("make site", 'echo "$SITE_URL"')
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True,
                            env={"OWNER": "Example-Org", "REPO": "report-site", "PATH": "/usr/bin:/bin"})
    assert result.stdout.strip() == "https://example-org.github.io/report-site/"
