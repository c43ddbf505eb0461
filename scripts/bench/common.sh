# Shared by scripts/bench-search and scripts/bench-http (sourced, not run).
#
# Provides: REPO, bench_log, bench_machine, bench_resolve_bin (sets BIN), bench_now, bench_seconds_since.
# shellcheck shell=bash

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

bench_log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# bench_now: a monotonic-enough timestamp in seconds with nanoseconds, for durations.
bench_now() { date +%s.%N; }
bench_seconds_since() { awk -v a="$1" -v b="$(bench_now)" 'BEGIN { printf "%.2f", b - a }'; }

# bench_machine: one line per fact about the machine, for the report.
bench_machine() {
    echo "date (UTC):  $(date -u '+%Y-%m-%d %H:%M')"
    echo "cpu:         $(nproc) × $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "memory:      $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "swift:       $(swift --version 2>/dev/null | head -1 || echo unknown)"
    echo "load avg:    $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)"
    local tree
    tree="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$REPO" diff --quiet -- Sources Package.swift 2>/dev/null || echo ' + uncommitted changes in Sources/')"
    if [[ -n ${REPERTOIRE_BIN:-} ]]; then
        echo "source:      ${BENCH_SOURCE_LABEL:-the binary given by REPERTOIRE_BIN} (work tree now at $tree)"
    else
        echo "source:      work tree at $tree, built by this run"
    fi
}

# bench_resolve_bin: BIN=$REPERTOIRE_BIN, or an (incremental) release build in its own scratch
# folder, so that it never fights the debug builds in .build/.
bench_resolve_bin() {
    if [[ -n ${REPERTOIRE_BIN:-} ]]; then
        BIN=$REPERTOIRE_BIN
        [[ -x $BIN ]] || { bench_log "REPERTOIRE_BIN=$BIN is not an executable file"; exit 1; }
        bench_log "binary: $BIN (REPERTOIRE_BIN, not rebuilt)"
        return
    fi
    bench_log "release build: swift build -c release --product repertoire --scratch-path .build-release (the first takes 10-20 min on 2 cores)"
    # Sources edited while the build runs make SwiftPM stop ("was modified during the build"):
    # build again, up to three times, in that case only.
    local attempt log
    log=$(mktemp "${TMPDIR:-/tmp}/repertoire-bench-build.XXXXXX")
    for attempt in 1 2 3; do
        if (cd "$REPO" && swift build -c release --product repertoire --scratch-path .build-release) > "$log" 2>&1; then
            break
        fi
        if [[ $attempt -lt 3 ]] && grep -q 'was modified during the build' "$log"; then
            bench_log "a source changed during the build: building again ($attempt/3)"
            continue
        fi
        tail -40 "$log" >&2
        rm -f "$log"
        bench_log "the release build failed"
        exit 1
    done
    tail -3 "$log" >&2
    rm -f "$log"
    BIN=$(cd "$REPO" && swift build -c release --scratch-path .build-release --show-bin-path)/repertoire
    [[ -x $BIN ]] || { bench_log "no binary at $BIN after the build"; exit 1; }
    bench_log "binary: $BIN"
}
