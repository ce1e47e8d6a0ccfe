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

# The whole suite shuffled (pytest-randomly, seed printed), then in reverse order.
test-order:
	@bash scripts/setup.sh --test
	.venv/bin/pip install -q -e '.[test,audit]'
	.venv/bin/python -m pytest -q -p no:cacheprovider -p randomly
	.venv/bin/python -m pytest -q -p no:cacheprovider --reverse
