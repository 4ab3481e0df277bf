#!/usr/bin/env bash
# Installs every Debian package baocao needs to build, run and test, and nothing else.
# Idempotent: packages already present are skipped, so a second run costs ~1 s.
set -euo pipefail

PKGS=(
  # toolchain
  build-essential cmake ninja-build pkg-config ccache git
  # libraries (see docs/architecture.md for why each one)
  libboost-dev libboost-system-dev
  libsqlite3-dev sqlite3 libpq-dev libsoci-dev
  nlohmann-json3-dev libsodium-dev libspdlog-dev libfmt-dev libcli11-dev libssl-dev
  libxlsxwriter-dev libzip-dev libpugixml-dev libjemalloc-dev
  # e-mail reminders over SMTP (app/curl_mailer.cc)
  libcurl4-openssl-dev
  # PDF (published catalog of reports): pango + cairo; poppler-utils renders PDFs to PNG in checks
  libcairo2-dev libpango1.0-dev poppler-utils
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15 postgresql-client-15 wrk
  # browser tests and screenshots; fonts so Vietnamese renders
  chromium fonts-noto-core
  # web build
  nodejs npm
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    # nodejs/npm may come from another source already on PATH
    if [[ "$p" == nodejs && -x "$(command -v node || true)" ]]; then continue; fi
    if [[ "$p" == npm && -x "$(command -v npm || true)" ]]; then continue; fi
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
