# Two commands on a fresh Debian machine: `make run` and `make test`.
SHELL := /bin/bash
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# One-off builds (CI, `make test`) gain nothing from incremental data but gigabytes of disk.
test: export CARGO_INCREMENTAL = 0

.PHONY: run test setup setup-test fmt clippy unit release e2e advisories bench clean

## Build and start the app on http://127.0.0.1:3000 (SQLite in data/cus.db, demo data).
run: setup
	cargo leptos watch

## Every check CI runs.
test: setup-test fmt clippy unit release e2e advisories
	@echo "== make test: all checks passed"

setup:
	@scripts/setup

setup-test:
	@scripts/setup test

fmt:
	@echo "== rustfmt"
	cargo fmt --all -- --check

clippy:
	@echo "== clippy (server side and browser side, warnings are errors)"
	cargo clippy -p app -p server --features app/ssr --all-targets -- -D warnings
	cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

## Unit and integration tests on SQLite and PostgreSQL.
unit:
	@echo "== unit and integration tests (SQLite and PostgreSQL)"
	CUS_TEST_BACKENDS=sqlite,postgres cargo test --no-fail-fast -p app -p server --features app/ssr

release:
	@echo "== release build (server + size-optimised wasm)"
	cargo leptos build --release

e2e:
	@echo "== end-to-end tests in Chromium"
	cd end2end && CUS_BIN=../target/release/cus CUS_SITE_ROOT=../target/site node --test --test-concurrency=1 tests/

advisories:
	@echo "== RustSec advisories"
	../shared/tools/advisories

clean:
	cargo clean
	rm -rf end2end/node_modules
