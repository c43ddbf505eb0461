# shellcheck shell=bash
# scripts/lib/postgres.sh: a throwaway PostgreSQL cluster for the tests.
#
# Sourced by scripts/test and scripts/with-postgres:
#
#   source scripts/lib/postgres.sh
#   pg_start                    # installs PostgreSQL if needed, starts a cluster, registers its stop
#   pg_create_database NAME     # prints the database's URL
#
# pg_start sets PG_BIN (the server's bin folder), PG_PORT, PG_DIR (the temp folder holding data,
# socket and log) and PG_URL_BASE (postgres://postgres@127.0.0.1:PORT, no database).
#
# Why a cluster of our own instead of the machine's postgresql service: CI starts with no database
# server running, a developer's own server must not be touched, and a fresh folder means every run
# starts from empty databases. It listens on 127.0.0.1 only, with trust authentication: nothing
# else can reach it and it is deleted when the script exits (see on_exit in common.sh).

[[ -n "${_REPERTOIRE_POSTGRES_SH:-}" ]] && return 0
_REPERTOIRE_POSTGRES_SH=1

# shellcheck source=scripts/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# initdb and postgres refuse to run as root, so as root we run them as this system user.
PG_OS_USER=repertoire-test
# The database superuser that initdb creates; the URL names it, and it is the same whoever runs us.
PG_SUPERUSER=postgres
# Ports are scanned upwards from here; 5432 is left to any real server.
PG_FIRST_PORT="${PG_FIRST_PORT:-55432}"

# pg_bin_dir: print the newest /usr/lib/postgresql/<version>/bin that has initdb and pg_ctl.
# Debian keeps the server there, off PATH; /usr/local/bin may hold other initdb binaries (links, or
# builds of another version), so we never rely on PATH for the server.
pg_bin_dir() {
    local d best=""
    while read -r d; do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" && -x "$d/postgres" ]]; then best=$d; fi
    done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V)
    [[ -n "$best" ]] && echo "$best"
}

# pg_ensure_installed: find the server binaries, installing Debian's postgresql package if needed.
pg_ensure_installed() {
    PG_BIN=$(pg_bin_dir) && return 0
    is_root || die "PostgreSQL server not found in /usr/lib/postgresql/*/bin; install it: sudo apt-get install postgresql"
    log "PostgreSQL server not found: installing Debian's postgresql package"
    # Non-interactive: CI has no standard input. On machines with a policy-rc.d that forbids
    # starting services (containers, this project's CI), the package's own cluster stays stopped;
    # either way we never use it.
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql </dev/null
    PG_BIN=$(pg_bin_dir) || die "postgresql installed, but no initdb under /usr/lib/postgresql/*/bin"
}

# pg_as_owner CMD...: run CMD as the owner of the cluster: PG_OS_USER as root, else ourselves.
# The working folder is the cluster's, which that user can read (root's cwd may not be). Our log
# descriptor is closed so that the server, which outlives pg_ctl, does not hold our stderr open.
pg_as_owner() {
    if is_root; then
        (cd "$PG_DIR" && runuser -u "$PG_OS_USER" -- "$@" {_LOG_FD}>&-)
    else
        (cd "$PG_DIR" && "$@" {_LOG_FD}>&-)
    fi
}

_pg_ensure_os_user() {
    is_root || return 0
    id -u "$PG_OS_USER" >/dev/null 2>&1 && return 0
    log "creating system user $PG_OS_USER (initdb and postgres refuse to run as root)"
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PG_OS_USER"
}

# _pg_reap_stale: stop and delete clusters whose script died without cleaning up (kill -9, power
# loss). Each cluster folder records the script's PID in owner.pid.
_pg_reap_stale() {
    local dir owner
    for dir in "${TMPDIR:-/tmp}"/repertoire-pg.*; do
        [[ -f "$dir/owner.pid" ]] || continue
        owner=$(<"$dir/owner.pid")
        # /proc rather than kill -0, which fails for another user's live process.
        [[ -n "$owner" && -d "/proc/$owner" ]] && continue
        log "removing a cluster left behind by a killed run: $dir"
        if [[ -f "$dir/data/postmaster.pid" ]]; then
            PG_DIR=$dir pg_as_owner "$PG_BIN/pg_ctl" stop -D "$dir/data" -m immediate -w >/dev/null 2>&1 || true
        fi
        rm -rf "$dir" 2>/dev/null || true
    done
}

# pg_start: create the folder and the cluster, start the server on a free port, register its stop.
pg_start() {
    pg_ensure_installed
    _pg_ensure_os_user
    _pg_reap_stale

    PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/repertoire-pg.XXXXXX")
    # Registered before anything can fail, so the folder goes away whatever happens next.
    on_exit pg_stop
    echo "$$" >"$PG_DIR/owner.pid"
    if is_root; then chown "$PG_OS_USER" "$PG_DIR"; fi

    log "initdb ($("$PG_BIN/postgres" --version)) in $PG_DIR"
    # --no-locale: C collation, byte order, the same as SQLite's default, so both stores sort alike.
    # --no-sync: nothing here has to survive a crash.
    pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_SUPERUSER" --auth=trust \
        --encoding=UTF8 --no-locale --no-sync --no-instructions >"$PG_DIR/initdb.log" 2>&1 ||
        { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }

    # A port that looked free may be taken before postgres binds it: then try the next one.
    local attempt port=$PG_FIRST_PORT
    for ((attempt = 1; attempt <= 10; attempt++)); do
        port=$(free_port "$port")
        # -k: the Unix socket goes in our folder, since /var/run/postgresql may not exist.
        # fsync and friends off: faster, and this cluster is thrown away.
        if pg_as_owner "$PG_BIN/pg_ctl" start -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            >/dev/null; then
            PG_PORT=$port
            PG_URL_BASE="postgres://$PG_SUPERUSER@127.0.0.1:$PG_PORT"
            log "PostgreSQL listening on 127.0.0.1:$PG_PORT"
            return 0
        fi
        if grep -q "could not bind\|already in use" "$PG_DIR/server.log" 2>/dev/null; then
            log "port $port was taken meanwhile; trying the next one"
            port=$((port + 1))
            continue
        fi
        tail -n 30 "$PG_DIR/server.log" >&2 || true
        die "PostgreSQL did not start (log above)"
    done
    die "PostgreSQL did not start after 10 ports"
}

# pg_create_database NAME: create an empty database and print its URL.
pg_create_database() {
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_SUPERUSER" "$1" || return 1
    echo "$PG_URL_BASE/$1"
}

# pg_stop: stop the server (fast: disconnects clients) and delete the folder. Safe to call twice.
pg_stop() {
    [[ -n "${PG_DIR:-}" && -d "$PG_DIR" ]] || return 0
    if [[ -f "$PG_DIR/data/postmaster.pid" ]]; then
        pg_as_owner "$PG_BIN/pg_ctl" stop -D "$PG_DIR/data" -m fast -w -t 30 >/dev/null 2>&1 ||
            pg_as_owner "$PG_BIN/pg_ctl" stop -D "$PG_DIR/data" -m immediate -w -t 30 >/dev/null 2>&1 ||
            log "warning: could not stop PostgreSQL in $PG_DIR"
    fi
    rm -rf "$PG_DIR"
    log "PostgreSQL stopped, $PG_DIR removed"
    PG_DIR=
}
