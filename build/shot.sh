#!/usr/bin/env bash
# Screenshots the X display ($DISPLAY) into $1 once the window shows more
# than a blank background: WebKit paints a moment after the page says it is
# ready, seconds later on a busy machine (a blank window is two colours).
# Fails when the screen stays blank for ${2:-60} seconds.
set -euo pipefail
out=$1
limit=${2:-60}
for _ in $(seq 1 $((limit * 2))); do
	import -window root "$out"
	if [ "$(convert "$out" -format %k info:)" -gt 64 ]; then
		sleep 2 # let the first screen finish drawing
		import -window root "$out"
		exit 0
	fi
	sleep 0.5
done
echo "shot: the window stayed blank for $limit s ($out)" >&2
exit 1
