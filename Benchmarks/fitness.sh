#!/bin/bash
# Pi fitness (issue 8, section 1): wikikiosk vs kiwix-serve vs nginx (the same articles pre-extracted
# to files and pre-gzipped, gzip_static on) on the same 20,000-article benchmark ZIM, in one run.
#
#   Benchmarks/fitness.sh        # prints a markdown report, also written to Benchmarks/out-fitness/results.md
#
# Points (each server pinned to CPU $SERVER_CPU, wrk pinned to CPU $CLIENT_CPU):
#   - articles and images, four workloads: "repeated" (the first $WORKSET paths cycled for $DURATION s,
#     gzip accepted, after a 3 s warm-up pass), "nogzip" (the same without Accept-Encoding), "images"
#     (the ZIM's $IMAGES JPEG-like images of 20-200 KB cycled), "zipf" (Zipf(1) over every article,
#     popularity ranked in a shuffled order, after a $ZIPF_WARMUP s warm-up) and "cold" (every article once, shuffled;
#     the server is restarted fresh for each cold point; wrk is stopped when the pass completes (a
#     generated Lua script signals wrk's main thread), capped at $COLD_MAX s -- a capped point reports
#     the share of the pass done);
#   - at $CONNECTIONS connections (cold: $COLD_CONNECTIONS), unconstrained ("free"), and at
#     $PI_CONNECTIONS under a "Pi budget": the server's whole process tree in a cgroup limited to
#     512 MiB of memory and 50% of one core (cgroup v1 here: memory.limit_in_bytes=512M,
#     cpu.cfs_quota_us=50000 / cpu.cfs_period_us=100000; cgroup v2 memory.max / cpu.max
#     "50000 100000" when the machine has the unified hierarchy);
#   - peak RSS (VmHWM; nginx: master + worker) of each server, survival (alive after, cgroup OOM kills);
#   - search and suggestions (wikikiosk vs kiwix-serve; nginx has none) at $SEARCH_CONNECTIONS
#     connections in $SEARCH_MODES, the lazy queries of Benchmarks/run.sh;
#   - start-up with 50 ZIMs (50 distinct 200-article ZIMs from benchmark-zim, each with its own UUID):
#     time to the first 200 on / and RSS then, cold (empty state dir) and warm (second start);
#   - start-up with one big ZIM (the 20,000 articles plus $BIG_MIB MiB of images and $BIG_REDIRECTS
#     redirects, made once and kept in
#     $OUT; skipped when the disk has less than 6 GB free): time to the first 200 on an article and RSS
#     then, cold and warm, with the file dropped from the page cache before each start; plus, for the
#     record, how long the validation child, the whole-file checksum and a plain read of the file take;
#   - the soak: RSS every $SOAK_SAMPLE s during $SOAK s of mixed load on wikikiosk (articles, images,
#     search, suggestions, plus slow clients: slow readers of images, slow senders of requests and idle
#     keep-alive connections), with the slope of the last half of the samples.
#
# Environment: CORPUS (zipf; small = the older rows' 150-word text) ARTICLES (20000) DURATION (10) COLD_MAX (20) CONNECTIONS ("1 8 64 256")
#   COLD_CONNECTIONS ("64 256") PI_CONNECTIONS ("64 256") WORKLOADS ("repeated nogzip images zipf cold")
#   ZIPF_WARMUP (10: seconds of Zipf(1) load before the zipf points)
#   WORKSET (2000) IMAGES (300) SEARCH_CONNECTIONS ("1 8 64") SEARCH_MODES ("free") BIG_MIB (2100)
#   BIG_REDIRECTS (1000000) FITNESS_SOAK_SECONDS (600) SOAK_SAMPLE (15) SERVERS ("kiwix-serve wikikiosk nginx") MODES ("free pi")
#   SECTIONS ("articles search startup bigstart soak"; "report" only prints the report)
#   SCRATCH (.build-fitness-release) SERVER_CPU (0) CLIENT_CPU (1) OUT (Benchmarks/out-fitness)
#   KIWIX_THREADS (4: kiwix-serve's default) WIKIKIOSK_THREADS (0: its default, one per core it may
#   run on, so 1 when pinned) WIKIKIOSK_ARGS (extra options, e.g. "--cache-mib 8")
# Needs: kiwix-tools, nginx-light, wrk (LuaJIT), curl, bc, util-linux; installed with apt when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
[ -d /opt/swift/usr/bin ] && PATH="/opt/swift/usr/bin:$PATH"
PATH="$PATH:/usr/sbin:/sbin"

ARTICLES=${ARTICLES:-20000}
DURATION=${DURATION:-10}
COLD_MAX=${COLD_MAX:-20}
CONNECTIONS=${CONNECTIONS:-"1 8 64 256"}
COLD_CONNECTIONS=${COLD_CONNECTIONS:-"64 256"}
PI_CONNECTIONS=${PI_CONNECTIONS:-"64 256"}
WORKLOADS=${WORKLOADS:-"repeated nogzip images zipf cold"}
ZIPF_WARMUP=${ZIPF_WARMUP:-10}
WORKSET=${WORKSET:-2000}
IMAGES=${IMAGES:-300}
SEARCH_CONNECTIONS=${SEARCH_CONNECTIONS:-"1 8 64"}
SEARCH_MODES=${SEARCH_MODES:-"free"}
BIG_MIB=${BIG_MIB:-2100}
BIG_REDIRECTS=${BIG_REDIRECTS:-1000000}
SOAK=${FITNESS_SOAK_SECONDS:-600}
SOAK_SAMPLE=${SOAK_SAMPLE:-15}
SERVERS=${SERVERS:-"kiwix-serve wikikiosk nginx"}
MODES=${MODES:-"free pi"}
SECTIONS=${SECTIONS:-"articles search startup bigstart soak"}
SCRATCH=${SCRATCH:-.build-fitness-release}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
OUT=${OUT:-Benchmarks/out-fitness}
KIWIX_THREADS=${KIWIX_THREADS:-4}
WIKIKIOSK_THREADS=${WIKIKIOSK_THREADS:-0}
WIKIKIOSK_ARGS=${WIKIKIOSK_ARGS:-}
OUT=$(mkdir -p "$OUT" && cd "$OUT" && pwd)
PORT_K=19181; PORT_W=19182; PORT_N=19183
# wikikiosk's state (usage database) starts empty every run: kept, it grew by millions of benchmark
# views per run (2.3 GB after a day), and a start under the Pi budget then took over 30 s.
rm -rf "$OUT/state-bench"

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
for tool in kiwix-serve wrk taskset bc curl nginx python3; do
    command -v "$tool" >/dev/null && continue
    $SUDO apt-get install -y -qq kiwix-tools wrk util-linux bc curl nginx-light python3 >/dev/null
    break
done

swift build -c release --scratch-path "$SCRATCH" --product wikikiosk >&2
swift build -c release --scratch-path "$SCRATCH" --product benchmark-zim >&2
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)

# ---- Fixtures ----------------------------------------------------------------------------------
# CORPUS: zipf (default since 2026-12-03: real-language word frequencies, pages gzip to ~45 %) or
# small (the 150-word text of BENCHMARKS.md's older rows, which fits every cache).
CORPUS=${CORPUS:-zipf}
ZIM="$OUT/bench_${ARTICLES}_${CORPUS}.zim"; PATHS="$OUT/paths_${ARTICLES}_${CORPUS}.txt"
QUERIES="$OUT/queries_${ARTICLES}_${CORPUS}.txt"; IMAGE_LIST="$OUT/images_${ARTICLES}_${IMAGES}_${CORPUS}.txt"
# The image list is written with the ZIM: a ZIM from before images were added (no list) is rebuilt.
if [ ! -f "$ZIM" ] || [ ! -f "$QUERIES" ] || [ ! -f "$IMAGE_LIST" ]; then
    echo "writing $ZIM ($ARTICLES articles, $IMAGES images, $CORPUS corpus)..." >&2
    rm -f "$ZIM"
    "$BIN/benchmark-zim" "$ZIM" "$PATHS" "$ARTICLES" "$QUERIES" "$CORPUS" --images "$IMAGES" --image-list "$IMAGE_LIST" >&2
fi
BOOK=$(basename "$ZIM" .zim)
head -n "$WORKSET" "$PATHS" > "$OUT/workset.txt"
[ "$OUT/cold.txt" -nt "$PATHS" ] || shuf --random-source=<(yes) "$PATHS" > "$OUT/cold.txt"
LIB50="$OUT/library50"
if [ "$(find "$LIB50" -maxdepth 1 -name '*.zim' 2>/dev/null | wc -l)" -lt 50 ]; then
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
    if [ "$CG_KIND" = v1 ]; then echo 0 > "${CG_DIRS[0]}/memory.max_usage_in_bytes" 2>/dev/null || true; fi
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
    types { text/css css; image/jpeg jpg; }
    gzip_static on;
    server { listen 127.0.0.1:$PORT_N; root $NGINX_ROOT; }
}
EOF
mkdir -p "$OUT/nginx-tmp"

port_of() { case $1 in kiwix-serve) echo $PORT_K ;; wikikiosk) echo $PORT_W ;; nginx) echo $PORT_N ;; esac; }
prefix_of() { case $1 in kiwix-serve) echo "/$BOOK/" ;; *) echo "/content/$BOOK/" ;; esac; }
command_of() {
    case $1 in
        kiwix-serve) echo kiwix-serve --port $PORT_K --address 127.0.0.1 --threads $KIWIX_THREADS "$ZIM" ;;
        wikikiosk) echo "$BIN/wikikiosk" serve --address 127.0.0.1 --port $PORT_W --threads $WIKIKIOSK_THREADS $WIKIKIOSK_ARGS \
            --max-connections 4096 --max-connections-per-ip 0 --state-dir "$OUT/state-bench" "$ZIM" ;;
        nginx) echo nginx -p "$OUT" -c "$OUT/nginx.conf" -g "'daemon off;'" ;;
    esac
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
# A server left running when the script stops (an error, Ctrl-C) would hold the port for the next run.
trap 'stop_server' EXIT
stop_server() {
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true
}

wrk_run() { # PORT PREFIX LUA PATHS CONNECTIONS SECONDS [ACCEPT_ENCODING (gzip; "" = header not sent)]
    local header=()
    [ -n "${7-gzip}" ] && header=(-H "Accept-Encoding: ${7-gzip}")
    PATHS_FILE="$4" PREFIX="$2" taskset -c "$CLIENT_CPU" wrk -t1 -c"$5" -d"$6s" --timeout 10s \
        "${header[@]}" -s "$3" "http://127.0.0.1:$1" | grep '^RESULT' \
        || echo "RESULT rps=0 p50=0 p99=0 errors=1 non2xx=0"
}
wrk_queries() { # PORT PREFIX CONNECTIONS SECONDS (as Benchmarks/run.sh: the lazy queries, gzip accepted)
    QUERIES_FILE="$QUERIES" PREFIX="$2" QUERY_START="${QUERY_START:-0}" taskset -c "$CLIENT_CPU" wrk -t1 -c"$3" -d"$4s" --timeout 10s \
        -H 'Accept-Encoding: gzip' -s Benchmarks/queries.lua "http://127.0.0.1:$1" | grep '^RESULT' \
        || echo "RESULT rps=0 p50=0 p99=0 errors=1 non2xx=0 busy=0 requests=0"
}

# ---- nginx document root: every article fetched once from wikikiosk, then gzip -k ----------------
if [[ " $SERVERS " == *" nginx "* ]] && [ ! "$NGINX_ROOT/.complete" -nt "$ZIM" ]; then
    echo "extracting $ARTICLES articles and $IMAGES images for nginx..." >&2
    rm -rf "$NGINX_ROOT"; mkdir -p "$NGINX_ROOT"
    start_server wikikiosk free
    cat "$PATHS" "$IMAGE_LIST" | awk -v base="http://127.0.0.1:$PORT_W/content/$BOOK/" -v root="$NGINX_ROOT/content/$BOOK/" \
        '{ printf "url = \"%s%s\"\noutput = \"%s%s\"\n", base, $0, root, $0 }' > "$OUT/extract.cfg"
    curl -s --fail --create-dirs -K "$OUT/extract.cfg"
    stop_server
    # The paths are percent-encoded (Article_1_situ%C3%A9); nginx opens the decoded name.
    find "$NGINX_ROOT" -type f -name '*%*' | while read -r f; do
        d=$(basename "$f"); printf -v d '%b' "${d//%/\\x}"; mv -- "$f" "$(dirname "$f")/$d"
    done
    # Articles only: images are served as they are (JPEG does not compress).
    find "$NGINX_ROOT" -type f -not -path '*/I/*' -print0 | xargs -0 -P2 -n500 gzip -k -6
    touch "$NGINX_ROOT/.complete"
fi

# ---- Article points ----------------------------------------------------------------------------
# raw.txt keeps every point; a point measured again replaces its earlier line (SECTIONS/SERVERS/MODES
# let one re-measure a part).
RAW="$OUT/raw.txt"; touch "$RAW"
note() { echo "$*" | tee -a "$RAW" >&2; }
forget() { sed -i "/^$1 /d" "$RAW"; }
conns_of() { [ "$1" = pi ] && echo "$PI_CONNECTIONS" || echo "$CONNECTIONS"; }
cold_conns_of() { [ "$1" = pi ] && echo "$PI_CONNECTIONS" || echo "$COLD_CONNECTIONS"; }
has_workload() { [[ " $WORKLOADS " == *" $1 "* ]]; }
[[ " $SECTIONS " == *" articles "* ]] && for mode in $MODES; do
    for name in $SERVERS; do
        forget "$mode $name"
        port=$(port_of "$name"); prefix=$(prefix_of "$name"); peak=0; alive=yes
        [ "$mode" = pi ] && cg_reset_peak
        oom0=$([ "$mode" = pi ] && cg_oom_kills || echo 0)
        has_workload cold && for c in $(cold_conns_of "$mode"); do   # cold: a fresh server per point
            start_server "$name" "$mode"; l=$(load)
            line=$(wrk_run "$port" "$prefix" "$OUT/cold.lua" "$OUT/cold.txt" "$c" "$COLD_MAX")
            kill -0 "$PID" 2>/dev/null || alive=no
            r=$(peak_rss_mib "$PID"); [ "$r" -gt "$peak" ] && peak=$r
            note "$mode $name cold $c $line rss=$r load=$l alive=$alive"
            stop_server
        done
        start_server "$name" "$mode"
        wrk_run "$port" "$prefix" Benchmarks/paths.lua "$OUT/workset.txt" 8 3 >/dev/null
        for wl in repeated nogzip images zipf; do
            has_workload "$wl" || continue
            list="$OUT/workset.txt"; encoding=gzip; script=Benchmarks/paths.lua
            [ "$wl" = nogzip ] && encoding=""
            [ "$wl" = images ] && list="$IMAGE_LIST"
            # Zipf(1) over every article, ranked in the shuffled order, after a $ZIPF_WARMUP s warm-up
            # of another seed (the measured run does not replay it; the popular pages are the same).
            if [ "$wl" = zipf ]; then
                list="$OUT/cold.txt"; script=Benchmarks/zipf.lua
                ZIPF_SEED=2 wrk_run "$port" "$prefix" "$script" "$list" 64 "$ZIPF_WARMUP" >/dev/null
            fi
            for c in $(conns_of "$mode"); do
                l=$(load)
                line=$(wrk_run "$port" "$prefix" "$script" "$list" "$c" "$DURATION" "$encoding")
                kill -0 "$PID" 2>/dev/null || alive=no
                r=$(peak_rss_mib "$PID" 2>/dev/null || echo 0); [ "$r" -gt "$peak" ] && peak=$r
                note "$mode $name $wl $c $line rss=$r load=$l alive=$alive"
            done
        done
        oom1=$([ "$mode" = pi ] && cg_oom_kills || echo 0)
        note "$mode $name summary peak=$peak alive=$alive oomkills=$(( oom1 - oom0 )) cgpeak=$([ "$mode" = pi ] && cg_peak_mib || echo -)"
        stop_server
    done
done

# ---- Search and suggestions (wikikiosk vs kiwix-serve; nginx has none) ---------------------------
# As Benchmarks/run.sh: the generator's 2,000 lazy queries cycled; a server that died is restarted
# (and the point marked "crashed"). Both servers answer the same queries: each point runs on a
# freshly started server, warmed up for 3 s with queries from the end of the list (QUERY_START=1500),
# then measured from the list's first query; so wikikiosk's result-page cache (256 pages) only
# answers queries that repeat within the list, as a real one would, and both servers' points
# cover the same queries from the same start (the faster server gets further down the list).
[[ " $SECTIONS " == *" search "* ]] && for mode in $SEARCH_MODES; do
    for name in $SERVERS; do
        [ "$name" = nginx ] && continue
        forget "search $mode $name"
        port=$(port_of "$name"); alive=yes
        for kind in search suggest; do
            qprefix="/$kind?content=$BOOK&pattern="; [ "$kind" = suggest ] && qprefix="/suggest?content=$BOOK&term="
            for c in $SEARCH_CONNECTIONS; do
                start_server "$name" "$mode"; alive=yes
                QUERY_START=1500 wrk_queries "$port" "$qprefix" "$c" 3 >/dev/null   # warm up on the list's tail
                kill -0 "$PID" 2>/dev/null || start_server "$name" "$mode"   # (kiwix-serve's /suggest crashes)
                l=$(load)
                line=$(QUERY_START=0 wrk_queries "$port" "$qprefix" "$c" "$DURATION")
                kill -0 "$PID" 2>/dev/null || { alive=no; line="$line crashed"; }
                note "search $mode $name $kind $c $line rss=$(peak_rss_mib "$PID" 2>/dev/null || echo 0) load=$l alive=$alive"
                stop_server
            done
        done
    done
done

# ---- Start-up with 50 ZIMs ---------------------------------------------------------------------
# startup NAME LABEL COMMAND...: time from exec to the first 200 on $STARTUP_PATH (default /), RSS then;
# the line is noted with the prefix $STARTUP_KEY (default startup).
startup() {
    local name=$1 label=$2 port; shift 2
    port=$( [ "$name" = wikikiosk ] && echo $PORT_W || echo $PORT_K )
    local t0; t0=$(date +%s%N)
    taskset -c "$SERVER_CPU" "$@" >>"$OUT/$name-startup.log" 2>&1 &
    PID=$!
    local code=000
    for _ in $(seq 1 30000); do   # up to ~5 minutes (a big file on a slow disk)
        code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port${STARTUP_PATH:-/}" || true)
        [ "$code" = 200 ] && break; sleep 0.01
        kill -0 "$PID" 2>/dev/null || break
    done
    local t1; t1=$(date +%s%N)
    note "${STARTUP_KEY:-startup} $name $label load=$(load) ms=$(( (t1 - t0) / 1000000 )) code=$code rss=$(rss_mib "$PID")"
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

# ---- Start-up with one big ZIM -----------------------------------------------------------------
# The 20,000 articles plus $BIG_MIB MiB of incompressible images (stored uncompressed by libzim's
# writer, so the file is written about as fast as the disk goes) and $BIG_REDIRECTS redirects (a
# Wikipedia has millions of entries, and the per-entry checks scale with them). Made once, kept in $OUT.
BIG="$OUT/big_${BIG_MIB}mib_${BIG_REDIRECTS}r.zim"
# Drops the file from the page cache (coreutils dd: nocache with count=0 = the whole file), so a start
# reads from the disk like after a reboot.
evict() { dd if="$1" iflag=nocache count=0 status=none 2>/dev/null || true; }
if [[ " $SECTIONS " == *" bigstart "* ]]; then
    forget bigstart
    free_kib=$(df -Pk "$OUT" | awk 'NR == 2 {print $4}')
    if [ ! -f "$BIG" ] && [ "$free_kib" -lt $(( 6 * 1024 * 1024 )) ]; then
        note "bigstart skipped: only $(( free_kib / 1024 / 1024 )) GB free on $OUT, 6 GB needed for the ${BIG_MIB} MiB ZIM"
    else
        if [ ! -f "$BIG" ]; then
            echo "writing $BIG ($ARTICLES articles + $BIG_MIB MiB of images)..." >&2
            rm -rf "$BIG.tmp"*
            "$BIN/benchmark-zim" "$BIG.tmp" "$OUT/big_paths.txt" "$ARTICLES" --filler-mib "$BIG_MIB" \
                --redirects "$BIG_REDIRECTS" >&2
            mv "$BIG.tmp" "$BIG"
        fi
        big_book=$(basename "$BIG" .zim); first=$(head -n1 "$OUT/big_paths.txt")
        note "bigstart file size_mib=$(( $(stat -c %s "$BIG") / 1048576 )) redirects=$BIG_REDIRECTS"
        rm -rf "$OUT/state-big"; mkdir -p "$OUT/state-big"
        for label in cold warm; do   # cold = empty state dir; warm = the same state dir again
            evict "$BIG"
            STARTUP_KEY=bigstart STARTUP_PATH="/content/$big_book/$first" startup wikikiosk "$label" \
                "$BIN/wikikiosk" serve --address 127.0.0.1 --port $PORT_W --state-dir "$OUT/state-big" "$BIG"
        done
        for label in cold warm; do   # kiwix-serve keeps no state: both starts are the same
            evict "$BIG"
            STARTUP_KEY=bigstart STARTUP_PATH="/$big_book/$first" startup kiwix-serve "$label" \
                kiwix-serve --port $PORT_K --address 127.0.0.1 "$BIG"
        done
        # For the record: what the validation child costs, what the whole-file checksum (which the
        # server does not run at start) would cost, and a plain read of the file, all from the disk.
        timed() { local t0 t1; evict "$BIG"; t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
        note "bigstart diag validate_ms=$(timed "$BIN/wikikiosk" validate-batch -- "$BIG")" \
             "quick_ms=$(timed "$BIN/wikikiosk" validate-batch --quick -- "$BIG")" \
             "checksum_ms=$(timed "$BIN/wikikiosk" validate-batch --thorough -- "$BIG")" \
             "read_ms=$(timed dd if="$BIG" of=/dev/null bs=4M)"
        evict "$BIG"
    fi
fi

# ---- Soak: RSS under mixed load, slow clients mixed in ------------------------------------------
# Slow clients, each a loop until DEADLINE that appends one line per request to FILE (the status
# code, or what happened):
#   slow_reader: reads images (20-200 KB) at 16 KB/s with a 4 KB receive buffer, 10 per keep-alive connection;
#   slow_sender: sends a request one header line every 2 s, then reads the answer;
#   idle_client: one request, then keeps the keep-alive connection open and idle until the server
#     closes it (its idle time-out) -- "idle" counts those closes.
# The slow reader is Python: curl's --limit-rate does not slow a transfer that fits in the socket
# buffers (a 200 KB image arrives in one go on loopback), this one shrinks its receive buffer to 4 KB.
cat > "$OUT/slow_reader.py" <<'PY'
import random, socket, sys, time
deadline, port, prefix, listfile, out = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
paths = [line.strip() for line in open(listfile) if line.strip()]
def record(what):
    with open(out, "a") as f: f.write(what + "\n")
while time.time() < deadline:
    try:
        s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096); s.settimeout(60)
        s.connect(("127.0.0.1", port))
        for path in random.sample(paths, 10):   # 10 requests per keep-alive connection
            if time.time() >= deadline: break
            s.sendall(f"GET {prefix}{path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = s.recv(1024)
                if not chunk: raise ConnectionError("closed")
                head += chunk
            head, body = head.split(b"\r\n\r\n", 1)
            status = head.split(b" ")[1].decode()
            length = next((int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")), 0)
            left = length - len(body)
            while left > 0:   # 1 KB every 1/16 s: 16 KB/s
                chunk = s.recv(min(1024, left))
                if not chunk: raise ConnectionError("closed mid-body")
                left -= len(chunk); time.sleep(1 / 16)
            record(status)
        s.close()
    except Exception as error:
        record("error " + type(error).__name__); time.sleep(1)
PY
slow_reader() { # DEADLINE FILE
    python3 "$OUT/slow_reader.py" "$1" "$PORT_W" "/content/$BOOK/" "$IMAGE_LIST" "$2" || true
}
slow_sender() { # DEADLINE FILE
    trap '' PIPE
    local status line
    while [ "$(date +%s)" -lt "$1" ]; do
        exec 3<>"/dev/tcp/127.0.0.1/$PORT_W" || { echo connect-failed >> "$2"; sleep 1; continue; }
        for line in "GET /content/$BOOK/$(shuf -n1 "$OUT/workset.txt") HTTP/1.1" "Host: 127.0.0.1" \
                    "User-Agent: slow-sender" "Accept-Encoding: gzip" ""; do
            printf '%s\r\n' "$line" >&3 2>/dev/null || break
            if [ -n "$line" ]; then sleep 2; fi
        done
        status=$(timeout 20 head -n1 <&3 2>/dev/null | tr -d '\r' | cut -d' ' -f2)
        echo "${status:-no-answer}" >> "$2"
        exec 3<&-
    done
}
idle_client() { # DEADLINE FILE
    trap '' PIPE
    local status left
    while [ "$(date +%s)" -lt "$1" ]; do
        exec 3<>"/dev/tcp/127.0.0.1/$PORT_W" || { echo connect-failed >> "$2"; sleep 1; continue; }
        printf 'GET /content/%s/%s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' "$BOOK" "$(shuf -n1 "$OUT/workset.txt")" >&3
        status=$(timeout 20 head -n1 <&3 2>/dev/null | tr -d '\r' | cut -d' ' -f2)
        echo "${status:-no-answer}" >> "$2"
        left=$(( $1 - $(date +%s) ))
        # Idle until the server closes the connection (cat sees the end of the stream) or the deadline.
        if [ "$left" -gt 0 ] && timeout "$left" cat <&3 >/dev/null 2>&1; then echo idle >> "$2"; fi
        exec 3<&-
    done
}
# trend SECONDS_BETWEEN SAMPLE...: least-squares slope (MiB/min) of the last half of the samples,
# and a verdict: "stable" when that slope would add less than 2% of the mean (at least 2 MiB) in
# the next 10 minutes.
trend() {
    local step=$1; shift
    echo "$@" | tr ' ' '\n' | awk -v step="$step" '
        NF { y[n++] = $1 }
        END {
            if (n < 4) { print "slope_last_half=? verdict=too-few-samples"; exit }
            h = int(n / 2); m = n - h; sx = sy = sxx = sxy = 0
            for (i = h; i < n; i++) { x = (i - h) * step / 60; sx += x; sy += y[i]; sxx += x * x; sxy += x * y[i] }
            slope = (m * sxy - sx * sy) / (m * sxx - sx * sx); mean = sy / m
            limit = mean * 0.02; if (limit < 2) limit = 2
            printf "slope_last_half=%.2f verdict=%s\n", slope, (slope * 10 < limit ? "stable" : "growing")
        }'
}
SLOW_READERS=2; SLOW_SENDERS=2; IDLE_CLIENTS=4
if [[ " $SECTIONS " == *" soak "* ]] && [ "$SOAK" -gt 0 ]; then
    forget soak
    start_server wikikiosk free
    rss0=$(rss_mib "$PID"); l=$(load)
    deadline=$(( $(date +%s) + SOAK ))
    wrk_soak() { # FILE CONNECTIONS LUA VARIABLE=VALUE...
        env "${@:4}" taskset -c "$CLIENT_CPU" wrk -t1 -c"$2" -d"${SOAK}s" --timeout 10s -H 'Accept-Encoding: gzip' \
            -s "$3" "http://127.0.0.1:$PORT_W" > "$OUT/$1"
    }
    clients=()
    wrk_soak soak-articles.txt 8 Benchmarks/paths.lua PATHS_FILE="$OUT/workset.txt" PREFIX="/content/$BOOK/" &
    clients+=($!)
    wrk_soak soak-images.txt 2 Benchmarks/paths.lua PATHS_FILE="$IMAGE_LIST" PREFIX="/content/$BOOK/" &
    clients+=($!)
    wrk_soak soak-search.txt 2 Benchmarks/queries.lua QUERIES_FILE="$QUERIES" PREFIX="/search?content=$BOOK&pattern=" &
    clients+=($!)
    wrk_soak soak-suggest.txt 2 Benchmarks/queries.lua QUERIES_FILE="$QUERIES" PREFIX="/suggest?content=$BOOK&term=" \
        PREFIXLEN=4 &
    clients+=($!)
    : > "$OUT/soak-slow-read.txt"; : > "$OUT/soak-slow-send.txt"; : > "$OUT/soak-idle.txt"
    for _ in $(seq 1 $SLOW_READERS); do slow_reader "$deadline" "$OUT/soak-slow-read.txt" & clients+=($!); done
    for _ in $(seq 1 $SLOW_SENDERS); do slow_sender "$deadline" "$OUT/soak-slow-send.txt" & clients+=($!); done
    for _ in $(seq 1 $IDLE_CLIENTS); do idle_client "$deadline" "$OUT/soak-idle.txt" & clients+=($!); done
    samples=""
    for _ in $(seq 1 $(( SOAK / SOAK_SAMPLE ))); do sleep "$SOAK_SAMPLE"; samples="$samples $(rss_mib "$PID")"; done
    wait "${clients[@]}" || true
    rss1=$(rss_mib "$PID"); alive=yes; kill -0 "$PID" 2>/dev/null || alive=no
    # What the RSS is made of at the end: anonymous memory (heap, caches) vs pages of mapped files (the ZIM).
    split=$(awk '/^RssAnon|^RssFile/ {printf "%s%.0f ", tolower(substr($1, 4, 4)) "_mib=", $2 / 1024}' "/proc/$PID/status" 2>/dev/null || true)
    # slow_summary FILE: requests answered, 5xx, other (no answer, failed connects), idle closes.
    slow_summary() {
        awk '/^[0-9][0-9][0-9]$/ { n++; if ($1 >= 500) e++; else if ($1 >= 400 || $1 == "000") o++; next }
             /^idle$/ { i++; next } { o++ }
             END { printf "answered=%d 5xx=%d other=%d idle_closed=%d", n, e, o, i }' "$1" 2>/dev/null
    }
    note "soak wikikiosk seconds=$SOAK load=$l rss_start=$rss0 rss_end=$rss1 peak=$(peak_rss_mib "$PID") every=${SOAK_SAMPLE}s" \
        "samples=$(echo "$samples" | sed 's/^ //; s/ /,/g') $(trend "$SOAK_SAMPLE" "$samples") ${split}alive=$alive" \
        "articles: $(grep RESULT "$OUT/soak-articles.txt" | cut -c8-) | images: $(grep RESULT "$OUT/soak-images.txt" | cut -c8-)" \
        "| search: $(grep RESULT "$OUT/soak-search.txt" | cut -c8-) | suggest: $(grep RESULT "$OUT/soak-suggest.txt" | cut -c8-)" \
        "| slow readers ($SLOW_READERS): $(slow_summary "$OUT/soak-slow-read.txt")" \
        "| slow senders ($SLOW_SENDERS): $(slow_summary "$OUT/soak-slow-send.txt")" \
        "| idle keep-alive ($IDLE_CLIENTS): $(slow_summary "$OUT/soak-idle.txt")"
    stop_server
fi

# ---- Report ------------------------------------------------------------------------------------
ratio() { [ -n "$1" ] && [ -n "$2" ] && [ "$(echo "$2 > 0" | bc)" = 1 ] && echo "$(echo "scale=2; $1 / $2" | bc)×" || echo "n/a"; }
get() { grep "^$1 $2 $3 $4 " "$RAW" || true; }
err() { if [ -n "$1" ]; then echo $(( $(echo "$1" | field errors) + $(echo "$1" | field non2xx) )); else echo "-"; fi; }
pass() { local p; p=$(echo "$1" | sed -n 's/.*pass=\([0-9]*%\).*/\1/p'); echo "${p:--}"; }
{
echo "# WikiKiosk fitness run $(date -u '+%F %H:%M') UTC"
echo
echo "ZIM: $ARTICLES articles and $IMAGES images ($BOOK, $(du -m "$ZIM" | cut -f1) MB). Server pinned to CPU $SERVER_CPU, wrk (1 thread) to CPU $CLIENT_CPU."
echo "repeated = first $WORKSET paths cycled ${DURATION}s after a 3 s warm-up, gzip accepted; nogzip = the same without Accept-Encoding;"
echo "images = the $IMAGES images (JPEG-like, 20-200 KB, incompressible) cycled; zipf = Zipf(1) over all $ARTICLES paths (ranked in a"
echo "shuffled order) after a ${ZIPF_WARMUP}s warm-up; cold = all $ARTICLES paths shuffled, one pass on a"
echo "freshly started server (capped at ${COLD_MAX}s; 'pass' = share done). nginx: same articles and images fetched from wikikiosk,"
echo "articles gzip -k -6, gzip_static on."
echo "Pi budget: cgroup $CG_KIND, 512 MiB memory, 50% of one core (cfs quota 50000/100000 µs), plus taskset CPU $SERVER_CPU."
echo "Worker threads: kiwix-serve --threads $KIWIX_THREADS, wikikiosk --threads $WIKIKIOSK_THREADS (0 = one per core it may run on: 1 when pinned)."
echo "Load average (1 min) before each point is shown: the machine (2 cores) is shared with other engineers' builds."
for mode in $MODES; do
    echo
    [ "$mode" = free ] && echo "## Articles, one core, no memory limit" || echo "## Articles under the Pi budget (512 MiB, 50% of one core)"
    echo
    echo "| workload | conns | kiwix-serve req/s | wikikiosk req/s | nginx req/s | wikikiosk / kiwix | wikikiosk / nginx | p99 ms k / w / n | errors k / w / n | pass k / w / n | load k / w / n |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    for wl in repeated nogzip images zipf cold; do
        for c in $(echo "$CONNECTIONS $COLD_CONNECTIONS $PI_CONNECTIONS" | tr ' ' '\n' | sort -nu); do
            k=$(get "$mode" kiwix-serve "$wl" "$c"); w=$(get "$mode" wikikiosk "$wl" "$c"); n=$(get "$mode" nginx "$wl" "$c")
            [ -z "$k$w$n" ] && continue
            kr=$(echo "$k" | field rps); wr=$(echo "$w" | field rps); nr=$(echo "$n" | field rps)
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
if grep -q '^search ' "$RAW"; then
    for mode in $SEARCH_MODES; do
        echo
        echo "## Search and suggestions ($mode: $([ "$mode" = free ] && echo "one core, no memory limit" || echo "Pi budget"); nginx has none)"
        echo
        echo "| endpoint | conns | kiwix-serve req/s | wikikiosk req/s | wikikiosk / kiwix | p50 ms k / w | p99 ms k / w | errors k / w | wikikiosk busy (title-only) answers | load k / w |"
        echo "|---|---|---|---|---|---|---|---|---|---|"
        for kind in search suggest; do
            for c in $SEARCH_CONNECTIONS; do
                k=$(get search "$mode" kiwix-serve "$kind $c"); w=$(get search "$mode" wikikiosk "$kind $c")
                [ -z "$k$w" ] && continue
                kr=$(echo "$k" | field rps); wr=$(echo "$w" | field rps)
                echo "| /$kind | $c | ${kr:--}$(echo "$k" | grep -q crashed && echo ' (crashed)') | ${wr:--}$(echo "$w" | grep -q crashed && echo ' (crashed)') |" \
                     "$(ratio "$wr" "$kr") | $(echo "$k" | field p50) / $(echo "$w" | field p50) |" \
                     "$(echo "$k" | field p99) / $(echo "$w" | field p99) | $(err "$k") / $(err "$w") | $(echo "$w" | field busy) |" \
                     "$(echo "$k" | field load) / $(echo "$w" | field load) |"
            done
        done
    done
fi
echo
echo "## Start-up with one big ZIM ($ARTICLES articles + $BIG_MIB MiB of images + $BIG_REDIRECTS redirects, file dropped from the page cache before each start)"
echo
if grep -q '^bigstart skipped' "$RAW"; then
    grep '^bigstart skipped' "$RAW" | sed 's/^bigstart /- /'
elif grep -q '^bigstart ' "$RAW"; then
    echo "File: $(grep '^bigstart file ' "$RAW" | field size_mib) MiB. Time to the first 200 on an article of the book; cold = empty state dir, warm = second start."
    echo
    echo "| server | start | time to first 200 (ms) | RSS then (MiB) | load |"
    echo "|---|---|---|---|---|"
    grep -E '^bigstart (wikikiosk|kiwix-serve) ' "$RAW" | while read -r _ name label rest; do
        echo "| $name | $label | $(echo " $rest" | field ms) | $(echo " $rest" | field rss) | $(echo " $rest" | field load) |"
    done
    d=$(grep '^bigstart diag ' "$RAW" || true)
    echo
    echo "From the disk (page cache dropped): all the structural checks (\`validate-batch\`, what a first start waited for before) $(echo "$d" | field validate_ms) ms;" \
         "its quick checks alone (\`validate-batch --quick\`, what a first start waits for when the file has more than 100,000 entries;" \
         "the rest runs in the background) $(echo "$d" | field quick_ms) ms;" \
         "with the whole-file checksum (\`validate-batch --thorough\`, not run by the server) $(echo "$d" | field checksum_ms) ms;" \
         "reading the whole file (dd) $(echo "$d" | field read_ms) ms."
else
    echo "- not run"
fi
echo
echo "## Mixed-load soak (wikikiosk, ${SOAK}s: 8 article + 2 image + 2 search + 2 suggestion connections, $SLOW_READERS slow readers, $SLOW_SENDERS slow senders, $IDLE_CLIENTS idle keep-alive connections)"
echo
echo "RSS (MiB) every ${SOAK_SAMPLE}s; slope = least-squares MiB/min over the last half of the samples; 'stable' = the slope would add"
echo "less than max(2 MiB, 2% of the mean) in 10 more minutes."
echo
grep '^soak ' "$RAW" | sed 's/^soak wikikiosk /- /; s/ | /\n  - /g; s/ articles: /\n  - articles: /' || echo "- not run"
} | tee "$OUT/results.md"
