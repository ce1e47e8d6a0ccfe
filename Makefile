# The two front-door commands (see README): both do their own set-up.
.PHONY: serve test setup lint bench mutants test-order

serve:
	@bash scripts/setup.sh
	@.venv/bin/kg serve

test:
	@bash scripts/setup.sh --test
	.venv/bin/ruff check kg server tests benchmarks
	.venv/bin/python -m pytest -q -p no:cacheprovider

lint:
	.venv/bin/ruff check kg server tests benchmarks
	.venv/bin/ruff format --check kg server tests benchmarks

bench:
	@bash scripts/setup.sh
	.venv/bin/pip install -q -e '.[test,bench]'
	.venv/bin/python -m benchmarks.run

# Mutation testing of the modules whose mistakes cost most (docs/testing.md); long:
# on the shared machine run it as `flock /tmp/newsgraph-heavy.lock make mutants`.
mutants:
	@bash scripts/setup.sh --test
	.venv/bin/pip install -q -e '.[test,audit]'
	.venv/bin/python scripts/mutants.py $(MODULES)

# The whole suite shuffled (pytest-randomly), then in reverse order. The seed is chosen
# here and printed (pytest's -q hides the line pytest-randomly prints); a failing order
# is replayed with `make test-order SEED=<seed>`.
SEED := $(or $(SEED),$(shell od -An -N2 -tu2 /dev/urandom | tr -d " "))
test-order:
	@bash scripts/setup.sh --test
	.venv/bin/pip install -q -e '.[test,audit]'
	@echo "test-order: shuffled with --randomly-seed=$(SEED)"
	.venv/bin/python -m pytest -q -p no:cacheprovider -p randomly --randomly-seed=$(SEED)
	.venv/bin/python -m pytest -q -p no:cacheprovider --reverse
