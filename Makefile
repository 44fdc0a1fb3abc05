# Delaynote — `make run` starts the app, `make test` runs every test, `make dev` serves for development.
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

.PHONY: install compile messages run dev test lint format bench loadtest fonts sort-keys clean goldens

$(BIN)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 13) else "Delaynote needs Python 3.13 (see .python-version); found " + sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

install: $(BIN)/.installed

# The secret key of this checkout, made once and kept (settings read it when SECRET_KEY is not set).
var/secret_key:
	@mkdir -p var
	@umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	@echo "Created a secret key in $@ (keep it: sessions and password-reset links depend on it)."

compile: install var/secret_key
	$(MANAGE) compilemessages --ignore=.venv -v 0

messages: install var/secret_key
	$(MANAGE) makemessages -l zh_Hans -l vi -l en --no-location --no-obsolete --ignore=.venv --ignore=tests
	$(MANAGE) compilemessages --ignore=.venv

# Production-like on SQLite: gunicorn with gunicorn.conf.py and the background worker, DEBUG off.
run: compile
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) collectstatic --noinput -v 0
	$(MANAGE) seed_demo
	@echo ""
	@echo "  Delaynote is running at http://$(HOST):$(PORT)/"
	@echo "  Log in as: demo / delaynote-demo"
	@echo "  gunicorn serves it; the background worker (exports, imports, clean-up) runs beside it; Ctrl-C stops both."
	@echo ""
	$(MANAGE) worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/gunicorn -c gunicorn.conf.py --bind $(HOST):$(PORT) delaynote.wsgi

# Development: runserver (reloads on every change, shows debug pages) and the worker, DEBUG on.
dev: export DEBUG = 1
dev: compile
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) seed_demo
	@echo ""
	@echo "  Delaynote (development) is running at http://$(HOST):$(PORT)/"
	@echo "  Log in as: demo / delaynote-demo"
	@echo ""
	$(MANAGE) worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Tests run in one process per CPU (pytest-xdist); TEST_PROCESSES=0 runs them in this one.
TEST_PROCESSES ?= auto
test: compile lint
	$(BIN)/python -m pytest -n $(TEST_PROCESSES) $(PYTEST_ARGS)

bench: compile
	status=0; $(BIN)/python bench/render.py || status=1; $(BIN)/python bench/library.py || status=1; exit $$status

# 30 users for 60 s against gunicorn, on SQLite or on the PostgreSQL server DATABASE_URL names.
loadtest: compile
	$(BIN)/python bench/loadtest.py $(LOADTEST_ARGS)

fonts: install
	$(BIN)/python scripts/build_fonts.py

# The pinyin order of the Chinese country and currency names (composer/data/pinyin_keys.json).
sort-keys: install
	$(BIN)/python scripts/build_sort_keys.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

goldens: compile
	$(BIN)/python -m tests.letters.corpus
