# shellcheck shell=bash
# A throwaway PostgreSQL 15 cluster for tests. Needs common.sh.
#
#   pg_start   -> sets PG_DIR, PG_PORT, PG_URL (postgres://dangbo:dangbo@127.0.0.1:PORT/dangbo_test)
#   pg_stop    -> stops the cluster, deletes PG_DIR; safe to call any number of times.
#
# PostgreSQL refuses to run as root, so the cluster belongs to the `postgres`
# OS user and lives in a fresh temp dir owned by it. The server listens on
# 127.0.0.1 only, on a free port, with its Unix socket inside that temp dir.
# Auth (pg_hba.conf written by initdb): Unix socket = trust (used only to
# create the role), TCP = scram-sha-256, so the tests log in over TCP with a
# real password exactly as production does.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_USER=${PG_USER:-dangbo}
PG_PASSWORD=${PG_PASSWORD:-dangbo}
PG_DB=${PG_DB:-dangbo_test}
PG_DIR=
PG_PORT=
PG_URL=

_pg_as_postgres() {
  # Run from inside PG_DIR so the postgres user never needs access to our cwd.
  (cd "$PG_DIR" && runuser -u postgres -- "$@")
}

# True if PID exists and is not a zombie. (The postmaster is reparented to
# PID 1 when pg_ctl exits; on some container inits it lingers as a zombie
# for a moment after a clean shutdown, and `kill -0` still succeeds then.)
_pg_pid_running() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n "$state" && "$state" != Z && "$state" != X ]]
}

pg_start() {
  local t0 pid
  t0=$(now)
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/dangbo-pg.XXXXXX") || { err "mktemp failed"; return 1; }
  mkdir -p "$PG_DIR/sock" || return 1
  chown -R postgres:postgres "$PG_DIR" || { err "chown $PG_DIR failed"; return 1; }
  chmod 700 "$PG_DIR" || return 1
  PG_PORT=$(free_port) || { err "could not pick a free port"; return 1; }

  log "PostgreSQL: initdb in $PG_DIR/data"
  if ! _pg_as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres \
      --encoding=UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1; then
    err "initdb failed:"; cat "$PG_DIR/initdb.log" >&2
    return 1
  fi

  # Throwaway data: durability off makes the tests faster.
  log "PostgreSQL: starting on 127.0.0.1:$PG_PORT"
  if ! _pg_as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
      -o "-p $PG_PORT -k $PG_DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >"$PG_DIR/pg_ctl.log" 2>&1; then
    err "pg_ctl start failed:"; cat "$PG_DIR/pg_ctl.log" "$PG_DIR/server.log" >&2 2>/dev/null
    return 1
  fi
  pid=$(head -1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || true)

  # Role + database over the Unix socket (trust), as the superuser.
  if ! "$PG_BIN/psql" -X -q -h "$PG_DIR/sock" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD'" \
      -c "CREATE DATABASE $PG_DB OWNER $PG_USER ENCODING 'UTF8' TEMPLATE template0"; then
    err "creating role/database failed"; cat "$PG_DIR/server.log" >&2 2>/dev/null
    return 1
  fi

  PG_URL="postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
  log "PostgreSQL: ready in $(fmt_dur $(( $(now) - t0 ))) (pid ${pid:-?}): $PG_URL"
  return 0
}

pg_stop() {
  [[ -n "${PG_DIR:-}" ]] || return 0
  local pid=
  if [[ -f "$PG_DIR/data/postmaster.pid" ]]; then
    pid=$(head -1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || true)
    log "PostgreSQL: stopping (pid ${pid:-?})"
    if ! _pg_as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
      warn "pg_ctl stop -m fast failed; trying -m immediate"
      _pg_as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 15 stop >/dev/null 2>&1 || true
    fi
    if [[ -n "$pid" ]] && _pg_pid_running "$pid"; then
      warn "postmaster $pid still running after pg_ctl stop; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
    fi
    # Give PID 1 a moment to reap the exited postmaster so no trace is left.
    if [[ -n "$pid" ]]; then
      local i
      for ((i = 0; i < 50; i++)); do [[ -e "/proc/$pid" ]] || break; sleep 0.1; done
    fi
  fi
  rm -rf "$PG_DIR"
  PG_DIR='' PG_PORT='' PG_URL=''
  return 0
}
