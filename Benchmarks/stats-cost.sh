#!/bin/bash
# What usage statistics cost: article throughput with statistics on vs off (same binary, same
# ZIM, same run, alternated), and bytes written to disk per 100,000 article views.
#
# Each round starts wikikiosk pinned to CPU 0 (--no-stats, then with statistics), drives it
# with wrk pinned to CPU 1 at 64 connections over the benchmark ZIM's working set, and reads
# /proc/<pid>/io write_bytes around the measured run. Views are counted in usage.sqlite.
#
#   Benchmarks/stats-cost.sh
#   ROUNDS=3 DURATION=20 SCRATCH=.build-usage-release Benchmarks/stats-cost.sh
#
# Needs: wrk, util-linux (taskset), sqlite3, curl. Installs them with apt when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
[ -d /opt/swift/usr/bin ] && PATH="/opt/swift/usr/bin:$PATH"

ARTICLES=${ARTICLES:-20000}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
ROUNDS=${ROUNDS:-2}
WORKSET=${WORKSET:-2000}
FLUSH=${FLUSH:-5}
OUT=${OUT:-Benchmarks/out}
SCRATCH=${SCRATCH:-.build}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
PORT=${PORT:-18083}
mkdir -p "$OUT"

for tool in wrk taskset sqlite3 curl; do
    if ! command -v "$tool" >/dev/null; then
        SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
        $SUDO apt-get install -y -qq wrk util-linux sqlite3 curl >/dev/null
        break
    fi
done

swift build -c release --scratch-path "$SCRATCH" --product wikikiosk >&2
swift build -c release --scratch-path "$SCRATCH" --product benchmark-zim >&2
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)

ZIM="$OUT/bench_${ARTICLES}.zim"
if [ ! -f "$ZIM" ]; then
    echo "writing $ZIM ($ARTICLES articles)..." >&2
    "$BIN/benchmark-zim" "$ZIM" "$OUT/paths_${ARTICLES}.txt" "$ARTICLES" >&2
fi
BOOK=$(basename "$ZIM" .zim)
head -n "$WORKSET" "$OUT/paths_${ARTICLES}.txt" > "$OUT/workset.txt"


# measure MODE ROUND: prints "MODE rps=… p50=… p99=… written=… views=…"
measure() {
    local mode=$1 round=$2 state="$OUT/stats-state-$1-$2"
    rm -rf "$state"; mkdir -p "$state"
    local flags=(--no-stats)
    [ "$mode" = on ] && flags=(--stats-flush-seconds "$FLUSH")
    taskset -c "$SERVER_CPU" "$BIN/wikikiosk" serve --address 127.0.0.1 --port "$PORT" --threads 4 \
        --state-dir "$state" "${flags[@]}" "$ZIM" 2>"$OUT/stats-$mode-$round.log" &
    local pid=$!
    for _ in $(seq 1 100); do curl -s -o /dev/null "http://127.0.0.1:$PORT/content/$BOOK/" && break; sleep 0.1; done
    PATHS_FILE="$OUT/workset.txt" PREFIX="/content/$BOOK/" taskset -c "$CLIENT_CPU" \
        wrk -t1 -c8 -d3s -H 'Accept-Encoding: gzip' -s Benchmarks/paths.lua "http://127.0.0.1:$PORT" >/dev/null
    sleep $((FLUSH + 1))   # the warm-up's batch is written before measuring
    local views_before=0
    [ "$mode" = on ] && views_before=$(sqlite3 "$state/usage.sqlite" "SELECT COUNT(*) FROM events WHERE kind='view'")
    local before; before=$(write_bytes $pid)
    local ticks_before; ticks_before=$(cpu_ticks $pid)
    local line
    line=$(PATHS_FILE="$OUT/workset.txt" PREFIX="/content/$BOOK/" taskset -c "$CLIENT_CPU" \
        wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -H 'Accept-Encoding: gzip' -s Benchmarks/paths.lua \
        "http://127.0.0.1:$PORT" | grep '^RESULT')
    local ticks=$(( $(cpu_ticks $pid) - ticks_before ))
    sleep $((FLUSH + 1))   # the last batch reaches the disk
    local after; after=$(write_bytes $pid)
    kill -TERM $pid; wait $pid 2>/dev/null || true
    local views=0 total=0
    if [ "$mode" = on ]; then
        total=$(sqlite3 "$state/usage.sqlite" "SELECT COUNT(*) FROM events WHERE kind='view'")
        views=$((total - views_before))
    fi
    local requests; requests=$(echo "$line" | sed -n 's/.*rps=\([0-9.]*\).*/\1/p')
    local us_per_request; us_per_request=$(echo "scale=1; $ticks * 1000000 / $(getconf CLK_TCK) / ($requests * $DURATION)" | bc)
    echo "$mode $line cpu_us=$us_per_request written=$((after - before)) views=$views total=$total db=$(du -b "$state"/usage.sqlite* 2>/dev/null | awk '{s+=$1} END {print s+0}')"
}

RESULTS="$OUT/stats-cost.txt"
: > "$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
    measure off "$round" | tee -a "$RESULTS" >&2
    measure on "$round" | tee -a "$RESULTS" >&2
done

off_rps=$(grep '^off' "$RESULTS" | fields rps | avg)
on_rps=$(grep '^on' "$RESULTS" | fields rps | avg)
echo
echo "Articles from a $ARTICLES-article ZIM, $CONNECTIONS connections, ${DURATION}s × $ROUNDS rounds alternated,"
echo "server on CPU $SERVER_CPU, wrk on CPU $CLIENT_CPU, statistics flushed every ${FLUSH}s. $(date -u +%F)"
echo
echo "| round | stats off req/s | stats on req/s | off / on server CPU µs per request | on p50 / p99 ms | off p50 / p99 ms |"
echo "|---|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
    off=$(sed -n "$((round * 2 - 1))p" "$RESULTS"); on=$(sed -n "$((round * 2))p" "$RESULTS")
    echo "| $round | $(echo "$off" | field rps) | $(echo "$on" | field rps) | $(echo "$off" | field cpu_us) / $(echo "$on" | field cpu_us) | $(echo "$on" | field p50) / $(echo "$on" | field p99) | $(echo "$off" | field p50) / $(echo "$off" | field p99) |"
done
echo
off_cpu=$(grep '^off' "$RESULTS" | fields cpu_us | avg)
on_cpu=$(grep '^on' "$RESULTS" | fields cpu_us | avg)
echo "Mean: off $off_rps req/s, on $on_rps req/s, throughput cost $(echo "scale=2; (1 - $on_rps / $off_rps) * 100" | bc)%;"
echo "server CPU per request: off $off_cpu µs, on $on_cpu µs, cost $(echo "scale=2; ($on_cpu / $off_cpu - 1) * 100" | bc)%."
off_med=$(grep '^off' "$RESULTS" | fields rps | median); on_med=$(grep '^on' "$RESULTS" | fields rps | median)
off_cpu_med=$(grep '^off' "$RESULTS" | fields cpu_us | median); on_cpu_med=$(grep '^on' "$RESULTS" | fields cpu_us | median)
echo "Medians: off $off_med req/s, on $on_med req/s ($(echo "scale=2; (1 - $on_med / $off_med) * 100" | bc)%);"
echo "CPU per request off $off_cpu_med µs, on $on_cpu_med µs ($(echo "scale=2; ($on_cpu_med / $off_cpu_med - 1) * 100" | bc)%)."
written=$(grep '^on' "$RESULTS" | fields written | awk '{s+=$1} END {print s}')
views=$(grep '^on' "$RESULTS" | fields views | awk '{s+=$1} END {print s}')
if [ "$views" -gt 0 ]; then
    echo "Disk writes with statistics: $written bytes for $views views = $(echo "$written * 100000 / $views" | bc) bytes per 100,000 views;"
    last=$(grep '^on' "$RESULTS" | tail -1)
    echo "Database size: $(echo "$last" | field db) bytes for $(echo "$last" | field total) views = $(echo "$(echo "$last" | field db) * 100000 / $(echo "$last" | field total)" | bc) bytes per 100,000 views."
fi
