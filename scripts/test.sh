#!/bin/sh
# Installs what the tests need and runs the whole test suite.
set -eu
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && PATH="/opt/swift/usr/bin:$PATH"
sh scripts/install-deps.sh
swift build --build-tests
swift test --skip-build "$@"
# Opt-in extras after the suite (.ci/run sets them all): libFuzzer over request parsing and the
# router for WIKIKIOSK_LIBFUZZER_SECONDS, the suite built with ThreadSanitizer, and the Debian
# package installed, upgraded and purged in a clean Debian 12 root (needs root).
if [ -n "${WIKIKIOSK_LIBFUZZER_SECONDS:-}" ]; then sh scripts/fuzz.sh "$WIKIKIOSK_LIBFUZZER_SECONDS"; fi
if [ "${WIKIKIOSK_TSAN:-}" = 1 ]; then sh scripts/tsan.sh; fi
if [ "${WIKIKIOSK_PACKAGE_TEST:-}" = 1 ]; then sh scripts/package-test.sh; fi
