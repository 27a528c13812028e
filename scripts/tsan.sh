#!/bin/sh
# ThreadSanitizer run of the test suite, for CI (scripts/test.sh runs it when WIKIKIOSK_TSAN=1).
#
# Builds the tests with --sanitize=thread (scratch folder .build-tsan), runs HTTPServerTests,
# ZimKitTests and KioskTests (by default everything but the opt-in soak and browser tests, which
# are about load and UI rather than threads: ~2.5 min on 2 cores), with every report written to
# files (child `wikikiosk` processes included), then sorts the reports with
# scripts/tsan-triage.sh: the known Swift 6.3 false positive on a contended Synchronization.Mutex
# is listed and ignored (see scripts/tsan.supp for why and how it is recognised); any other
# report, or a failing test, fails the run.
#
#   scripts/tsan.sh [swift test options, e.g. --filter HTTPServerTests]
#   WIKIKIOSK_TSAN_SCRATCH=DIR: another scratch folder
set -eu
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && PATH="/opt/swift/usr/bin:$PATH"
scratch=${WIKIKIOSK_TSAN_SCRATCH:-.build-tsan}

started=$(date +%s)
swift build --build-tests --sanitize=thread --scratch-path "$scratch"
built=$(date +%s)

reports=$(mktemp -d "${TMPDIR:-/tmp}/wikikiosk-tsan.XXXXXX")
status=0
# Bounded durations: no soak, no browser, the seeded fuzzer at its default length.
# handle_sigbus=0: the kiosk's own SIGBUS handler (the fence for ZIM files that shrink while
# served, CZim/czim_file_fence.cpp) must run; ThreadSanitizer's would call it deadly. Tests that
# bound a latency or count work in a fixed time stretch it 5× (Tests/HTTPTestSupport/TestTiming):
# CI's TSan run on two busy cores got 1 round in 3 s for one of 8 groups that normally do hundreds.
WIKIKIOSK_TEST_SLOWDOWN=${WIKIKIOSK_TEST_SLOWDOWN:-5} env -u WIKIKIOSK_SOAK_SECONDS -u WIKIKIOSK_BROWSER_TESTS -u WIKIKIOSK_FUZZ_SECONDS \
    TSAN_OPTIONS="suppressions=$PWD/scripts/tsan.supp:log_path=$reports/report:exitcode=0:handle_sigbus=0${TSAN_OPTIONS:+:$TSAN_OPTIONS}" \
    swift test --skip-build --sanitize=thread --scratch-path "$scratch" "$@" || status=$?
ran=$(date +%s)

triage=0
# shellcheck disable=SC2046 # the report files' names have no spaces (mktemp + pid)
sh scripts/tsan-triage.sh $(find "$reports" -type f | sort) || triage=$?
echo "tsan.sh: build $((built - started)) s, tests $((ran - built)) s"
if [ "$status" -ne 0 ] || [ "$triage" -ne 0 ]; then
    echo "tsan.sh: FAILED (swift test exit $status, unexplained reports: $([ "$triage" -ne 0 ] && echo yes || echo no));" \
        "reports kept in $reports" >&2
    exit 1
fi
rm -rf "$reports"
echo "tsan.sh: no data race"
