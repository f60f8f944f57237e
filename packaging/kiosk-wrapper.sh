#!/bin/sh
# The kiosk command of this installation: the package's virtual environment and the system
# configuration (another file with KIOSK_CONFIG or --config).
KIOSK_CONFIG=${KIOSK_CONFIG:-/etc/kiosk/kiosk.toml}
export KIOSK_CONFIG
exec /usr/lib/kiosk/venv/bin/kiosk "$@"
