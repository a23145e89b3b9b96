# The README's commands. `make run` sets everything up and starts the app; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test test-fast setup index rebuild report eval eval-external bench lint clean

# --no-cache-dir: the wheels are installed once; a pip cache would double the disk the install needs.
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --no-cache-dir --upgrade pip >/dev/null
	$(PY) -m pip install --no-cache-dir -r requirements.txt
	touch $@

setup: $(VENV)/.installed

index/manifest.json: | $(VENV)/.installed
	$(PY) -m advisor build

index: index/manifest.json

rebuild: setup
	$(PY) -m advisor build

# Serves 127.0.0.1 (see .streamlit/config.toml); with users configured, ADDRESS=0.0.0.0 serves the network.
ADDRESS ?= 127.0.0.1

run: setup index
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS) --server.headless true \
		--browser.gatherUsageStats false

# Unit, integration (real encoder, seed corpus, external segmentation) and browser tests.
test: setup
	$(PY) -m pytest -q

# Unit tests only (no model, no browser): seconds.
test-fast: setup
	$(PY) -m pytest -q -m "not integration and not browser"

report: setup
	$(PY) -m advisor report

# The project's dev set lives beside the checkout (../shared/eval); a clone elsewhere runs the held-out sets only.
DEV_QUERIES ?= ../shared/eval/dev_queries.jsonl

eval: index
	@if [ -f $(DEV_QUERIES) ]; then $(PY) -m advisor eval --queries $(DEV_QUERIES); \
	else echo "skipped the dev set: $(DEV_QUERIES) not found (set DEV_QUERIES=...)"; fi
	$(PY) -m advisor eval --queries tests/data/heldout_queries.jsonl
	$(PY) -m advisor eval --queries tests/data/heldout2_queries.jsonl
	$(PY) -m advisor eval --queries tests/data/heldout3_queries.jsonl
	$(PY) -m advisor eval --queries tests/data/heldout4_queries.jsonl
	$(PY) -m advisor eval --queries tests/data/heldout5_queries.jsonl

# The external quality gate (CI runs it after the suite): every split against its floors, the curated
# knowledge against an empty knowledge folder, the staff query sets against other industries' rules.
eval-external: setup
	$(PY) scripts/eval_external.py --check

bench: index
	$(PY) scripts/bench.py

lint: setup
	$(PY) -m ruff check advisor scripts tests app.py

clean:
	rm -rf index/* .pytest_cache
