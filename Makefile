# Two commands for a fresh machine (see README.md):
#   make serve   set up, build, and serve the course with live reload
#   make test    set up (plus Debian's chromium if missing) and run every test
# Also: make build (set up, build into site/), make check, make bench, make clean.
# Each step leaves a stamp, so the second run only redoes what changed.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup runtime build serve check test bench chromium clean

setup: $(PY_STAMP) $(NPM_STAMP) runtime

# The browser runtime in .cache/vendor/: fetched, bundled and precompiled once
# (builder/vendor.py keeps its own cache keys), a quick check afterwards.
runtime: $(PY_STAMP) $(NPM_STAMP)
	$(PY) -c 'from builder.vendor import ensure_runtime; ensure_runtime()'

$(PY_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

build: setup
	$(PY) build.py

serve: setup
	$(PY) build.py serve

check: setup
	$(PY) build.py check

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

test: setup chromium
	node --test tests/js/*.test.mjs
	$(PY) -m pytest

bench: setup chromium
	$(PY) -m bench

clean:
	rm -rf site .site.partial .site.old .cache $(VENV) node_modules
