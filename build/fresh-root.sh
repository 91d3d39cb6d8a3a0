#!/usr/bin/env bash
# Proves the README's two commands on a machine that is not ours: a Debian 12
# root made with debootstrap, to which only Go and Node.js (with npm) are
# added (plus make and git, which one needs to type `make` and to clone), and
# a fresh clone of this repository's current branch. Then, timing each step:
#   user   a normal user's `make test` and `make run` print the exact
#          `sudo apt-get install …` line and exit non-zero;
#   run    root's cold `make run` until the window is up (a screenshot of the
#          X display it runs on: fresh-root-run.png);
#   test   root's cold `make test`, a second (warm) `make test`, then
#          `make run` under xvfb-run with a screenshot taken inside
#          (fresh-root-window.png).
# "run" and "test" each start from their own fresh root, so both are cold.
#
#   sudo build/fresh-root.sh [user|run|test]...   (default: all three)
#
# Needs root, and network access to the Debian mirror, the Go module proxy
# and npm. Times and logs go to test-output/fresh-root/. The base root (Debian
# + Go + Node) is kept as a tarball in $KEEL_FRESH_DIR (default
# /var/tmp/keel-fresh) so that a second run skips debootstrap; delete it to
# start from debootstrap again. Ubuntu 24.04 cannot be debootstrapped from a
# Debian mirror: there, run `make test` on an Ubuntu machine (build/deps.sh
# installs WebKitGTK 4.1, the only one 24.04 has, and the build tags follow
# what pkg-config finds).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
[ "$(id -u)" = 0 ] || { echo "fresh-root: run as root (debootstrap and chroot need it)" >&2; exit 1; }

suite=bookworm
mirror=${KEEL_FRESH_MIRROR:-http://deb.debian.org/debian}
dir=${KEEL_FRESH_DIR:-/var/tmp/keel-fresh}
out=$repo/test-output/fresh-root
branch=$(git rev-parse --abbrev-ref HEAD)
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(user run test)
mkdir -p "$dir" "$out"
times=$out/times.txt
: >"$times"

log() { echo "fresh-root: $*" | tee -a "$times"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.0f s", b - a }'; }

# ---- the base root: Debian 12, then Go and Node copied in ----
base=$dir/base.tar
if [ ! -s "$base" ]; then
	command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
	rm -rf "$dir/base"
	t=$(now)
	debootstrap --include=make,git "$suite" "$dir/base" "$mirror" >"$out/debootstrap.log" 2>&1
	log "debootstrap $suite (plus make, git): $(since "$t")"
	go=$(dirname "$(dirname "$(readlink -f "$(command -v go)")")") # /usr/local/go
	mkdir -p "$dir/base/usr/local"
	cp -a "$go" "$dir/base/usr/local/go"
	node=$(readlink -f "$(command -v node)")
	prefix=$(dirname "$(dirname "$node")") # /usr for /usr/bin/node
	mkdir -p "$dir/base/usr/local/bin" "$dir/base/usr/local/lib/node_modules"
	cp -a "$node" "$dir/base/usr/local/bin/node"
	cp -a "$prefix/lib/node_modules/npm" "$dir/base/usr/local/lib/node_modules/"
	ln -s ../lib/node_modules/npm/bin/npm-cli.js "$dir/base/usr/local/bin/npm"
	ln -s ../lib/node_modules/npm/bin/npx-cli.js "$dir/base/usr/local/bin/npx"
	log "added Go $("$go/bin/go" env GOVERSION) from $go and Node $("$node" --version) with npm from $prefix"
	tar -C "$dir/base" -cf "$base" .
	rm -rf "$dir/base"
fi

# root NAME: a fresh root from the base tarball, with the repository cloned
# into /work/keel (next to /work/shared, as the tests expect) and, for
# the normal user, into /home/dev/keel.
root=""
mounts=()
fresh() {
	root=$dir/$1
	unmount
	# Never remove a root while something is mounted in it: /dev and /tmp are
	# the host's. (A run that was killed may have left mounts behind.)
	awk -v r="$root/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r -n1 umount -l
	if awk -v r="$root/" 'index($2, r) == 1 { found = 1 } END { exit !found }' /proc/mounts; then
		echo "fresh-root: $root still has mounts; not removing it" >&2
		exit 1
	fi
	rm -rf "$root"
	mkdir -p "$root"
	tar -C "$root" -xf "$base"
	# The host's network, as the host sees it: its DNS, and the extra CA
	# certificates of a TLS-inspecting proxy if it has any (the system
	# store takes them when deps.sh installs ca-certificates; Node reads
	# them through NODE_EXTRA_CA_CERTS).
	cp /etc/resolv.conf "$root/etc/resolv.conf"
	if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
		mkdir -p "$root/usr/local/share/ca-certificates"
		cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
		cat /usr/local/share/ca-certificates/*.crt >"$root/etc/host-extra-ca.pem"
	fi
	mkdir -p "$root/work/shared"
	cp -a ../shared/*.md ../shared/fixtures "$root/work/shared/" 2>/dev/null || true
	git clone -q --branch "$branch" "$repo" "$root/work/keel"
	for m in proc sys dev dev/pts; do
		mkdir -p "$root/$m"
		case $m in
		proc) mount -t proc proc "$root/proc" ;;
		*) mount --bind "/$m" "$root/$m" ;;
		esac
		mounts+=("$root/$m")
	done
	if mountpoint -q /dev/shm; then mount --bind /dev/shm "$root/dev/shm" && mounts+=("$root/dev/shm"); fi
	# The root shares the host's network, and with it the X servers' abstract
	# sockets: it shares /tmp too, so that xvfb-run -a sees the host's X lock
	# files and picks a display no one uses.
	mount --bind /tmp "$root/tmp"
	mounts+=("$root/tmp")
}
unmount() {
	local i
	for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount "${mounts[$i]}" 2>/dev/null || umount -l "${mounts[$i]}"; done
	mounts=()
}
xpid=""
cleanup() {
	[ -z "$xpid" ] || kill "$xpid" 2>/dev/null || true
	unmount
}
trap cleanup EXIT

# inside [USER] CMD: runs CMD with bash in the root, in a clean environment.
inside() {
	local user=root home=/root
	if [ "$1" = --user ]; then user=dev home=/home/dev; shift; fi
	local ca=""
	[ ! -s "$root/etc/host-extra-ca.pem" ] || ca=/etc/host-extra-ca.pem
	chroot "$root" /usr/bin/env -i HOME="$home" USER="$user" LANG=C.UTF-8 TERM=dumb ${DISPLAY:+DISPLAY=$DISPLAY} \
		${ca:+NODE_EXTRA_CA_CERTS=$ca} \
		PATH=/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		runuser -u "$user" -- bash -c "$1"
}

for step in "${steps[@]}"; do
	case $step in
	user)
		fresh user
		inside "useradd -m -s /bin/bash dev && git clone -q /work/keel /home/dev/keel && chown -R dev: /home/dev/keel"
		for cmd in test run; do
			t=$(now)
			set +e
			inside --user "cd ~/keel && make $cmd" >"$out/user-make-$cmd.log" 2>&1
			rc=$?
			set -e
			line=$(grep -m1 'sudo apt-get' "$out/user-make-$cmd.log" || true)
			log "normal user: make $cmd exited $rc in $(since "$t"): ${line## }"
			if [ "$rc" = 0 ] || [ -z "$line" ]; then log "FAIL: make $cmd as a normal user should print the sudo line and stop"; exit 1; fi
		done
		unmount
		;;
	run)
		# make run installs no X server: the window goes to an Xvfb display
		# of this host (its socket is in the shared /tmp).
		fresh run
		command -v Xvfb >/dev/null || { apt-get update -qq && apt-get install -y -qq xvfb >/dev/null; }
		n=99
		while [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
		Xvfb ":$n" -screen 0 1400x900x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
		xpid=$!
		for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
		mkdir -p "$root/root/smoke"
		t=$(now)
		DISPLAY=:$n inside "cd /work/keel && KEEL_SMOKE_DIR=/root/smoke make run" >"$out/root-make-run.log" 2>&1 &
		runpid=$!
		while [ ! -f "$root/root/smoke/ready" ]; do
			kill -0 "$runpid" 2>/dev/null || { log "FAIL: make run ended before the window was ready"; tail -30 "$out/root-make-run.log"; exit 1; }
			sleep 1
		done
		log "root: cold make run, to the window: $(since "$t")"
		while [ ! -f "$root/root/.local/share/keel/Demo.keel" ]; do
			kill -0 "$runpid" 2>/dev/null || { log "FAIL: make run ended before the demo was built"; exit 1; }
			sleep 1
		done
		log "root: cold make run, to the demo open: $(since "$t")"
		DISPLAY=:$n build/shot.sh "$out/fresh-root-run.png"
		log "root: cold make run, to the window painted: $(since "$t")"
		touch "$root/root/smoke/quit"
		if wait "$runpid"; then log "root: make run quit cleanly"; else log "FAIL: make run exited $?"; exit 1; fi
		kill "$xpid"
		xpid=""
		unmount
		;;
	test)
		fresh test
		for i in 1 2; do
			t=$(now)
			if inside "cd /work/keel && make test" >"$out/root-make-test-$i.log" 2>&1; then
				log "root: make test #$i passed in $(since "$t")"
			else
				log "FAIL: make test #$i after $(since "$t")"
				tail -40 "$out/root-make-test-$i.log"
				exit 1
			fi
		done
		t=$(now)
		cat >"$root/root/window.sh" <<-'EOF'
			cd /work/keel && mkdir -p /root/smoke && rm -f /root/smoke/*
			KEEL_SMOKE_DIR=/root/smoke make run >/root/make-run.log 2>&1 &
			pid=$!
			while [ ! -f /root/smoke/ready ]; do
				kill -0 $pid 2>/dev/null || { cat /root/make-run.log; exit 1; }
				sleep 0.5
			done
			build/shot.sh /root/fresh-root-window.png
			touch /root/smoke/quit
			wait $pid
		EOF
		inside 'xvfb-run -a -s "-screen 0 1400x900x24" bash /root/window.sh' >"$out/root-make-run-xvfb.log" 2>&1
		cp "$root/root/fresh-root-window.png" "$out/"
		log "root: make run under xvfb-run (after make test), to the window and quit: $(since "$t")"
		unmount
		;;
	*)
		echo "fresh-root: unknown step $step (user, run or test)" >&2
		exit 2
		;;
	esac
done
log "logs and screenshots in $out"
