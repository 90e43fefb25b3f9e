# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export DEBUG ?= 1

.PHONY: run test install migrate demo lint bench bench-search bench-foi bench-reports bench-supervision clean

$(STAMP): pyproject.toml
	scripts/system-packages
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput -v 0

demo: migrate
	$(PY) manage.py loaddemo

# The scheduler (overdue requests, validity, pending notifications) runs beside the server and stops with it.
run: demo
	$(PY) manage.py run_scheduler & trap 'kill $$! 2>/dev/null' EXIT INT TERM; $(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

bench: migrate
	$(PY) bench/workdays.py

bench-search: install
	$(PY) bench/search $(BENCH_ARGS)

bench-foi: install
	$(PY) bench/foi_submissions.py $(BENCH_ARGS)

bench-reports: install
	$(PY) bench/reports.py $(BENCH_ARGS)

bench-supervision: install
	$(PY) bench/supervision.py $(BENCH_ARGS)

clean:
	rm -rf var/*.sqlite3* var/media
