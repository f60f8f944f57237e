#!/usr/bin/env bash
# Installs what the kiosk needs on a Debian or Ubuntu machine, then runs one of:
#   packaging/setup.sh demo   the kiosk (or, with no display, a tour of screenshots)
#   packaging/setup.sh test   lint, types and the test suite
# Debian packages are installed when we are root; otherwise the one apt-get line is printed
# and we stop (exit 2). Exit codes otherwise are those of what runs.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-pip            # the virtual environment
  espeak-ng libespeak-ng1 sox                 # speech synthesis (pyttsx3) and checking it
  fonts-noto-cjk                              # Chinese text that is not boxes
  libpulse0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0  # Qt itself
  xvfb xdotool dbus at-spi2-core python3-pyatspi                     # real windows, a11y tests
  libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-cursor0
  libxkbcommon-x11-0
  chromium                                    # hall server pages and HTML report, in a browser
)
VENV=${KIOSK_VENV:-.venv}
PYTHON=${PYTHON:-python3}

missing_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  echo "${missing[@]:-}"
}

install_packages() {
  local missing
  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "These Debian packages are missing. Install them, then run this again:" >&2
    echo "  sudo apt-get install -y $missing" >&2
    exit 2
  fi
  echo "Installing Debian packages: $missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq $missing >/dev/null
}

check_python() {
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "The kiosk needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version 2>&1)." >&2
    echo "Debian 12 and Ubuntu 24.04 have it; or set PYTHON=/path/to/python3.11." >&2
    exit 2
  fi
}

make_venv() {
  check_python
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
  fi
  local stamp="$VENV/.kiosk-installed"
  local want
  want=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -c constraints.txt -e '.[test,dev]'
    echo "$want" > "$stamp"
  fi
}

case "${1:-}" in
  demo)
    install_packages
    make_venv
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      exec "$VENV/bin/kiosk" run --windowed
    fi
    out=${KIOSK_TOUR_DIR:-$PWD/tour}
    echo "No display here, so instead of a window: a tour of every screen of every service."
    "$VENV/bin/kiosk" tour --out "$out"
    echo "Screenshots and manifest.json are in $out"
    ;;
  test)
    install_packages
    make_venv
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    "$VENV/bin/mypy"
    exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider "${@:2}"
    ;;
  *)
    echo "usage: packaging/setup.sh demo|test" >&2
    exit 2
    ;;
esac
