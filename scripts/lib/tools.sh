# shellcheck shell=bash
# ensure_tools: install what the selected test stages need, only when missing.
# Needs common.sh. Set NEED_POSTGRES=1 / NEED_BROWSER=1 before calling.
# Debian packages come from apt (one `apt-get update` per run, only if needed),
# Python packages from PyPI via pip. Any failed install fails loudly.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/lib/chromium/chromium}

_APT_UPDATED=0

_as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    err "need root to run: $*"
    return 1
  fi
}

_deb_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
}

apt_install() {
  (( $# > 0 )) || return 0
  log "Installing Debian packages: $*"
  if (( _APT_UPDATED == 0 )); then
    _as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null || { err "apt-get update failed"; return 1; }
    _APT_UPDATED=1
  fi
  _as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o Dpkg::Use-Pty=0 "$@" </dev/null || { err "apt-get install $* failed"; return 1; }
}

pip_install() {
  (( $# > 0 )) || return 0
  log "Installing Python packages: $*"
  # PIP_BREAK_SYSTEM_PACKAGES only matters for a Debian-managed python3; harmless elsewhere.
  PIP_BREAK_SYSTEM_PACKAGES=1 python3 -m pip install -q --root-user-action=ignore "$@" </dev/null \
    || { err "pip install $* failed"; return 1; }
}

ensure_tools() {
  local debs=() missing_py=0

  command -v swift >/dev/null 2>&1 || { err "swift not found on PATH (expected /opt/swift/usr/bin)"; return 1; }
  command -v python3 >/dev/null 2>&1 || { err "python3 not found"; return 1; }

  if [[ "${NEED_POSTGRES:-0}" == 1 ]]; then
    command -v runuser >/dev/null 2>&1 || { err "runuser (util-linux) not found"; return 1; }
    if [[ ! -x "$PG_BIN/initdb" || ! -x "$PG_BIN/pg_ctl" || ! -x "$PG_BIN/psql" ]]; then
      debs+=(postgresql-15)
    fi
  fi

  if [[ "${NEED_BROWSER:-0}" == 1 ]]; then
    [[ -x "$CHROMIUM_PATH" ]] || debs+=(chromium)
    _deb_installed fonts-noto-core || debs+=(fonts-noto-core)
  fi

  if [[ "${NEED_OFFICE:-0}" == 1 ]]; then
    command -v soffice >/dev/null 2>&1 || debs+=(libreoffice-calc-nogui)
  fi

  if (( ${#debs[@]} > 0 )); then
    apt_install "${debs[@]}" || return 1
  fi

  if [[ "${NEED_POSTGRES:-0}" == 1 ]]; then
    [[ -x "$PG_BIN/initdb" ]] || { err "$PG_BIN/initdb still missing after install"; return 1; }
    id -u postgres >/dev/null 2>&1 || { err "OS user 'postgres' missing (should come with postgresql-15)"; return 1; }
  fi

  if [[ "${NEED_BROWSER:-0}" == 1 ]]; then
    [[ -x "$CHROMIUM_PATH" ]] || { err "$CHROMIUM_PATH still missing after installing chromium"; return 1; }
    python3 -c 'import playwright.sync_api' >/dev/null 2>&1 || missing_py=1
    python3 -c 'import pytest' >/dev/null 2>&1 || missing_py=1
    python3 -c 'import axe_playwright_python.sync_playwright' >/dev/null 2>&1 || missing_py=1
    if (( missing_py )); then
      pip_install -r "${REPO_ROOT:-.}/Tests/browser/requirements.txt" || return 1
      python3 -c 'import playwright.sync_api, pytest, axe_playwright_python.sync_playwright' \
        || { err "playwright/pytest/axe-playwright-python still not importable after pip install"; return 1; }
    fi
  fi

  log "Tools: swift $(swift --version 2>/dev/null | head -1 | sed -E 's/.*version ([^ ]+).*/\1/'), python3 $(python3 -c 'import platform; print(platform.python_version())')"
  if [[ "${NEED_POSTGRES:-0}" == 1 ]]; then log "Tools: $("$PG_BIN/postgres" --version)"; fi
  if [[ "${NEED_BROWSER:-0}" == 1 ]]; then
    log "Tools: $("$CHROMIUM_PATH" --version 2>/dev/null | head -1 || echo 'chromium (version unknown)'), playwright $(python3 -c 'import importlib.metadata as m; print(m.version("playwright"))'), pytest $(python3 -c 'import pytest; print(pytest.__version__)'), axe-playwright-python $(python3 -c 'import importlib.metadata as m; print(m.version("axe-playwright-python"))')"
  fi
  return 0
}
