#!/bin/sh
# Fuzzes request parsing and the router with libFuzzer for SECONDS (default 60).
#
# Builds the RequestFuzzer target with -sanitize=fuzzer,address (scratch folder .build-fuzz),
# starts from the checked-in seed corpus (Tests/FuzzCorpus/requests) and dictionary, and exits
# non-zero if any input crashes, hangs, leaks or breaks one of the harness's invariants (a 5xx, a
# malformed head, a body that can't be produced, a range outside the body). The offending input is
# kept in the crash folder printed at the end; replay it with the binary and the input's path.
#
#   scripts/fuzz.sh [SECONDS]        WIKIKIOSK_FUZZ_SCRATCH=DIR: another scratch folder
set -eu
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && PATH="/opt/swift/usr/bin:$PATH"
seconds=${1:-60}
case $seconds in
    '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS]" >&2; exit 2 ;;
esac
scratch=${WIKIKIOSK_FUZZ_SCRATCH:-.build-fuzz}
flags="--scratch-path $scratch --product RequestFuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -DWIKIKIOSK_FUZZING"

started=$(date +%s)
# shellcheck disable=SC2086 # $flags is a list of words
swift build $flags
# shellcheck disable=SC2086
binary="$(swift build $flags --show-bin-path)/RequestFuzzer"
built=$(date +%s)

work=$(mktemp -d "${TMPDIR:-/tmp}/wikikiosk-fuzz.XXXXXX")
mkdir "$work/corpus" "$work/crashes"
corpus=Tests/FuzzCorpus
status=0
# The books are written once into $work/library; new inputs go to $work/corpus (the checked-in
# seeds are only read). LeakSanitizer suppressions: see $corpus/lsan.supp.
WIKIKIOSK_FUZZ_LIBRARY="$work/library" \
LSAN_OPTIONS="suppressions=$PWD/$corpus/lsan.supp:print_suppressions=0" \
ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=1" \
    "$binary" -max_total_time="$seconds" -timeout=30 -max_len=8192 -rss_limit_mb=3072 \
    -dict="$corpus/http.dict" -artifact_prefix="$work/crashes/" -print_final_stats=1 \
    "$work/corpus" "$corpus/requests" || status=$?

echo "fuzz.sh: build $((built - started)) s, fuzzing $(($(date +%s) - built)) s"
if [ "$status" -ne 0 ] || [ -n "$(ls -A "$work/crashes")" ]; then
    echo "fuzz.sh: FAILED (libFuzzer exit $status); inputs kept in $work/crashes:" >&2
    ls -l "$work/crashes" >&2
    echo "replay one with: $binary $work/crashes/<file>" >&2
    rm -rf "$work/library" "$work/corpus"
    exit 1
fi
rm -rf "$work"
echo "fuzz.sh: no crash in ${seconds} s"
