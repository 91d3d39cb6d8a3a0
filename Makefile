# Keel. `make run` opens the app; `make test` runs every test. Both set up a
# fresh machine first (system packages, npm and Go dependencies).
SHELL := bash
# Nothing about the machine is decided here, when make starts: the build
# tags (WebKitGTK 4.1 or 4.0) are asked for inside the build recipes, after
# build/deps.sh has installed WebKitGTK. TAGS=webkit2_41 forces the tag.
TAGS ?=
# Shell text, expanded when a recipe runs (not when make starts).
GO_TAGS = $$(build/tags.sh '' $(TAGS))
DEV_TAGS = $$(build/tags.sh dev $(TAGS))
PROD_TAGS = $$(build/tags.sh desktop,production $(TAGS))
VERSION ?= 0.1.0
LDFLAGS := -X keel/backend/cli.Version=$(VERSION)
FRONTEND_SRC := $(shell find frontend/src frontend/index.html frontend/vite.config.ts -type f 2>/dev/null)

.PHONY: run test build deps deps-test frontend vet unit fuzz-short fuzz vitest e2e smoke bench conformance clean

run: deps build
	./build/bin/keel

deps:
	@build/deps.sh run

deps-test:
	@build/deps.sh test

frontend/dist/index.html: $(FRONTEND_SRC) frontend/package.json
	cd frontend && npm run build

frontend: frontend/dist/index.html

# The production binaries: build/bin/keel, the command line, which opens
# the window by running build/bin/keel-window next to it (the window's
# libraries cost every command 64 MiB of memory: main_cli.go).
build: frontend
	go build -tags "$(PROD_TAGS)" -ldflags "-w -s $(LDFLAGS)" -o build/bin/keel-window .
	go build -tags cli -ldflags "-w -s $(LDFLAGS)" -o build/bin/keel .

# A dev build serves the page to a browser with the real Go bindings (e2e).
build/bin/keel-dev: frontend $(shell find . -name '*.go' -not -path './frontend/*')
	go build -tags "$(DEV_TAGS)" -o build/bin/keel-dev .

test: deps-test frontend vet unit fuzz-short vitest e2e smoke
	@echo "make test: all passed"

# vet and the tests compile Wails' cgo too: they need the WebKitGTK tag
# (a warm build cache hides this; a cold one fails without it).
vet:
	go vet -tags "$(GO_TAGS)" ./...

unit:
	go test -tags "$(GO_TAGS)" -count=1 ./...

# Go fuzz targets of the reading side (CSV, encodings, dates, money,
# durations, JSON, archives, every importer): a few seconds each in
# `make test`, FUZZTIME each (default a minute) in `make fuzz`.
fuzz-short:
	build/fuzz.sh 2s

FUZZTIME ?= 60s
fuzz:
	build/fuzz.sh $(FUZZTIME)

vitest:
	cd frontend && npx vitest run

e2e: build/bin/keel-dev
	build/e2e.sh

smoke: build
	build/smoke.sh

# Importer conformance over the real exports in ../shared/fixtures/real.
conformance:
	go test -tags "$(GO_TAGS)" -count=1 -run 'Real|Fixture|Golden' ./importers/...

# -p 1: one package's benchmarks at a time; two of them sharing the cores
# made the import figures 30 % worse.
# The command benchmarks time the production binary, as the founder runs it.
bench: build
	KEEL_BENCH_BIN=$(CURDIR)/build/bin/keel go test -tags "$(GO_TAGS)" -p 1 -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf build/bin frontend/dist/assets frontend/dist/index.html test-output
