# Remedy Hub: `make run` to try it, `make test` to check it. Needs only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
LOCALE := src/remedyhub/locale
export DJANGO_SETTINGS_MODULE := remedyhub.conf.settings

.PHONY: run serve install install-test messages makemessages migrate demo test lint typecheck \
	migrations-check schema-check pytest browser clean bench-matching bench-intake bench-knowledge

run: install messages migrate demo serve ## set up everything and serve on http://127.0.0.1:8000

# The web server and, beside it, the background worker (reminders, deadline passes, e-mail).
serve:
	DJANGO_ENV=development $(MANAGE) deadlines_check --schedule
	DJANGO_ENV=development $(MANAGE) retention_purge --schedule
	DJANGO_ENV=development $(MANAGE) helpdesk_check --schedule
	DJANGO_ENV=development $(MANAGE) db_worker --interval 5 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_ENV=development $(MANAGE) runserver 127.0.0.1:8000

$(PY):
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY) .env
	$(PY) -m pip install --quiet -e .
	touch $@

# A developer's checkout runs in development; a server has no .env and fails closed.
.env:
	printf '# Local settings for this checkout (not committed)\nDJANGO_ENV=development\n' > .env

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# Compiled catalogues are build output; Babel compiles them without GNU gettext.
messages: install
	$(BIN)/pybabel compile --domain django --directory $(LOCALE) --statistics

# For developers with GNU gettext: extract new source strings into the catalogues. Without
# source locations, so that two branches adding strings do not conflict on line numbers.
makemessages: install
	DJANGO_ENV=development $(MANAGE) makemessages --all --no-obsolete --no-location \
		--ignore '.venv/*' --ignore 'var/*' --ignore 'bench/*'
	for po in $(LOCALE)/*/LC_MESSAGES/django.po; do msgcat -o $$po $$po; done

migrate: install
	DJANGO_ENV=development $(MANAGE) migrate --no-input

demo: install
	DJANGO_ENV=development $(MANAGE) demo_data

test: install-test messages browser lint typecheck migrations-check schema-check audit pytest ## all checks

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-test
	DJANGO_ENV=test $(BIN)/mypy src/remedyhub

migrations-check: install-test
	DJANGO_ENV=test $(MANAGE) makemigrations --check --dry-run

# Known vulnerabilities in the installed dependencies (pip-audit); says so when offline.
audit: install-test
	$(PY) scripts/audit_dependencies.py

schema-check: install-test
	DJANGO_ENV=test $(MANAGE) spectacular --validate --fail-on-warn --file /dev/null

# Two workers (pytest-xdist): the suite is CPU-bound and CI has two cores. Each worker has
# its own test database. PYTEST_ARGS="-n 0" runs in one process.
PYTEST_ARGS ?= -n 2
pytest: install-test messages
	$(BIN)/pytest $(PYTEST_ARGS)

# The page tests drive Debian's Chromium (Playwright cannot download its own browser here).
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "Installing Debian's chromium for the page tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "No chromium and no root to install it: the browser tests will be skipped."; \
		fi; \
	fi

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
	find $(LOCALE) -name '*.mo' -delete

# Matcher against brute-force rapidfuzz and pg_trgm; BENCH_ARGS="--quick" takes under a minute.
bench-matching: install-test
	$(PY) bench/matching.py $(BENCH_ARGS)

# Intake over HTTP (gunicorn on loopback, retries, duplicate sends, a killed worker), then lost
# and duplicated complaints counted in the database; BENCH_ARGS="--quick" takes under a minute.
bench-intake: install
	$(PY) bench/intake.py $(BENCH_ARGS)

# Knowledge-base search against plain BM25 on the project's questions: MRR@10, recall@5, p95.
bench-knowledge: install
	$(PY) bench/knowledge.py $(BENCH_ARGS)
