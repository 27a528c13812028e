#!/bin/sh
# Installs what the tests need and runs the whole test suite.
set -eu
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && PATH="/opt/swift/usr/bin:$PATH"
sh scripts/install-deps.sh
swift build --build-tests
swift test --skip-build "$@"
