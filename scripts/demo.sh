#!/bin/sh
# Sets up everything and runs the kiosk on its built-in demo book: open http://localhost:8080
set -eu
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && PATH="/opt/swift/usr/bin:$PATH"
sh scripts/install-deps.sh
swift build -c release --product wikikiosk
exec .build/release/wikikiosk serve --port "${PORT:-8080}" "$@"
