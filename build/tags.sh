#!/usr/bin/env sh
# Prints the Go build tags: the base tags given as $1, plus the WebKitGTK one
# ($2 when given, else webkit2_41 when pkg-config finds WebKitGTK 4.1).
# The Makefile calls it inside its build recipes, after build/deps.sh has
# installed WebKitGTK: what a machine has is only known then.
base=${1-}
webkit=${2-}
if [ -z "$webkit" ] && [ "$(uname -s)" = Linux ] && pkg-config --exists webkit2gtk-4.1 2>/dev/null; then
	webkit=webkit2_41
fi
echo "$base${base:+${webkit:+,}}$webkit"
