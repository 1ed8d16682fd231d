# The project's commands. `make site` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SITE_DEPS := $(VENV)/.site-deps
TEST_DEPS := $(VENV)/.test-deps
LOCK_TOOLS := build/lock-tools
PIP_TOOLS := pip-tools==7.6.2
PIP_INSTALL = $(VENV)/bin/pip install --disable-pip-version-check -q --require-hashes
COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_TOOLS)/bin/pip-compile --quiet --generate-hashes \
	--no-reuse-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --constraint constraints.txt
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test quick check import serve social bench weight lighthouse lock system-deps clean

## site: set up and build all three languages into site/
site: $(SITE_DEPS)
	$(PY) scripts/build.py

## test: set up (Python packages, Chromium, CJK fonts, Lighthouse) and run the whole suite, on both cores
test: $(TEST_DEPS) system-deps
	$(PY) -m pytest -n 2 --dist worksteal

## quick: the edit loop: data, rendering and the built site, no browser, no second build (CI runs the whole suite)
quick: $(TEST_DEPS)
	$(PY) -m pytest -n 2 --dist worksteal -m "not browser and not slow" -q

## check: validate data/report.yaml without building (every problem at once)
check: $(SITE_DEPS)
	@$(PY) scripts/check.py

## import: a report's text (a PDF's text dump) -> a draft report: make import SOURCE=file.txt YEAR=2025 [OUT=file] [FORCE=1] [PREVIOUS=data/report.yaml]
import: $(SITE_DEPS)
	@$(PY) scripts/import.py "$(SOURCE)" --year "$(YEAR)" $(if $(OUT),--out "$(OUT)") $(if $(FORCE),--force) $(if $(PREVIOUS),--previous "$(PREVIOUS)")

## serve: live preview on http://127.0.0.1:8000/ (SITE_LANG=zh|zh-Hant|en)
serve: $(SITE_DEPS)
	$(PY) scripts/serve.py

## social: redraw the sharing images (docs/assets/social/*.png) after a title or headline change
social: $(TEST_DEPS) system-deps
	$(PY) scripts/social.py

## bench: build, check, edit-to-reload times and search on a slow phone (RUNS=5), medians, as tables
bench: $(TEST_DEPS) system-deps
	$(PY) scripts/measuring/bench.py --runs $(or $(RUNS),5)

## weight: compressed bytes a first visit transfers, per page type and language
weight: $(TEST_DEPS) system-deps
	$(PY) scripts/measuring/weight.py

## lighthouse: Lighthouse mobile scores of every page type and language (RUNS=3 for medians; ARGS="--pages glossary --langs en")
lighthouse: $(TEST_DEPS) system-deps
	$(PY) scripts/measuring/lighthouse.py --runs $(or $(RUNS),1) $(ARGS)

## lock: after changing requirements*.txt or constraints.txt, recompute the hash-checked locks (needs PyPI)
lock:
	$(PYTHON) -m venv $(LOCK_TOOLS)
	$(LOCK_TOOLS)/bin/pip install --disable-pip-version-check -q $(PIP_TOOLS)
	$(COMPILE) --output-file requirements.lock requirements.txt
	$(COMPILE) --output-file requirements-test.lock requirements-test.txt
	@$(PYTHON) scripts/locks.py

system-deps:
	@bash scripts/setup-system.sh

# Installs only what the locks list, each file checked against its sha256 (`make lock` writes them).
$(SITE_DEPS): requirements.lock
	[ -x $(VENV)/bin/python ] || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.lock
	touch $@

$(TEST_DEPS): $(SITE_DEPS) requirements-test.lock
	$(PIP_INSTALL) -r requirements-test.lock
	touch $@

clean:
	rm -rf site build
