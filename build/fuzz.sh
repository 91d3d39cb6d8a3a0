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
	# Minimizing a new input is cut short (one try): a minimization still
	# running when the time is up makes Go report "context deadline
	# exceeded" without any failing input, which is not a finding.
	if ! out=$(go test -run '^$' -fuzz "^$2\$" -fuzztime "$time" -fuzzminimizetime 1x "$1" 2>&1); then
		if grep -q 'context deadline exceeded' <<<"$out" && ! grep -q 'Failing input written' <<<"$out"; then
			echo "fuzz: $1 $2 ok (stopped while minimizing an input)"
			continue
		fi
		echo "$out"
		echo "fuzz: $1 $2 FAILED" >&2
		exit 1
	fi
	execs=$(grep -o 'execs: [0-9]*' <<<"$out" | tail -1 || true)
	echo "fuzz: $1 $2 ok (${execs:-its seed corpus only, in the time given})"
done
echo "fuzz: ${#targets[@]} targets, $((SECONDS - start))s"
