# Two commands for a fresh machine with Python 3.11+ and make:
#   make report   set up .venv, then run the main job on the embedded sample
#   make test     set up .venv, then run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup report test lab bench sample clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "netlib needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)

# Re-install whenever pyproject.toml changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

setup: $(STAMP)

report: setup
	$(BIN)/netlib report --out reports

test: setup
	$(BIN)/ruff check netlib
	$(BIN)/python -m pytest

# Kernel traffic encrypted (CurveZMQ) where jupyter_client and pyzmq offer it, as `netlib report` does
lab: setup
	$(BIN)/jupyter lab notebooks/ $$($(BIN)/python -c "from netlib.report import kernel_encryption_available as ok; \
	print('--KernelManager.transport_encryption=auto' if ok() else '')")

# Core path against the floor on uniform and skewed data; the e-mail reader; the report at three sizes on
# both shapes (largest process's peak memory and the ratios to the core path). Slow: about half an hour.
bench: setup
	$(BIN)/python benchmarks/bench_core.py --shape both
	$(BIN)/python benchmarks/bench_email.py
	$(BIN)/python benchmarks/bench_report.py --sizes personal heavy organisation --shape both

# Regenerate data/sample from the generator (tests check it is up to date).
sample: setup
	$(BIN)/python -c "from netlib.datasets import write_sample; write_sample('data/sample')"

clean:
	rm -rf $(VENV) reports build .pytest_cache
