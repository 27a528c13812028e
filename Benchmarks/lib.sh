# Helpers shared by Benchmarks/fitness.sh, run.sh and stats-cost.sh (sourced, not run).

# wait_for URL: until it answers 200 (30 s at most).
wait_for() {
    for _ in $(seq 1 600); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ] && return 0
        sleep 0.05
    done
    echo "server did not answer at $1" >&2; return 1
}

# The process PID and its children (nginx workers).
tree_pids() { echo "$1"; pgrep -P "$1" || true; }
# tree_mib FIELD PID: a /proc/<pid>/status field (kB) summed over a process and its children, MiB.
tree_mib() {
    local total=0 p
    for p in $(tree_pids "$2"); do
        total=$(( total + $(awk "/^$1:/ {print \$2}" "/proc/$p/status" 2>/dev/null || echo 0) ))
    done
    echo $(( total / 1024 ))
}
peak_rss_mib() { tree_mib VmHWM "$1"; }
rss_mib() { tree_mib VmRSS "$1"; }
# Bytes a process has written to disk.
write_bytes() { awk '/^write_bytes/ {print $2}' "/proc/$1/io"; }
# CPU time (user + system) of a process in clock ticks: robust to other load on the machine.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
load() { cut -d' ' -f1 /proc/loadavg; }

# field NAME: the value of "NAME=…" in the first result line on standard input that has one;
# fields NAME: in every line (for avg, median, sums over rounds).
fields() { sed -n "s/.*[ ]$1=\([0-9.?-]*\).*/\1/p"; }
field() { fields "$1" | head -1; }
avg() { awk '{s+=$1; n++} END {if (n) printf "%.1f", s/n}'; }
median() { sort -n | awk '{v[NR]=$1} END {if (NR % 2) printf "%.1f", v[(NR+1)/2]; else printf "%.1f", (v[NR/2]+v[NR/2+1])/2}'; }
