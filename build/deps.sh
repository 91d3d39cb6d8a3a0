#!/usr/bin/env bash
# Installs what Keel needs to build and run (and, with "test", to test) on a
# fresh machine. Debian/Ubuntu: apt-get when root, else prints the sudo
# command and stops. macOS: Xcode command line tools. Windows: WebView2 (see README).
set -euo pipefail
mode=${1:-run}
cd "$(dirname "$0")/.."

need=()
have() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

case "$(uname -s)" in
Linux)
	if command -v dpkg-query >/dev/null; then
		# A fresh machine may have no package lists yet: apt-cache would know nothing.
		if [ "$(id -u)" = 0 ] && ! ls /var/lib/apt/lists/*Packages* >/dev/null 2>&1; then
			apt-get update -qq
		fi
		known() { apt-cache show "$1" >/dev/null 2>&1 || have "$1"; }
		# ca-certificates: Go fetches the modules over HTTPS with the system's CAs.
		pkgs=(build-essential pkg-config libgtk-3-dev ca-certificates)
		# WebKitGTK 4.1 where the distribution has it (Debian 12, Ubuntu 22.04+;
		# Ubuntu 24.04 has only 4.1), 4.0 where only that exists. Without
		# package lists (a normal user on a fresh machine) 4.1, which every
		# supported distribution has. The build tags follow what is installed
		# (build/tags.sh, asked after this script).
		if known libwebkit2gtk-4.1-dev || ! known libwebkit2gtk-4.0-dev; then
			pkgs+=(libwebkit2gtk-4.1-dev)
		else
			pkgs+=(libwebkit2gtk-4.0-dev)
		fi
		if [ "$mode" = test ]; then
			# Debian's browser is chromium; Ubuntu names it chromium-browser.
			browser=chromium
			if ! known chromium && known chromium-browser; then browser=chromium-browser; fi
			pkgs+=(xvfb xauth imagemagick "$browser" sqlite3 curl fonts-dejavu-core fonts-crosextra-carlito libreoffice-calc-nogui poppler-utils)
		fi
		for p in "${pkgs[@]}"; do have "$p" || need+=("$p"); done
		if [ ${#need[@]} -gt 0 ]; then
			if [ "$(id -u)" = 0 ]; then
				echo "Installing system packages: ${need[*]}"
				export DEBIAN_FRONTEND=noninteractive
				apt-get update -qq
				apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
			else
				echo "Keel needs these system packages. Run:" >&2
				echo "  sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
				exit 1
			fi
		fi
	else
		echo "Not a Debian/Ubuntu system: install GTK 3, WebKitGTK (4.1 or 4.0) dev packages and pkg-config yourself." >&2
	fi
	;;
Darwin)
	xcode-select -p >/dev/null 2>&1 || { echo "Install the Xcode command line tools: xcode-select --install" >&2; exit 1; }
	;;
esac

# Distributions' own Go and Node can be too old (Debian 12: Go 1.19, Node 18;
# Ubuntu 24.04: Go 1.22, Node 18): say so here rather than let go.mod or
# Vite fail obscurely. Go 1.21 and newer fetch the toolchain go.mod names.
atleast() { printf '%s\n%s\n' "$2" "$1" | sort -V -C; } # atleast HAVE WANT
go=$(go env GOVERSION 2>/dev/null || true)
atleast "${go#go}" 1.21 || { echo "Keel needs Go 1.26 or newer (found ${go:-none}): https://go.dev/dl/" >&2; exit 1; }
node=$(node -p process.versions.node 2>/dev/null || true)
{ command -v npm >/dev/null && { atleast "$node" 22.12 || { atleast "$node" 20.19 && ! atleast "$node" 21; }; }; } ||
	{ echo "Keel needs Node.js 20.19+ or 22.12+ with npm (found ${node:-none}; Vite requires it): https://nodejs.org/" >&2; exit 1; }

# npm and Go dependencies (skipped when already in place).
if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
	(cd frontend && npm ci --no-audit --no-fund --loglevel=error)
fi
go mod download
