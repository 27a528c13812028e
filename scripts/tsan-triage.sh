#!/bin/sh
# Reads ThreadSanitizer report files (TSAN_OPTIONS=log_path=…) and sorts each report into a known
# false positive or a real finding (see scripts/tsan.supp for the reasoning). Prints a summary
# and the real findings in full; exits 1 if there is any.
#
#   scripts/tsan-triage.sh REPORT_FILE…
set -eu
[ -d /opt/swift/usr/bin ] && PATH="/opt/swift/usr/bin:$PATH"
[ "$#" -gt 0 ] || { echo "tsan-triage: no report files: ThreadSanitizer reported nothing"; exit 0; }

# One line per report: number|file|kind|top frame of the access|top frame of the previous access.
# Then the Swift symbols are demangled and the two top frames compared.
awk '
    /WARNING: ThreadSanitizer:/ {
        n++; kind = $0; sub(/.*WARNING: ThreadSanitizer: /, "", kind); sub(/ \(pid=.*/, "", kind)
        first = ""; previous = ""; section = 0; next
    }
    /^  Previous / { section = 2; next }
    /^  [A-Z]/ { section = (first == "" && previous == "" && section == 0 && $0 ~ / by (thread T[0-9]+|main thread)/) ? 1 : 0; next }
    /^    #0 / {
        if (section == 1 && first == "") first = $2
        if (section == 2 && previous == "") previous = $2
        next
    }
    /^SUMMARY: ThreadSanitizer:/ { print n "|" FILENAME "|" kind "|" first "|" previous }
' "$@" | swift demangle | awk -F '|' '
    function locked(frame,    start, end) {
        # "closure #1 (sending inout …State…) -> sending Swift.Bool in …DeferredReply.complete(…)"
        if (frame !~ /^closure #[0-9]+ \(sending inout /) return ""
        start = index(frame, "(sending inout ") + 15
        end = index(frame, ") -> sending ")
        return end > start ? substr(frame, start, end - start) : ""
    }
    {
        a = locked($4); b = locked($5)
        if (($3 == "data race" || $3 == "Swift access race") && a != "" && a == b) {
            mutex++; sites[$4] = 1
        } else {
            real++; print "REAL: report " $1 " in " $2 ": " $3 "\n  access:   " $4 "\n  previous: " $5
        }
    }
    END {
        printf "tsan-triage: %d contended-Mutex false positive(s), %d other report(s)\n", mutex, real
        for (site in sites) print "  ignored (both sides in withLock on the same value): " site
        exit real > 0
    }
'
