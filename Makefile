# Keel. `make run` opens the app; `make test` runs every test. Both set up a
# fresh machine first (system packages, npm and Go dependencies).
SHELL := bash
TAGS := $(shell build/tags.sh)
comma := ,
PROD_TAGS := desktop,production$(if $(TAGS),$(comma)$(TAGS))
DEV_TAGS := dev$(if $(TAGS),$(comma)$(TAGS))
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

# The production binary.
build: frontend
	go build -tags $(PROD_TAGS) -ldflags "-w -s $(LDFLAGS)" -o build/bin/keel .

# A dev build serves the page to a browser with the real Go bindings (e2e).
build/bin/keel-dev: frontend $(shell find . -name '*.go' -not -path './frontend/*')
	go build -tags $(DEV_TAGS) -o build/bin/keel-dev .

test: deps-test frontend vet unit fuzz-short vitest e2e smoke
	@echo "make test: all passed"

vet:
	go vet ./...

unit:
	go test -count=1 ./...

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
	go test -count=1 -run 'Real|Fixture|Golden' ./importers/...

# -p 1: one package's benchmarks at a time; two of them sharing the cores
# made the import figures 30 % worse.
bench:
	go test -p 1 -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf build/bin frontend/dist/assets frontend/dist/index.html test-output
