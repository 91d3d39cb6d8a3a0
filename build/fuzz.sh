#!/usr/bin/env bash
# Runs every Go fuzz target of the reading side for a while each:
#   build/fuzz.sh [duration per target, default 3s]
# `make test` runs it short (fuzz-short), `make fuzz` for a minute each.
# A failure prints the failing input, saved under the package's
# testdata/fuzz/<Target>/: commit it, it stays a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
time="${1:-3s}"
targets=(
	"./importers/csvfile FuzzReader"
	"./importers/csvfile FuzzSniff"
	"./importers/csvfile FuzzParseTime"
	"./backend/money FuzzParse"
	"./backend/money FuzzConvert"
	"./importers/internal/helpdesk FuzzMinutes"
	"./importers/internal/jsonl FuzzUnixTime"
	"./importers/jsondoc FuzzReader"
	"./backend/pipeline FuzzLines"
	"./backend/pipeline FuzzArchive"
	"./importers/all FuzzImporters"
)
start=$SECONDS
for t in "${targets[@]}"; do
	set -- $t
	if ! out=$(go test -run '^$' -fuzz "^$2\$" -fuzztime "$time" -fuzzminimizetime 2s "$1" 2>&1); then
		echo "$out"
		echo "fuzz: $1 $2 FAILED" >&2
		exit 1
	fi
	echo "fuzz: $1 $2 ok ($(grep -o 'execs: [0-9]*' <<<"$out" | tail -1))"
done
echo "fuzz: ${#targets[@]} targets, $((SECONDS - start))s"
