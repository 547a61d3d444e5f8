# Two commands, on a fresh machine:   make run   |   make test
# Each creates .venv (if needed) and installs everything it needs itself.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEV    := $(VENV)/.installed-dev
OUT    ?= reports

# Small dense matrices: multi-threaded BLAS only adds wake-up overhead (and oversubscribes the
# worker processes of the Monte Carlo replications). Override on the command line if wanted.
OPENBLAS_NUM_THREADS ?= 1
OMP_NUM_THREADS ?= 1
export OPENBLAS_NUM_THREADS OMP_NUM_THREADS

.PHONY: run test lint format bench fixtures system-deps clean docs

# The package and what rendering needs (make run) ...
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $(STAMP)

# ... and the tools of the tests, lint, docs and benchmarks (make test).
$(DEV): $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(DEV)

# Debian packages the test suite needs (headless Chromium checks the rendered HTML reports).
system-deps:
	@bash scripts/install-system-deps.sh

## The package's main job: render every report from the embedded data: the 67 region reports
## (45 employment areas + 22 wellbeing services counties; in Finnish, and in Swedish too for the
## 22 bilingual regions) plus the study notebooks (Vates 2020 reproduction, example survey,
## compensation, IPS), into reports/<run-id>/ with index.html and manifest.json. Unchanged
## reports are skipped; `make run FORCE=1` re-renders everything.
run: $(STAMP)
	$(VENV)/bin/vaikuttavuus render-all --language all --out $(OUT) $(if $(FORCE),--force)

## The test suite: lint, format check, unit/golden/doctest/property tests, rendered-report checks.
test: $(DEV) system-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

lint: $(DEV)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: $(DEV)
	$(VENV)/bin/ruff format . && $(VENV)/bin/ruff check --fix .

## The documentation (docs/ -> docs/_build/html): warnings are errors, every cross-reference must
## resolve (-n), tutorials are executed (cached in docs/_build/.jupyter_cache), then every internal
## link and anchor of the built site is checked (offline: external links are not followed).
docs: $(DEV)
	$(PY) -m sphinx -b html -W --keep-going -n -j auto docs docs/_build/html
	$(PY) docs/_ext/checklinks.py docs/_build/html

## Benchmarks against peers measured in the same run (R psych if installed, pingouin, factor-analyzer).
bench: $(DEV)
	$(PY) bench/run.py

## Regenerate the golden files from R (needs: apt-get install r-base-core r-cran-psych r-cran-gparotation r-cran-lavaan).
fixtures:
	cd tests/reference && Rscript make_fixtures.R

clean:
	rm -rf $(VENV) papermill_runs/* reports/* reports/.render-cache.json
