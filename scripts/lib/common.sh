# shellcheck shell=bash
# scripts/lib/common.sh: logging, clean-up on exit, and child processes that cannot outlive us.
#
# Sourced by scripts/test and scripts/with-postgres (through scripts/lib/postgres.sh). Sourcing it
# installs the traps below, so a script that sources it gets, for free:
#   - `on_exit FUNCTION` to register clean-up steps; they run in reverse order on ANY exit:
#     success, failure under `set -e`, Ctrl-C, `kill`, or the terminal closing;
#   - `run_guarded CMD...` / `spawn_guarded CMD...` to run a command that is killed, with all of
#     its descendants, if the script exits first.
#
# Why not plain `cmd` in the foreground: bash runs a signal trap only once the foreground command
# has returned, so `kill <script pid>` during a 10-minute `swift test` would leave the database
# running until the tests finished. A background child plus `wait` lets the trap run at once.

[[ -n "${_REPERTOIRE_COMMON_SH:-}" ]] && return 0
_REPERTOIRE_COMMON_SH=1

# `set -e` inside $(...) too: `x=$(f)` must fail when a command in f fails.
shopt -s inherit_errexit

# The prefix of every line we print, so our lines stand out from swift's and schemathesis's.
LOG_PREFIX="${LOG_PREFIX:-$(basename "$0")}"

# Our messages go to the stderr we started with, even from inside a command whose output is
# redirected to a file (a clean-up that runs there must still be seen).
exec {_LOG_FD}>&2
log() { printf '[%s] %s\n' "$LOG_PREFIX" "$*" >&"$_LOG_FD"; }
die() { log "error: $*"; exit 1; }

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# --- clean-up on exit --------------------------------------------------------------------------

_EXIT_FUNCS=()
on_exit() { _EXIT_FUNCS+=("$1"); }

_run_exit_funcs() {
    local status=$? i
    # A second Ctrl-C must not cut the clean-up short and leave a database behind.
    trap '' INT TERM HUP
    trap - EXIT
    # Children first: a server or test still talking to the database would only slow its stop.
    _stop_all_guarded
    for ((i = ${#_EXIT_FUNCS[@]} - 1; i >= 0; i--)); do
        "${_EXIT_FUNCS[i]}" || log "warning: clean-up step ${_EXIT_FUNCS[i]} failed"
    done
    exit "$status"
}
trap _run_exit_funcs EXIT
# `exit` from a signal trap runs the EXIT trap above; the status is the shell's usual 128+N.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# --- children that cannot outlive us ---------------------------------------------------------

_GUARDED_PIDS=()

# spawn_guarded CMD...: start CMD in the background, in a process group of its own (setsid), so
# that stop_guarded can end it together with everything it started (swift test's test runner,
# swift build's compilers). Sets SPAWNED_PID. Standard input is passed on explicitly, because
# bash would otherwise give a background command /dev/null (CI may have none at all: then
# /dev/null it is). Our log descriptor is not passed on.
spawn_guarded() {
    if [[ -e /proc/$$/fd/0 ]]; then
        setsid "$@" <&0 {_LOG_FD}>&- &
    else
        setsid "$@" </dev/null {_LOG_FD}>&- &
    fi
    SPAWNED_PID=$!
    _GUARDED_PIDS+=("$SPAWNED_PID")
}

# stop_guarded PID: TERM the process group, give it 10 s, then KILL it. Safe to call twice.
stop_guarded() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    # KILL the group even when its leader has gone: a grandchild may still hold a port.
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# run_guarded CMD...: run CMD as if in the foreground and return its exit status.
run_guarded() {
    local status=0
    spawn_guarded "$@"
    wait "$SPAWNED_PID" || status=$?
    return "$status"
}

_stop_all_guarded() {
    local pid
    for pid in "${_GUARDED_PIDS[@]}"; do
        stop_guarded "$pid"
    done
    _GUARDED_PIDS=()
}

# --- ports -----------------------------------------------------------------------------------

# port_is_free PORT: true when nothing accepts connections on 127.0.0.1:PORT. Pure bash (/dev/tcp)
# so it needs neither ss nor curl on a fresh machine. Whoever binds the port may still race us:
# callers retry on "address in use".
port_is_free() {
    ! (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port FIRST: print the first free port from FIRST on (trying 200 ports).
free_port() {
    local port
    for ((port = $1; port < $1 + 200; port++)); do
        if port_is_free "$port"; then
            echo "$port"
            return 0
        fi
    done
    die "no free port between $1 and $(($1 + 199)) on 127.0.0.1"
}
