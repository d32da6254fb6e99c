#!/usr/bin/env bash
# Install the Debian packages a make target needs, when they are missing and we can (root
# or passwordless sudo). Usage: ensure-debian-packages.sh COMMAND=PACKAGE...
#   chromium=chromium    browser tests drive Debian's Chromium (never a downloaded one)
#   wrk=wrk              `make bench` loads pages with wrk
#   /path/to/file=pkg    a package without a command (fonts): installed if the file is absent
set -euo pipefail
missing=()
for pair in "$@"; do
  command_name=${pair%%=*}
  package=${pair#*=}
  if [[ $command_name == /* ]]; then
    present() { [ -e "$1" ]; }
  else
    present() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/bin/$1" ]; }
  fi
  if ! present "$command_name"; then
    read -ra packages <<<"$package"
    missing+=("${packages[@]}")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Missing: ${missing[*]}. Installing Debian's packages." >&2
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "Cannot install without root. Run: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for pair in "$@"; do
  name=${pair%%=*}
  if [[ $name == /* ]]; then [ -e "$name" ]; else command -v "$name" >/dev/null 2>&1 || [ -x "/usr/bin/$name" ]; fi
done
