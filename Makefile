# make html   set up .venv, build the handbook strictly, print where it is
# make test   set up .venv, run the whole test suite
# make lint   set up .venv, run the static checks: ruff, mypy, import-linter (the layers)
# make serve  build and serve the handbook on http://127.0.0.1:8000, rebuilding on save and reloading the browser
# make bench  benchmark builds and tools on synthetic corpora and the real handbook (about 25 minutes); bench-quick for a smoke run
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
AXE := tools/browser/node_modules/axe-core/axe.min.js
OUT := _build/html
PORT ?= 8000

.PHONY: html test lint serve bench bench-quick pdf epub clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[all,test]"
	touch $(STAMP)

html: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -c . docs $(OUT)
	@echo
	@echo "The handbook is built. Open $(CURDIR)/$(OUT)/index.html"

# axe-core (accessibility checks) comes from the npm registry; without npm the
# accessibility tests are skipped with the reason shown (CI requires them).
$(AXE): tools/browser/package.json tools/browser/package-lock.json
	-command -v npm >/dev/null && npm ci --prefix tools/browser --no-audit --no-fund --loglevel=error

test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest

# Configured in pyproject.toml: bugs ruff finds, types mypy checks, and the package's layers (no cycle, no upward import).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# The preview loop: sphinx-autobuild (the handbook extra) rebuilds what changed
# on save and reloads the page. Not -W, so a half-typed edit shows its warning in
# the terminal instead of stopping the preview; `make html` stays strict.
# Only this machine can see it (127.0.0.1); PORT=8001 make serve for another port.
serve: $(STAMP)
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port $(PORT) --watch practice_model --watch conf.py --re-ignore __pycache__ -c . docs $(OUT)

bench: $(STAMP)
	$(BIN)/python tools/bench.py --real --write-docs

bench-quick: $(STAMP)
	$(BIN)/python tools/bench.py --quick

# Print and offline copies for a release (the PDF needs Debian's libpango, which chromium brings).
pdf: $(STAMP)
	$(BIN)/practice-model print pdf

epub: $(STAMP)
	$(BIN)/practice-model print epub

clean:
	rm -rf _build
