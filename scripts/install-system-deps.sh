#!/usr/bin/env bash
# Installs the Debian packages the tests need: Chromium for the end-to-end tests (never a
# browser downloaded by a test tool), espeak-ng and sox to make speech test audio, and a C/C++
# toolchain (with cmake, for whisper.cpp: scripts/build-whisper.sh) for native code, and
# PostgreSQL (the team server's tests start a throwaway cluster with its initdb and pg_ctl). Run it as
# it is: as root it installs directly (containers, CI images with no sudo); as a user it asks
# sudo. Skips what is already there.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v espeak-ng >/dev/null 2>&1 || need+=(espeak-ng)
command -v sox >/dev/null 2>&1 || need+=(sox)
command -v g++ >/dev/null 2>&1 || need+=(g++)
command -v make >/dev/null 2>&1 || need+=(make)
command -v cmake >/dev/null 2>&1 || need+=(cmake)
command -v python3 >/dev/null 2>&1 || need+=(python3)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
if [ ${#need[@]} -eq 0 ]; then
  echo "System packages already installed."
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "Missing system packages: ${need[*]}. Install them as root (apt-get install ${need[*]}), then run this again." >&2
    exit 1
  fi
  SUDO="sudo"
fi
echo "Installing: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
