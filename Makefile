# make html   set up .venv, build the handbook strictly, print where it is
# make test   set up .venv, run the whole test suite
# make lint   set up .venv, run the static checks: ruff, mypy, import-linter (the layers)
# make serve  build, then serve the handbook on http://127.0.0.1:8000
# make bench  benchmark builds and tools on synthetic corpora (about 15 minutes); bench-quick for a smoke run
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

serve: html
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(OUT) $(PORT)

bench: $(STAMP)
	$(BIN)/python tools/bench.py --write-docs

bench-quick: $(STAMP)
	$(BIN)/python tools/bench.py --quick

# Print and offline copies for a release (the PDF needs Debian's libpango, which chromium brings).
pdf: $(STAMP)
	$(BIN)/practice-model print pdf

epub: $(STAMP)
	$(BIN)/practice-model print epub

clean:
	rm -rf _build
