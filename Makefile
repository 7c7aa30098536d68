# Two commands on a fresh machine: `make demo` and `make test`.
# Each creates its own virtual environment in .venv and installs what it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SEED := corpus/seeds/000_4af742517c27e9f8.txt

.PHONY: demo test lint bench clean-venv

$(BIN)/textfix: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# The demo installs the toy translation packages into a folder of its own (.models).
DEMO_MODELS := .models

demo: $(BIN)/textfix
	@echo "== textfix segment $(SEED)"
	$(BIN)/textfix segment $(SEED)
	@echo
	@echo "== textfix fix --no-translate $(SEED)"
	$(BIN)/textfix fix --no-translate $(SEED)
	@echo
	@echo "== textfix models install --file models/*.argosmodel (toy packages: see README)"
	@for package in models/*.argosmodel; do \
		$(BIN)/textfix models install --models-dir $(DEMO_MODELS) --file $$package || exit 1; done
	@echo
	@echo "== textfix fix $(SEED)  (Russian spans translated into German)"
	$(BIN)/textfix fix --models-dir $(DEMO_MODELS) $(SEED)
	@echo
	@echo "== next: the README's commands, with the demo's (toy) models"
	@echo "   . $(VENV)/bin/activate && export TEXTFIX_MODELS_DIR=$$PWD/$(DEMO_MODELS)"
	@echo "   textfix fix --no-translate YOUR_ARTICLE.txt"

lint: $(BIN)/textfix
	$(BIN)/ruff check textfix tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

bench: $(BIN)/textfix
	$(BIN)/python bench/bench_clean.py
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_translate.py
	$(BIN)/python bench/bench_glossary.py
	$(BIN)/python bench/bench_review.py
	$(BIN)/python bench/bench_hostile.py
	$(BIN)/python bench/bench_batch.py --jsonl-mb 50
	$(BIN)/python bench/bench_html.py
	$(BIN)/python bench/bench_flags.py
	$(BIN)/python bench/bench_stages.py
	$(BIN)/python bench/bench_server.py --clients 16 --seconds 10

clean-venv:
	rm -rf $(VENV)
