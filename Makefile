# One entry point for developers and CI.  See README.md.
#
#   make setup   check/install what the project needs (Odoo 18.0 must be installed)
#   make run     demo server on http://127.0.0.1:$(PORT)/ (database $(DB))
#   make test    all tests on a fresh database; ends with "N passed, N failed"
#   make bench   benchmark (bench/run.py)
#   make clean   drop the test and demo databases, remove test results
#
# Variables (environment or `make VAR=value`): PORT, DB, RESET=1, UPDATE=1,
# TEST_TAGS, KEEP_DB=1, ODOO_DB_HOST/PORT/USER/PASSWORD; see scripts/*.

PYTHON ?= python3
PORT ?= 8069
DB ?= sunny_demo
export PYTHON PORT DB

.PHONY: setup run test bench clean

setup:
	@bash scripts/setup.sh

run: setup
	@bash scripts/run_demo.sh

test: setup
	@$(PYTHON) scripts/run_tests.py

bench:
	@$(PYTHON) -m pip install -q -r bench/requirements.txt
	@bash scripts/setup.sh
	@$(PYTHON) bench/run.py $(BENCH_ARGS)

clean:
	@for db in $$($(PYTHON) scripts/odoo_cmd.py list-dbs 'sunny\_test\_%') $(DB); do \
		$(PYTHON) scripts/odoo_cmd.py drop-db "$$db"; \
	done
	@rm -rf test-results
