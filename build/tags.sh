#!/usr/bin/env sh
# Prints the Go build tag for the WebKitGTK on this machine (Linux only).
if [ "$(uname -s)" = Linux ] && pkg-config --exists webkit2gtk-4.1 2>/dev/null; then
	echo webkit2_41
fi
