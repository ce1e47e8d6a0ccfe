# The two front-door commands (see README): both do their own set-up.
.PHONY: serve test setup lint bench

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
