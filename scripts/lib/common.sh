# shellcheck shell=bash
# Small helpers shared by scripts/test and its libraries.
# Functions here never rely on `set -e`: they return non-zero on failure so
# callers can use them inside `if`/`||` (where bash ignores errexit).

log()  { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
err()  { printf 'ERROR: %s\n' "$*" >&2; }

# Seconds since the epoch (integer).
now() { date +%s; }

# Pretty duration: fmt_dur SECONDS -> "3m07s" / "42s".
fmt_dur() {
  local s=$1
  if (( s >= 60 )); then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}

# Print a free TCP port on 127.0.0.1 (the kernel picks it; tiny race until used).
free_port() {
  python3 - <<'PY'
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

# Terminate a process we started, by PID: TERM, wait up to $2 seconds (default 10), then KILL.
kill_pid() {
  local pid=$1 grace=${2:-10} i
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "process $pid did not stop after ${grace}s; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  # Reap it if it is our child (ignore "not a child" errors).
  wait "$pid" 2>/dev/null || true
  return 0
}

# Wait until URL answers HTTP 200. wait_http_200 URL TIMEOUT_SECONDS [PID]
# If PID is given and that process dies, stop waiting early.
wait_http_200() {
  local url=$1 timeout=$2 pid=${3:-} deadline code
  deadline=$(( $(now) + timeout ))
  while (( $(now) < deadline )); do
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      err "process $pid exited while waiting for $url"
      return 1
    fi
    code=$(python3 - "$url" <<'PY' 2>/dev/null || true
import sys, urllib.request, urllib.error
try:
    with urllib.request.urlopen(sys.argv[1], timeout=5) as r:
        print(r.status)
except urllib.error.HTTPError as e:
    print(e.code)
except Exception:
    print(0)
PY
)
    [[ "$code" == "200" ]] && return 0
    sleep 1
  done
  err "timed out after ${timeout}s waiting for HTTP 200 from $url (last status: ${code:-none})"
  return 1
}
