# Delaynote — `make run` starts the app, `make test` runs every test.
PYTHON ?= $(shell command -v python3.13 2>/dev/null || echo python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# glibc malloc: a fixed mmap threshold returns the large, short-lived buffers of PDF rendering
# to the system instead of keeping them in a fragmented heap (about 10 MB less per process).
export MALLOC_MMAP_THRESHOLD_ ?= 131072
export MALLOC_TRIM_THRESHOLD_ ?= 262144

.PHONY: install compile messages run test lint format bench fonts clean goldens

$(BIN)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 13) else "Delaynote needs Python 3.13 (see .python-version); found " + sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

install: $(BIN)/.installed

compile: install
	$(MANAGE) compilemessages --ignore=.venv -v 0

messages: install
	$(MANAGE) makemessages -l zh_Hans -l vi -l en --no-location --no-obsolete --ignore=.venv --ignore=tests
	$(MANAGE) compilemessages --ignore=.venv

run: compile
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) seed_demo
	@echo ""
	@echo "  Delaynote is running at http://$(HOST):$(PORT)/"
	@echo "  Log in as: demo / delaynote-demo"
	@echo "  The background worker (ZIP exports) runs beside it; Ctrl-C stops both."
	@echo ""
	$(MANAGE) db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: compile lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: compile
	status=0; $(BIN)/python bench/render.py || status=1; $(BIN)/python bench/library.py || status=1; exit $$status

fonts: install
	$(BIN)/python scripts/build_fonts.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

goldens: compile
	$(BIN)/python -m tests.letters.corpus
