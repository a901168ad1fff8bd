#!/usr/bin/env bash
# Installs what the editor tests need (test/e2e: a real VS Code; test/nvim: Neovim as an LSP
# client) and the Word-file tests (LibreOffice writes and reads .docx and opens CSV, pdftoppm draws its PDFs,
# a CJK font makes the pictures show Chinese), and nothing twice: Debian packages that are missing, and a pinned code-server in
# the project's .cache/. Safe to run again; when all is there it ends in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

# code-server 4.100.3 is VS Code 1.100.3 and installs on Node 20 (newer releases want Node 22+).
CODE_SERVER_VERSION=4.100.3
# What @vscode/ripgrep (as pinned by that code-server) looks for before it tries to download.
RIPGREP_CACHE_DIR="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
RIPGREP_TARBALL="ripgrep-v13.0.0-10-$(uname -m)-unknown-linux-musl.tar.gz"

CODE_SERVER_PREFIX=.cache/code-server
CODE_SERVER_BIN="$CODE_SERVER_PREFIX/node_modules/.bin/code-server"

start=$(date +%s)
say() { echo "setup: $*"; }

code_server_ok() {
  # --config: without one, code-server first writes a default config into the home folder
  # (and says so on stdout).
  local v
  v=$("$CODE_SERVER_BIN" --config /dev/null --version 2>/dev/null) || return 1
  [[ $'\n'"$v" == *$'\n'"$CODE_SERVER_VERSION "* ]]
}

# "package:command" pairs; an empty command means "ask dpkg".
runtime_pkgs=(chromium:chromium neovim:nvim ripgrep:rg libreoffice-writer-nogui:soffice libreoffice-calc-nogui: poppler-utils:pdftoppm fonts-noto-cjk:)
# Only the code-server install (native modules built by node-gyp) needs these.
build_pkgs=(libkrb5-dev: pkg-config:pkg-config build-essential: python3:python3)

missing=()
check_pkgs() {
  local entry pkg cmd
  for entry in "$@"; do
    pkg=${entry%%:*}
    cmd=${entry#*:}
    if [ -n "$cmd" ]; then
      command -v "$cmd" >/dev/null 2>&1 && continue
    else
      dpkg -s "$pkg" >/dev/null 2>&1 && continue
    fi
    missing+=("$pkg")
  done
}

need_code_server=0
code_server_ok || need_code_server=1

check_pkgs "${runtime_pkgs[@]}"
if [ "$need_code_server" = 1 ]; then check_pkgs "${build_pkgs[@]}"; fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: install them as root (apt-get install ${missing[*]}) and run this again" >&2
    exit 1
  fi
  say "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "Debian packages present"
fi

if [ "$need_code_server" = 1 ]; then
  say "installing code-server@$CODE_SERVER_VERSION into $CODE_SERVER_PREFIX"
  # @vscode/ripgrep's postinstall downloads rg unless its cache already holds this tarball;
  # Debian's rg stands in for it.
  if [ ! -s "$RIPGREP_CACHE_DIR/$RIPGREP_TARBALL" ]; then
    rgdir=$(mktemp -d)
    cp "$(command -v rg)" "$rgdir/rg"
    mkdir -p "$RIPGREP_CACHE_DIR"
    tar -czf "$RIPGREP_CACHE_DIR/$RIPGREP_TARBALL" -C "$rgdir" rg
    rm -rf "$rgdir"
  fi
  mkdir -p "$CODE_SERVER_PREFIX"
  # As root, npm would otherwise drop privileges for install scripts and prompt on npx.
  npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --prefix "$CODE_SERVER_PREFIX" --no-audit --no-fund \
    --loglevel=error "code-server@$CODE_SERVER_VERSION"
  if ! code_server_ok; then
    echo "setup: code-server installed but '$CODE_SERVER_BIN --version' does not report $CODE_SERVER_VERSION:" >&2
    "$CODE_SERVER_BIN" --config /dev/null --version >&2 || true
    exit 1
  fi
else
  say "code-server $CODE_SERVER_VERSION present"
fi

say "done in $(($(date +%s) - start)) s"
