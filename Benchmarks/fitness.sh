#!/bin/bash
# Pi fitness (issue 8, section 1): wikikiosk vs kiwix-serve vs nginx (the same articles pre-extracted
# to files and pre-gzipped, gzip_static on) on the same 20,000-article benchmark ZIM, in one run.
#
#   Benchmarks/fitness.sh        # prints a markdown report, also written to Benchmarks/out-fitness/results.md
#
# Points (each server pinned to CPU $SERVER_CPU, wrk pinned to CPU $CLIENT_CPU, gzip accepted):
#   - articles, two workloads: "repeated" (the first $WORKSET paths cycled for $DURATION s, after a 3 s
#     warm-up pass) and "cold" (every article once, shuffled; the server is restarted fresh for each cold
#     point; wrk is stopped when the pass completes (a generated Lua script signals wrk's main thread),
#     capped at $COLD_MAX s -- a capped point reports the share of the pass done);
#   - at $CONNECTIONS connections, unconstrained ("free") and under a "Pi budget": the server's whole
#     process tree in a cgroup limited to 512 MiB of memory and 50% of one core (cgroup v1 here:
#     memory.limit_in_bytes=512M, cpu.cfs_quota_us=50000 / cpu.cfs_period_us=100000; cgroup v2
#     memory.max / cpu.max "50000 100000" when the machine has the unified hierarchy);
#   - peak RSS (VmHWM; nginx: master + worker) of each server, survival (alive after, cgroup OOM kills);
#   - start-up with 50 ZIMs (50 distinct 200-article ZIMs from benchmark-zim, each with its own UUID):
#     time to the first 200 on / and RSS then, cold (empty state dir) and warm (second start);
#   - RSS during $SOAK s of mixed load (articles + search + suggestions) on wikikiosk.
#
# Environment: ARTICLES (20000) DURATION (10) COLD_MAX (20) CONNECTIONS ("64 256") WORKSET (2000)
#   FITNESS_SOAK_SECONDS (120) SERVERS ("kiwix-serve wikikiosk nginx") MODES ("free pi")
#   SECTIONS ("articles startup soak")
#   SCRATCH (.build-fitness-release) SERVER_CPU (0) CLIENT_CPU (1) OUT (Benchmarks/out-fitness)
# Needs: kiwix-tools, nginx-light, wrk (LuaJIT), curl, bc, util-linux; installed with apt when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /opt/swift/usr/bin ] && PATH="/opt/swift/usr/bin:$PATH"
PATH="$PATH:/usr/sbin:/sbin"

ARTICLES=${ARTICLES:-20000}
DURATION=${DURATION:-10}
COLD_MAX=${COLD_MAX:-20}
CONNECTIONS=${CONNECTIONS:-"64 256"}
WORKSET=${WORKSET:-2000}
SOAK=${FITNESS_SOAK_SECONDS:-120}
SERVERS=${SERVERS:-"kiwix-serve wikikiosk nginx"}
MODES=${MODES:-"free pi"}
SECTIONS=${SECTIONS:-"articles startup soak"}
SCRATCH=${SCRATCH:-.build-fitness-release}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
OUT=${OUT:-Benchmarks/out-fitness}
OUT=$(mkdir -p "$OUT" && cd "$OUT" && pwd)
PORT_K=19181; PORT_W=19182; PORT_N=19183

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
for tool in kiwix-serve wrk taskset bc curl nginx; do
    command -v "$tool" >/dev/null && continue
    $SUDO apt-get install -y -qq kiwix-tools wrk util-linux bc curl nginx-light >/dev/null
    break
done

swift build -c release --scratch-path "$SCRATCH" --product wikikiosk >&2
swift build -c release --scratch-path "$SCRATCH" --product benchmark-zim >&2
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)

# ---- Fixtures ----------------------------------------------------------------------------------
ZIM="$OUT/bench_${ARTICLES}.zim"; PATHS="$OUT/paths_${ARTICLES}.txt"; QUERIES="$OUT/queries_${ARTICLES}.txt"
if [ ! -f "$ZIM" ] || [ ! -f "$QUERIES" ]; then
    echo "writing $ZIM ($ARTICLES articles)..." >&2
    rm -f "$ZIM"
    "$BIN/benchmark-zim" "$ZIM" "$PATHS" "$ARTICLES" "$QUERIES" >&2
fi
BOOK=$(basename "$ZIM" .zim)
head -n "$WORKSET" "$PATHS" > "$OUT/workset.txt"
[ -f "$OUT/cold.txt" ] || shuf --random-source=<(yes) "$PATHS" > "$OUT/cold.txt"
LIB50="$OUT/library50"
if [ "$(ls "$LIB50"/*.zim 2>/dev/null | wc -l)" -lt 50 ]; then
    echo "writing 50 small ZIMs (200 articles each)..." >&2
    mkdir -p "$LIB50"
    for i in $(seq -w 1 50); do
        [ -f "$LIB50/small_$i.zim" ] || "$BIN/benchmark-zim" "$LIB50/small_$i.zim" "$OUT/small_paths.txt" 200 >/dev/null 2>&1
    done
fi

# The cold pass: one request per path, then wrk's main thread gets SIGINT (wrk's own stop signal) so the
# measured duration ends with the pass (plus at most wrk's 100 ms stop tick).
cat > "$OUT/cold.lua" <<'LUA'
local ffi = require("ffi")
ffi.cdef[[ int getpid(void); int tgkill(int tgid, int tid, int sig); ]]
local paths = {}
local prefix = os.getenv("PREFIX") or "/"
for line in io.lines(os.getenv("PATHS_FILE")) do
  if #line > 0 then paths[#paths + 1] = prefix .. line end
end
local index, answered, signalled = 0, 0, false
request = function()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end
response = function(status, headers, body)
  answered = answered + 1
  if answered >= #paths and not signalled then
    signalled = true
    local pid = ffi.C.getpid()
    ffi.C.tgkill(pid, pid, 2)
  end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50=%.2f p99=%.2f errors=%d non2xx=%d requests=%d pass=%.0f%%\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.errors.status, summary.requests,
    math.min(100, 100 * summary.requests / #paths)))
end
LUA

# ---- Cgroup (the Pi budget) --------------------------------------------------------------------
CG_KIND=none; CG_DIRS=()
cg_setup() {
    if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
        CG_KIND=v2; local d=/sys/fs/cgroup/wikikiosk-fitness
        echo "+memory +cpu" > /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || true
        mkdir -p "$d" && echo $((512 * 1024 * 1024)) > "$d/memory.max" && echo "50000 100000" > "$d/cpu.max" \
            && echo 0 > "$d/memory.swap.max" 2>/dev/null; CG_DIRS=("$d")
    elif [ -d /sys/fs/cgroup/memory ] && [ -d /sys/fs/cgroup/cpu ]; then
        CG_KIND=v1; local m=/sys/fs/cgroup/memory/wikikiosk-fitness c=/sys/fs/cgroup/cpu/wikikiosk-fitness
        mkdir -p "$m" "$c"
        echo $((512 * 1024 * 1024)) > "$m/memory.limit_in_bytes"
        echo 100000 > "$c/cpu.cfs_period_us"; echo 50000 > "$c/cpu.cfs_quota_us"
        CG_DIRS=("$m" "$c")
    fi
}
cg_reset_peak() {
    [ "$CG_KIND" = v1 ] && echo 0 > "${CG_DIRS[0]}/memory.max_usage_in_bytes" 2>/dev/null || true
}
cg_peak_mib() {
    case $CG_KIND in
        v1) awk '{printf "%.0f", $1/1048576}' "${CG_DIRS[0]}/memory.max_usage_in_bytes" ;;
        v2) [ -f "${CG_DIRS[0]}/memory.peak" ] && awk '{printf "%.0f", $1/1048576}' "${CG_DIRS[0]}/memory.peak" || echo "?" ;;
        *) echo "?" ;;
    esac
}
cg_oom_kills() {
    case $CG_KIND in
        v1) awk '/oom_kill / {print $2}' "${CG_DIRS[0]}/memory.oom_control" ;;
        v2) awk '/oom_kill / {print $2}' "${CG_DIRS[0]}/memory.events" ;;
        *) echo "?" ;;
    esac
}
[[ " $MODES " == *" pi "* ]] && cg_setup

# ---- Servers -----------------------------------------------------------------------------------
NGINX_ROOT="$OUT/nginx-root"
cat > "$OUT/nginx.conf" <<EOF
user root;
worker_processes 1;
pid $OUT/nginx.pid;
error_log $OUT/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on; tcp_nopush on; keepalive_requests 1000000;
    client_body_temp_path $OUT/nginx-tmp; proxy_temp_path $OUT/nginx-tmp; fastcgi_temp_path $OUT/nginx-tmp;
    uwsgi_temp_path $OUT/nginx-tmp; scgi_temp_path $OUT/nginx-tmp;
    default_type text/html;
    gzip_static on;
    server { listen 127.0.0.1:$PORT_N; root $NGINX_ROOT; }
}
EOF
mkdir -p "$OUT/nginx-tmp"

port_of() { case $1 in kiwix-serve) echo $PORT_K ;; wikikiosk) echo $PORT_W ;; nginx) echo $PORT_N ;; esac; }
prefix_of() { case $1 in kiwix-serve) echo "/$BOOK/" ;; *) echo "/content/$BOOK/" ;; esac; }
command_of() {
    case $1 in
        kiwix-serve) echo kiwix-serve --port $PORT_K --address 127.0.0.1 --threads 4 "$ZIM" ;;
        wikikiosk) echo "$BIN/wikikiosk" serve --address 127.0.0.1 --port $PORT_W --threads 4 \
            --max-connections 4096 --max-connections-per-ip 0 --state-dir "$OUT/state-bench" "$ZIM" ;;
        nginx) echo nginx -p "$OUT" -c "$OUT/nginx.conf" -g "'daemon off;'" ;;
    esac
}

wait_for() {
    for _ in $(seq 1 600); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ] && return 0
        sleep 0.05
    done
    echo "server did not answer at $1" >&2; return 1
}

# start_server NAME MODE: starts it pinned (and in the cgroup for MODE=pi); sets PID.
PID=""
start_server() {
    local name=$1 mode=$2 join=""
    if [ "$mode" = pi ]; then
        for d in "${CG_DIRS[@]}"; do join="$join echo \$\$ > $d/cgroup.procs;"; done
    fi
    bash -c "$join exec taskset -c $SERVER_CPU $(command_of "$name")" >>"$OUT/$name-$mode.log" 2>&1 &
    PID=$!
    wait_for "http://127.0.0.1:$(port_of "$name")$(prefix_of "$name")$(head -n1 "$OUT/workset.txt")"
}
# Peak RSS of the process and its children (nginx workers), MiB.
tree_pids() { echo "$1"; pgrep -P "$1" || true; }
peak_rss_mib() {
    local total=0 p
    for p in $(tree_pids "$1"); do
        total=$(( total + $(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0) ))
    done
    echo $(( total / 1024 ))
}
rss_mib() {
    local total=0 p
    for p in $(tree_pids "$1"); do
        total=$(( total + $(awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0) ))
    done
    echo $(( total / 1024 ))
}
stop_server() {
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true
}
load() { cut -d' ' -f1 /proc/loadavg; }

wrk_run() { # PORT PREFIX LUA PATHS CONNECTIONS SECONDS
    PATHS_FILE="$4" PREFIX="$2" taskset -c "$CLIENT_CPU" wrk -t1 -c"$5" -d"$6s" --timeout 10s \
        -H 'Accept-Encoding: gzip' -s "$3" "http://127.0.0.1:$1" | grep '^RESULT' \
        || echo "RESULT rps=0 p50=0 p99=0 errors=1 non2xx=0"
}

# ---- nginx document root: every article fetched once from wikikiosk, then gzip -k ----------------
if [[ " $SERVERS " == *" nginx "* ]] && [ ! -f "$NGINX_ROOT/.complete" ]; then
    echo "extracting $ARTICLES articles for nginx..." >&2
    rm -rf "$NGINX_ROOT"; mkdir -p "$NGINX_ROOT"
    start_server wikikiosk free
    awk -v base="http://127.0.0.1:$PORT_W/content/$BOOK/" -v root="$NGINX_ROOT/content/$BOOK/" \
        '{ printf "url = \"%s%s\"\noutput = \"%s%s\"\n", base, $0, root, $0 }' "$PATHS" > "$OUT/extract.cfg"
    curl -s --fail --create-dirs -K "$OUT/extract.cfg"
    stop_server
    # The paths are percent-encoded (Article_1_situ%C3%A9); nginx opens the decoded name.
    find "$NGINX_ROOT" -type f -name '*%*' | while read -r f; do
        d=$(basename "$f"); printf -v d '%b' "${d//%/\\x}"; mv -- "$f" "$(dirname "$f")/$d"
    done
    find "$NGINX_ROOT" -type f -print0 | xargs -0 -P2 -n500 gzip -k -6
    touch "$NGINX_ROOT/.complete"
fi

# ---- Article points ----------------------------------------------------------------------------
# raw.txt keeps every point; a point measured again replaces its earlier line (SECTIONS/SERVERS/MODES
# let one re-measure a part).
RAW="$OUT/raw.txt"; touch "$RAW"
note() { echo "$*" | tee -a "$RAW" >&2; }
forget() { sed -i "/^$1 /d" "$RAW"; }
[[ " $SECTIONS " == *" articles "* ]] && for mode in $MODES; do
    for name in $SERVERS; do
        forget "$mode $name"
        port=$(port_of "$name"); prefix=$(prefix_of "$name"); peak=0; alive=yes
        [ "$mode" = pi ] && cg_reset_peak
        oom0=$([ "$mode" = pi ] && cg_oom_kills || echo 0)
        for c in $CONNECTIONS; do   # cold: a fresh server per point
            start_server "$name" "$mode"; l=$(load)
            line=$(wrk_run "$port" "$prefix" "$OUT/cold.lua" "$OUT/cold.txt" "$c" "$COLD_MAX")
            kill -0 "$PID" 2>/dev/null || alive=no
            r=$(peak_rss_mib "$PID"); [ "$r" -gt "$peak" ] && peak=$r
            note "$mode $name cold $c $line rss=$r load=$l alive=$alive"
            stop_server
        done
        start_server "$name" "$mode"
        wrk_run "$port" "$prefix" Benchmarks/paths.lua "$OUT/workset.txt" 8 3 >/dev/null
        for c in $CONNECTIONS; do
            l=$(load)
            line=$(wrk_run "$port" "$prefix" Benchmarks/paths.lua "$OUT/workset.txt" "$c" "$DURATION")
            kill -0 "$PID" 2>/dev/null || alive=no
            r=$(peak_rss_mib "$PID" 2>/dev/null || echo 0); [ "$r" -gt "$peak" ] && peak=$r
            note "$mode $name repeated $c $line rss=$r load=$l alive=$alive"
        done
        oom1=$([ "$mode" = pi ] && cg_oom_kills || echo 0)
        note "$mode $name summary peak=$peak alive=$alive oomkills=$(( oom1 - oom0 )) cgpeak=$([ "$mode" = pi ] && cg_peak_mib || echo -)"
        stop_server
    done
done

# ---- Start-up with 50 ZIMs ---------------------------------------------------------------------
# startup NAME LABEL COMMAND...: time from exec to the first 200 on /, RSS then.
startup() {
    local name=$1 label=$2 port; shift 2
    port=$( [ "$name" = wikikiosk ] && echo $PORT_W || echo $PORT_K )
    local t0; t0=$(date +%s%N)
    taskset -c "$SERVER_CPU" "$@" >>"$OUT/$name-startup.log" 2>&1 &
    PID=$!
    local code=000
    for _ in $(seq 1 3000); do
        code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" || true)
        [ "$code" = 200 ] && break; sleep 0.01
    done
    local t1; t1=$(date +%s%N)
    note "startup $name $label load=$(load) ms=$(( (t1 - t0) / 1000000 )) code=$code rss=$(rss_mib "$PID")"
    stop_server
}
if [[ " $SECTIONS " == *" startup "* ]]; then
forget startup
rm -rf "$OUT/state-startup"; mkdir -p "$OUT/state-startup"
startup wikikiosk cold "$BIN/wikikiosk" serve --address 127.0.0.1 --port $PORT_W --library "$LIB50" --state-dir "$OUT/state-startup"
startup wikikiosk warm "$BIN/wikikiosk" serve --address 127.0.0.1 --port $PORT_W --library "$LIB50" --state-dir "$OUT/state-startup"
startup kiwix-serve cold kiwix-serve --port $PORT_K --address 127.0.0.1 "$LIB50"/*.zim
startup kiwix-serve warm kiwix-serve --port $PORT_K --address 127.0.0.1 "$LIB50"/*.zim
fi

# ---- Soak: RSS under mixed load ----------------------------------------------------------------
if [[ " $SECTIONS " == *" soak "* ]] && [ "$SOAK" -gt 0 ]; then
    forget soak
    start_server wikikiosk free
    rss0=$(rss_mib "$PID"); l=$(load)
    PATHS_FILE="$OUT/workset.txt" PREFIX="/content/$BOOK/" taskset -c "$CLIENT_CPU" wrk -t1 -c8 -d"${SOAK}s" --timeout 10s \
        -H 'Accept-Encoding: gzip' -s Benchmarks/paths.lua "http://127.0.0.1:$PORT_W" > "$OUT/soak-articles.txt" &
    a=$!
    QUERIES_FILE="$QUERIES" PREFIX="/search?content=$BOOK&pattern=" taskset -c "$CLIENT_CPU" wrk -t1 -c2 -d"${SOAK}s" \
        --timeout 10s -s Benchmarks/queries.lua "http://127.0.0.1:$PORT_W" > "$OUT/soak-search.txt" &
    s=$!
    QUERIES_FILE="$QUERIES" PREFIX="/suggest?content=$BOOK&term=" PREFIXLEN=4 taskset -c "$CLIENT_CPU" wrk -t1 -c2 \
        -d"${SOAK}s" --timeout 10s -s Benchmarks/queries.lua "http://127.0.0.1:$PORT_W" > "$OUT/soak-suggest.txt" &
    g=$!
    samples=""
    for _ in $(seq 1 $(( SOAK / 15 ))); do sleep 15; samples="$samples $(rss_mib "$PID")"; done
    wait $a $s $g || true
    rss1=$(rss_mib "$PID"); alive=yes; kill -0 "$PID" 2>/dev/null || alive=no
    note "soak wikikiosk seconds=$SOAK load=$l rss_start=$rss0 rss_end=$rss1 peak=$(peak_rss_mib "$PID") samples=${samples# } alive=$alive" \
        "articles: $(grep RESULT "$OUT/soak-articles.txt" | cut -c8-) | search: $(grep RESULT "$OUT/soak-search.txt" | cut -c8-)" \
        "| suggest: $(grep RESULT "$OUT/soak-suggest.txt" | cut -c8-)"
    stop_server
fi

# ---- Report ------------------------------------------------------------------------------------
field() { sed -n "s/.*[ ]$1=\([0-9.?-]*\).*/\1/p" | head -1; }
ratio() { [ -n "$1" ] && [ -n "$2" ] && [ "$(echo "$2 > 0" | bc)" = 1 ] && echo "$(echo "scale=2; $1 / $2" | bc)×" || echo "n/a"; }
get() { grep "^$1 $2 $3 $4 " "$RAW" || true; }
{
echo "# WikiKiosk fitness run $(date -u '+%F %H:%M') UTC"
echo
echo "ZIM: $ARTICLES articles ($BOOK, $(du -m "$ZIM" | cut -f1) MB). Server pinned to CPU $SERVER_CPU, wrk (1 thread) to CPU $CLIENT_CPU, gzip accepted."
echo "repeated = first $WORKSET paths cycled ${DURATION}s after a 3 s warm-up; cold = all $ARTICLES paths shuffled, one pass on a"
echo "freshly started server (capped at ${COLD_MAX}s; 'pass' = share done). nginx: same articles fetched from wikikiosk, gzip -k -6, gzip_static on."
echo "Pi budget: cgroup $CG_KIND, 512 MiB memory, 50% of one core (cfs quota 50000/100000 µs), plus taskset CPU $SERVER_CPU."
echo "Load average (1 min) before each point is shown: the machine (2 cores) is shared with other engineers' builds."
for mode in $MODES; do
    echo
    [ "$mode" = free ] && echo "## Articles, one core, no memory limit" || echo "## Articles under the Pi budget (512 MiB, 50% of one core)"
    echo
    echo "| workload | conns | kiwix-serve req/s | wikikiosk req/s | nginx req/s | wikikiosk / kiwix | wikikiosk / nginx | p99 ms k / w / n | errors k / w / n | pass k / w / n | load k / w / n |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    for wl in repeated cold; do
        for c in $CONNECTIONS; do
            k=$(get "$mode" kiwix-serve "$wl" "$c"); w=$(get "$mode" wikikiosk "$wl" "$c"); n=$(get "$mode" nginx "$wl" "$c")
            kr=$(echo "$k" | field rps); wr=$(echo "$w" | field rps); nr=$(echo "$n" | field rps)
            err() { [ -n "$1" ] && echo $(( $(echo "$1" | field errors) + $(echo "$1" | field non2xx) )) || echo "-"; }
            pass() { local p; p=$(echo "$1" | sed -n 's/.*pass=\([0-9]*%\).*/\1/p'); echo "${p:--}"; }
            echo "| $wl | $c | ${kr:--} | ${wr:--} | ${nr:--} | $(ratio "$wr" "$kr") | $(ratio "$wr" "$nr") |" \
                 "$(echo "$k" | field p99) / $(echo "$w" | field p99) / $(echo "$n" | field p99) |" \
                 "$(err "$k") / $(err "$w") / $(err "$n") | $(pass "$k") / $(pass "$w") / $(pass "$n") |" \
                 "$(echo "$k" | field load) / $(echo "$w" | field load) / $(echo "$n" | field load) |"
        done
    done
    echo
    echo "| server | peak RSS MiB (VmHWM) | alive after | cgroup OOM kills | cgroup peak MiB (incl. page cache) |"
    echo "|---|---|---|---|---|"
    for name in $SERVERS; do
        s=$(get "$mode" "$name" summary peak=); s=$(grep "^$mode $name summary" "$RAW" || true)
        echo "| $name | $(echo "$s" | field peak) | $(echo "$s" | sed -n 's/.*alive=\([a-z]*\).*/\1/p') |" \
             "$(echo "$s" | field oomkills) | $(echo "$s" | sed -n 's/.*cgpeak=\([0-9?-]*\).*/\1/p') |"
    done
done
echo
echo "## Start-up with 50 ZIMs (50 distinct 200-article ZIMs, library folder / 50 file arguments)"
echo
echo "| server | start | time to first 200 on / (ms) | RSS then (MiB) | load |"
echo "|---|---|---|---|---|"
grep '^startup ' "$RAW" | while read -r _ name label rest; do
    echo "| $name | $label | $(echo " $rest" | field ms) | $(echo " $rest" | field rss) | $(echo " $rest" | field load) |"
done
echo
echo "## Mixed-load soak (wikikiosk, ${SOAK}s: 8 article + 2 search + 2 suggestion connections)"
echo
grep '^soak ' "$RAW" | sed 's/^soak wikikiosk /- /' || echo "- not run"
} | tee "$OUT/results.md"
