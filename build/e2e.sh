#!/usr/bin/env bash
# Browser end-to-end tests: the dev build of Keel runs under Xvfb and serves
# the page with the real Go bindings on a free loopback port; playwright-core
# drives Debian's Chromium against it (frontend/e2e/*.test.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
# One "today" (backend/clock) for the demo, the app and the keel commands the
# tests run: KEEL_TODAY=2028-02-29 make test runs them on that day; unset,
# they run on the real date, fixed for the whole run.
export KEEL_TODAY=${KEEL_TODAY:-$(date +%F)}
echo "e2e: today is $KEEL_TODAY"
mkdir -p test-output
work=$(mktemp -d)
pid=""
# The app runs in its own process group (setsid), so that stopping it also
# stops Xvfb and WebKit: killing xvfb-run alone left them running.
cleanup() {
	if [ -n "$pid" ]; then
		kill -- -"$pid" 2>/dev/null || true
		for i in $(seq 1 20); do kill -0 -- -"$pid" 2>/dev/null || break; sleep 0.25; done
		kill -9 -- -"$pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
	|| node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
mkdir -p "$work/data"
# The demo is built once here (as on a founder's first run) so every test starts from it.
./build/bin/keel-dev demo --workspace "$work/data/Demo.keel" >/dev/null 2>&1 || ./build/bin/keel demo --workspace "$work/data/Demo.keel"

setsid xvfb-run -a -s "-screen 0 1400x900x24" env KEEL_DATA_DIR="$work/data" \
	./build/bin/keel-dev -devserver "127.0.0.1:$port" -assetdir frontend/dist -loglevel warning \
	> test-output/e2e-app.log 2>&1 &
pid=$!
for i in $(seq 1 120); do
	if curl -fsS "http://127.0.0.1:$port/" 2>/dev/null | grep -q 'data-keel-app'; then break; fi
	kill -0 "$pid" 2>/dev/null || { echo "e2e: keel-dev exited"; cat test-output/e2e-app.log; exit 1; }
	sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/" | grep -q 'data-keel-app' || { echo "e2e: the page on port $port is not Keel's"; exit 1; }

# Debian's Chromium, or Ubuntu's chromium-browser.
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)}
export CHROMIUM KEEL_URL="http://127.0.0.1:$port/" KEEL_E2E_WORK="$work" KEEL_E2E_OUT="$PWD/test-output"
(cd frontend && node --test --test-concurrency=1 ${E2E_TESTS:-e2e/})
