# Two commands for a fresh machine with Python 3.11+ and make:
#   make report   set up .venv, then run the main job on the embedded sample
#   make test     set up .venv, then run every test
# For the notebooks and the workshop (JupyterLab, no test tools):
#   make check                          set up .venv, then check in under a minute that the notebooks run (OK/FAIL lines)
#   make workshop SEED=7 PERSONA=consultant [OUT=my-workshop]   your own copy of the workshop and your own data
#   make lab [DIR=my-workshop]          JupyterLab on DIR (default notebooks/)
#   make sample SEED=7 [PERSONA=founder] [OUT=mydata]           a synthetic data set of your own
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LAB_STAMP := $(VENV)/.installed-lab

.PHONY: setup setup-lab report test lab check workshop sample sample-data bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "netlib needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)

# Re-install whenever pyproject.toml changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $@

setup: $(STAMP)

# The notebooks and JupyterLab only (netlib[lab]): what a workshop laptop needs, without the test
# tools. Nothing to install when the full setup above is already up to date.
$(LAB_STAMP): pyproject.toml | $(BIN)/python
	@if [ -f $(STAMP) ] && [ $(STAMP) -nt pyproject.toml ]; then :; else \
	  $(BIN)/python -m pip install --quiet --upgrade pip && $(BIN)/python -m pip install --quiet -e ".[lab]"; fi
	@touch $@

setup-lab: $(LAB_STAMP)

report: setup
	$(BIN)/netlib report --out reports

test: setup
	$(BIN)/ruff check netlib
	$(BIN)/python -m pytest

# Kernel traffic encrypted (CurveZMQ) where jupyter_client and pyzmq offer it, as `netlib report` does
lab: setup-lab
	$(BIN)/jupyter lab $(or $(DIR),notebooks/) $$($(BIN)/python -c "from netlib.report import kernel_encryption_available as ok; \
	print('--KernelManager.transport_encryption=auto' if ok() else '')")

# The setup check a workshop uses instead of `make test`: seconds, not minutes
check: setup-lab
	$(BIN)/netlib doctor

# A participant's own copy of the workshop notebooks (never the repository's), with SEED or PERSONA
# their own synthetic network beside them; run again, it keeps the notebooks already there
workshop: setup-lab
	$(BIN)/netlib workshop --out $(or $(OUT),my-workshop) $(if $(SEED),--seed $(SEED)) $(if $(PERSONA),--persona $(PERSONA))

# A synthetic data set of your own (never data/sample: that is `make sample-data`); TEAM=5: a team of 5 members
sample: setup-lab
	$(BIN)/netlib sample --seed $(or $(SEED),0) --persona $(or $(PERSONA),consultant) --out $(or $(OUT),mydata)$(if $(TEAM), --team $(TEAM))

# Core path against the floor on uniform and skewed data; the e-mail reader; the report at three sizes on
# both shapes (largest process's peak memory and the ratios to the core path). Slow: about half an hour.
bench: setup
	$(BIN)/python benchmarks/bench_core.py --shape both
	$(BIN)/python benchmarks/bench_email.py
	$(BIN)/python benchmarks/bench_report.py --sizes personal heavy organisation --shape both

# Regenerate data/sample from the generator (tests check it is up to date).
sample-data: setup
	$(BIN)/python -c "from netlib.datasets import write_sample; write_sample('data/sample')"

clean:
	rm -rf $(VENV) reports build .pytest_cache
