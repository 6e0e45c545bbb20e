# Two commands on a fresh Debian machine: `make run` and `make test`.
SHELL := /bin/bash
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(HOME)/.cache/cus-tools/venv/bin:$(PATH)
# The values cargo-leptos would pass to cargo; every cargo command below sees the same ones.
include scripts/leptos.env
export $(shell sed -n 's/^\([A-Z_]*\)=.*/\1/p' scripts/leptos.env)
# One-off builds gain nothing from incremental data but gigabytes of disk.
export CARGO_INCREMENTAL = 0

.PHONY: run test setup setup-test fmt clippy unit site e2e advisories watch clean

## Build (release) and start the app on http://127.0.0.1:3000 (SQLite in data/cus.db, demo data).
run: setup
	scripts/build-site
	@echo "== DEMO: demo accounts with a published password (README), on this computer only"
	CUS_DEMO_DATA=true target/release/cus serve

## Live-reloading development server; needs `cargo install cargo-leptos@0.3.10 --locked --features no_downloads`.
watch: setup
	CUS_DEMO_DATA=true cargo leptos watch

## Every check CI runs. Everything is compiled once, in the `ci` profile (release, less optimised), with clippy's lints
## (warnings are errors) run by the compiler itself (clippy-driver as the workspace wrapper) instead
## of separate check passes; the test build also makes the server binary the browser tests use.
## A fresh clone's target/ links to compiled dependencies kept outside it (scripts/setup), so
## only the workspace's crates are compiled again (sccache, when installed, also keeps what it can);
## the browser bundle builds while the Rust tests run (its own profile, so the two builds do not
## wait for each other).
test: export RUSTC_WORKSPACE_WRAPPER = clippy-driver
test: export CLIPPY_ARGS = -D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__
test: export RUSTC_WRAPPER = $(wildcard $(HOME)/.cache/cus-tools/venv/bin/sccache)
test: export SCCACHE_DIR = $(HOME)/.cache/cus-tools/sccache
test: setup-test fmt advisories
	@start=$$(date +%s); status=0; $(MAKE) --no-print-directory -j2 unit site || status=$$?; \
	  echo "== unit tests and site took $$(( $$(date +%s) - start )) s"; exit $$status
	@start=$$(date +%s); status=0; $(MAKE) --no-print-directory e2e || status=$$?; \
	  echo "== end-to-end tests took $$(( $$(date +%s) - start )) s"; exit $$status
	@echo "== make test: all checks passed"

setup:
	@scripts/setup

setup-test:
	@scripts/setup test

fmt:
	@echo "== rustfmt"
	cargo fmt --all -- --check

## The same lints as `make test` without building (for a quick look while developing).
clippy:
	@echo "== clippy (server side and browser side, warnings are errors)"
	cargo clippy --release -p app -p server --features app/ssr --all-targets -- -D warnings
	cargo clippy --profile wasm-release -p frontend --target wasm32-unknown-unknown -- -D warnings

## Unit and integration tests on SQLite and PostgreSQL; also builds target/ci/cus for the browser tests.
unit:
	@echo "== unit and integration tests (SQLite and PostgreSQL)"
	CUS_TEST_BACKENDS=sqlite,postgres cargo test --profile ci --no-fail-fast -p app -p server --features app/ssr

## The browser bundle, styles and assets in target/site.
site:
	scripts/build-site front

e2e:
	@echo "== end-to-end tests in Chromium"
	cd end2end && CUS_BIN=../target/ci/cus CUS_SITE_ROOT=../target/site node --test --test-concurrency=2 tests/

advisories:
	@echo "== RustSec advisories; licences, bans and sources (cargo deny)"
	../shared/tools/advisories
	cargo deny --offline check licenses bans sources

clean:
	cargo clean
	rm -rf end2end/node_modules
