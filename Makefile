# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export DEBUG ?= 1

.PHONY: run test install migrate demo lint bench bench-search bench-foi bench-reports bench-supervision bench-smoke clean

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

# One pytest-xdist worker per core (at most 8); TEST_WORKERS=0 runs in this process (e.g. with a debugger).
TEST_WORKERS ?= auto
test: install
	$(PY) -m pytest -n $(TEST_WORKERS) --maxprocesses 8 $(PYTEST_ARGS)

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

# Every benchmark once at a size that takes seconds (two at a time), so that a change that breaks one fails CI.
SMOKE := smoke-workdays smoke-search smoke-foi smoke-reports smoke-supervision
.PHONY: $(SMOKE)
bench-smoke: install
	$(MAKE) -j2 --output-sync=target $(SMOKE)

smoke-workdays:
	$(PY) bench/workdays.py --clocks 200 --calls 2000
smoke-search:
	$(PY) bench/search --n 300 --chars 300 --repeat 2
smoke-foi:
	$(PY) bench/foi_submissions.py --n 40 --threads 8
smoke-reports:
	$(PY) bench/reports.py --requests 300 --agencies 20 --per-agency 3 --repeat 1
smoke-supervision:
	$(PY) bench/supervision.py --cases 2000 --repeat 2

clean:
	rm -rf var/*.sqlite3* var/media
