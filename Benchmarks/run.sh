#!/bin/bash
# WikiKiosk vs kiwix-serve on the same ZIM, in the same run.
#
# Builds a Wikipedia-sized benchmark ZIM (20,000 articles by default) with libzim's writer,
# starts each server pinned to CPU 0, drives it with wrk pinned to CPU 1 at 1, 8 and 64
# connections (gzip accepted, like a phone), and prints requests/s, p50/p99 latency and
# peak RSS of each side, with ratios, as a markdown table.
#
# Then, on the same ZIM, full-text search (/search) and title suggestions (/suggest) at the same
# connection counts with queries typed the lazy way (Benchmarks/out/queries_N.txt, made by the
# generator), counting server crashes, and article latency while 16 searches run (article p99
# idle vs under 16 search connections).
#
#   Benchmarks/run.sh                 # full run (~12 minutes)
#   SCRATCH=.build-me Benchmarks/run.sh   # build with another scratch path
#   ARTICLES=5000 DURATION=5 Benchmarks/run.sh
#   CORPUS=small Benchmarks/run.sh    # the 150-word text of the older rows (every query matches
#                                     # every article, every page compresses to little) instead of
#                                     # the default zipf text (a Zipf vocabulary of 20,000 words)
#   SECTIONS=search Benchmarks/run.sh # only search and suggestions ("articles search" by default)
#
# Needs: kiwix-tools (kiwix-serve 3.3.0), wrk, util-linux (taskset). Installs them with apt when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
[ -d /opt/swift/usr/bin ] && PATH="/opt/swift/usr/bin:$PATH"

ARTICLES=${ARTICLES:-20000}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-"1 8 64"}
WORKSET=${WORKSET:-2000}
OUT=${OUT:-Benchmarks/out}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
SCRATCH=${SCRATCH:-}
CORPUS=${CORPUS:-zipf}
SECTIONS=${SECTIONS:-"articles search"}
SUFFIX=""; [ "$CORPUS" = small ] || SUFFIX="_$CORPUS"
BUILD_ARGS=()
[ -n "$SCRATCH" ] && BUILD_ARGS=(--scratch-path "$SCRATCH")
mkdir -p "$OUT"

for tool in kiwix-serve wrk taskset bc curl; do
    if ! command -v "$tool" >/dev/null; then
        SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
        $SUDO apt-get install -y -qq kiwix-tools wrk util-linux bc curl >/dev/null
        break
    fi
done

swift build -c release "${BUILD_ARGS[@]}" --product wikikiosk >&2
swift build -c release "${BUILD_ARGS[@]}" --product benchmark-zim >&2
BIN=$(swift build -c release "${BUILD_ARGS[@]}" --show-bin-path)

ZIM="$OUT/bench_${ARTICLES}${SUFFIX}.zim"
QUERIES="$OUT/queries_${ARTICLES}${SUFFIX}.txt"
if [ ! -f "$ZIM" ] || [ ! -f "$QUERIES" ]; then
    echo "writing $ZIM ($ARTICLES articles, $CORPUS corpus)..." >&2
    rm -f "$ZIM"
    "$BIN/benchmark-zim" "$ZIM" "$OUT/paths_${ARTICLES}${SUFFIX}.txt" "$ARTICLES" "$QUERIES" "$CORPUS" >&2
fi
BOOK=$(basename "$ZIM" .zim)
head -n "$WORKSET" "$OUT/paths_${ARTICLES}${SUFFIX}.txt" > "$OUT/workset.txt"


# run_server NAME PORT PREFIX COMMAND...: measures every connection count, prints result lines.
run_server() {
    local name=$1 port=$2 prefix=$3; shift 3
    taskset -c "$SERVER_CPU" "$@" >"$OUT/$name.log" 2>&1 &
    local pid=$!
    wait_for "http://127.0.0.1:$port${prefix}$(head -n1 "$OUT/workset.txt")"
    # Warm up: one pass over the working set.
    PATHS_FILE="$OUT/workset.txt" PREFIX="$prefix" taskset -c "$CLIENT_CPU" \
        wrk -t1 -c8 -d3s -H 'Accept-Encoding: gzip' -s Benchmarks/paths.lua "http://127.0.0.1:$port" >/dev/null
    for c in $CONNECTIONS; do
        local line
        line=$(PATHS_FILE="$OUT/workset.txt" PREFIX="$prefix" taskset -c "$CLIENT_CPU" \
            wrk -t1 -c"$c" -d"${DURATION}s" --timeout 10s -H 'Accept-Encoding: gzip' -s Benchmarks/paths.lua \
            "http://127.0.0.1:$port" | grep '^RESULT')
        echo "$name $c $line rss=$(peak_rss_mib $pid)"
    done
    kill "$pid"; wait "$pid" 2>/dev/null || true
}


if [[ " $SECTIONS " == *" articles "* ]]; then
RESULTS="$OUT/results$SUFFIX.txt"
: > "$RESULTS"
run_server kiwix-serve 18081 "/$BOOK/" kiwix-serve --port 18081 --address 127.0.0.1 --threads 4 "$ZIM" | tee -a "$RESULTS" >&2
run_server wikikiosk 18082 "/content/$BOOK/" "$BIN/wikikiosk" serve --address 127.0.0.1 --port 18082 --threads 4 --max-connections-per-ip 0 \
    --state-dir "$OUT/state" "$ZIM" | tee -a "$RESULTS" >&2

echo
echo "Articles from a $ARTICLES-article ZIM, working set of $WORKSET articles cycled, gzip accepted;"
echo "server pinned to CPU $SERVER_CPU, wrk to CPU $CLIENT_CPU, ${DURATION}s per point. $(date -u +%F)"
echo
echo "| connections | kiwix-serve req/s | wikikiosk req/s | ratio | kiwix p50 / p99 ms | wikikiosk p50 / p99 ms | p99 ratio | errors (k / w) |"
echo "|---|---|---|---|---|---|---|---|"
for c in $CONNECTIONS; do
    k=$(grep "^kiwix-serve $c " "$RESULTS"); w=$(grep "^wikikiosk $c " "$RESULTS")
    krps=$(echo "$k" | field rps); wrps=$(echo "$w" | field rps)
    kp50=$(echo "$k" | field p50); kp99=$(echo "$k" | field p99)
    wp50=$(echo "$w" | field p50); wp99=$(echo "$w" | field p99)
    kerr=$(( $(echo "$k" | field errors) + $(echo "$k" | field non2xx) ))
    werr=$(( $(echo "$w" | field errors) + $(echo "$w" | field non2xx) ))
    echo "| $c | $krps | $wrps | $(echo "scale=1; $wrps / $krps" | bc)× | $kp50 / $kp99 | $wp50 / $wp99 | $(echo "scale=3; $wp99 / $kp99" | bc) | $kerr / $werr |"
done
krss=$(grep '^kiwix-serve' "$RESULTS" | fields rss | sort -n | tail -1)
wrss=$(grep '^wikikiosk' "$RESULTS" | fields rss | sort -n | tail -1)
echo
echo "Peak RSS: kiwix-serve $krss MiB, wikikiosk $wrss MiB (ratio $(echo "scale=2; $wrss / $krss" | bc))."
fi
[[ " $SECTIONS " == *" search "* ]] || exit 0

# ---- Search and suggestions ---------------------------------------------------------------------

# wrk_queries PORT PREFIX CONNECTIONS SECONDS: one measurement over the query list.
wrk_queries() {
    QUERIES_FILE="$QUERIES" PREFIX="$2" taskset -c "$CLIENT_CPU" \
        wrk -t1 -c"$3" -d"$4s" --timeout 10s -H 'Accept-Encoding: gzip' -s Benchmarks/queries.lua \
        "http://127.0.0.1:$1" | grep '^RESULT' || echo "RESULT rps=0 p50=0 p99=0 errors=1 non2xx=0 busy=0"
}
wrk_articles() {
    PATHS_FILE="$OUT/workset.txt" PREFIX="$2" taskset -c "$CLIENT_CPU" \
        wrk -t1 -c"$3" -d"$4s" --timeout 10s -H 'Accept-Encoding: gzip' -s Benchmarks/paths.lua \
        "http://127.0.0.1:$1" | grep '^RESULT'
}

# run_search NAME PORT ARTICLE_PREFIX SEARCH_PREFIX SUGGEST_PREFIX COMMAND...: search and suggestion
# points, restarting the server when it crashed (counted), then article p99 idle vs under 16 searches.
run_search() {
    local name=$1 port=$2 article=$3 search=$4 suggest=$5; shift 5
    local pid="" crashes=0
    start() {
        taskset -c "$SERVER_CPU" "$@" >>"$OUT/$name-search.log" 2>&1 &
        pid=$!
        wait_for "http://127.0.0.1:$port${article}$(head -n1 "$OUT/workset.txt")"
    }
    alive() { kill -0 "$pid" 2>/dev/null; }
    start "$@"
    for kind in search suggest; do
        local prefix=$search; [ "$kind" = suggest ] && prefix=$suggest
        wrk_queries "$port" "$prefix" 8 3 >/dev/null   # warm up
        for c in $CONNECTIONS; do
            alive || { crashes=$((crashes + 1)); start "$@"; }
            local line; line=$(wrk_queries "$port" "$prefix" "$c" "$DURATION")
            alive || { crashes=$((crashes + 1)); line="$line crashed"; start "$@"; }
            echo "$name $kind $c $line"
        done
    done
    local idle loaded
    idle=$(wrk_articles "$port" "$article" 4 "$DURATION")
    wrk_queries "$port" "$search" 16 $((DURATION + 3)) >/dev/null &
    local load=$!
    sleep 1
    loaded=$(wrk_articles "$port" "$article" 4 "$DURATION")
    wait "$load" || true
    alive || crashes=$((crashes + 1))
    echo "$name articles-idle 4 $idle"
    echo "$name articles-under-16-searches 4 $loaded"
    echo "$name crashes $crashes"
    kill "$pid" 2>/dev/null; sleep 0.5; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
}

SEARCH_RESULTS="$OUT/search-results$SUFFIX.txt"
: > "$SEARCH_RESULTS"
run_search kiwix-serve 18081 "/$BOOK/" "/search?content=$BOOK&pattern=" "/suggest?content=$BOOK&term=" \
    kiwix-serve --port 18081 --address 127.0.0.1 --threads 4 "$ZIM" | tee -a "$SEARCH_RESULTS" >&2
run_search wikikiosk 18082 "/content/$BOOK/" "/search?content=$BOOK&pattern=" "/suggest?content=$BOOK&term=" \
    "$BIN/wikikiosk" serve --address 127.0.0.1 --port 18082 --max-connections-per-ip 0 --state-dir "$OUT/state" "$ZIM" \
    | tee -a "$SEARCH_RESULTS" >&2

echo
echo "Search and suggestions ($CORPUS corpus): $(wc -l < "$QUERIES") lazy queries cycled (titles and word pairs), ${DURATION}s per point."
echo
echo "| endpoint | connections | kiwix-serve req/s | wikikiosk req/s | ratio | kiwix p50 / p99 ms | wikikiosk p50 / p99 ms | errors (k / w) | wikikiosk title-only (busy) answers |"
echo "|---|---|---|---|---|---|---|---|---|"
for kind in search suggest; do
    for c in $CONNECTIONS; do
        k=$(grep "^kiwix-serve $kind $c " "$SEARCH_RESULTS"); w=$(grep "^wikikiosk $kind $c " "$SEARCH_RESULTS")
        krps=$(echo "$k" | field rps); wrps=$(echo "$w" | field rps)
        kerr=$(( $(echo "$k" | field errors) + $(echo "$k" | field non2xx) ))
        werr=$(( $(echo "$w" | field errors) + $(echo "$w" | field non2xx) ))
        ratio=$( [ "$(echo "$krps > 0" | bc)" = 1 ] && echo "$(echo "scale=1; $wrps / $krps" | bc)×" || echo "n/a")
        echo "| /$kind | $c | $krps | $wrps | $ratio | $(echo "$k" | field p50) / $(echo "$k" | field p99) |" \
             "$(echo "$w" | field p50) / $(echo "$w" | field p99) | $kerr / $werr$(echo "$k" | grep -q crashed && echo ' (kiwix crashed)') |" \
             "$(echo "$w" | field busy) |"
    done
done
echo
for name in kiwix-serve wikikiosk; do
    idle=$(grep "^$name articles-idle " "$SEARCH_RESULTS" | field p99)
    loaded=$(grep "^$name articles-under-16-searches " "$SEARCH_RESULTS" | field p99)
    echo "$name: article p99 idle $idle ms, while 16 searches run $loaded ms" \
         "($(echo "scale=1; $loaded / $idle" | bc)×); server crashes: $(grep "^$name crashes" "$SEARCH_RESULTS" | awk '{print $3}')."
done
