# The two commands of the README: `make graph` builds output/, `make test` runs every test.
# Each creates the virtual environment and installs what it needs on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: graph test check bench reliability bytecode clean-venv

$(VENV)/.runtime: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

# Where PYTHONDONTWRITEBYTECODE is set (this machine, many CI images) Python writes no .pyc, and
# an editable install compiles nothing: every relgraph command compiled relgraph's own modules
# again (cold `relgraph path` 1.45x `import networkx`, 1.30x with them compiled: 15 runs each).
# compileall writes them anyway and skips the up-to-date ones; a stale one is only recompiled.
bytecode: $(VENV)/.runtime
	$(BIN)/python -m compileall -q src/relgraph

graph: $(VENV)/.runtime bytecode
	$(BIN)/relgraph check
	$(BIN)/relgraph build

test: $(VENV)/.test bytecode
	scripts/install-chromium.sh
	scripts/install-node-readers.sh
	scripts/install-comunica.sh
	$(BIN)/python -m pytest

# docs/reliability.md: what the tests tried and what happened, rewritten from a full green run.
# `make test` fails when the committed table differs from what the tests found.
reliability: $(VENV)/.test bytecode
	scripts/install-chromium.sh
	scripts/install-node-readers.sh
	scripts/install-comunica.sh
	RELGRAPH_WRITE_RELIABILITY=1 $(BIN)/python -m pytest

check: $(VENV)/.runtime bytecode
	$(BIN)/relgraph check

SIZES ?= 1000,10000,100000
bench: $(VENV)/.test bytecode
	scripts/install-chromium.sh  # bench/page.py times the page in headless Chromium
	$(BIN)/python bench/run.py --sizes $(SIZES)

clean-venv:
	rm -rf $(VENV)
