#!/usr/bin/env bash
# CI: the kiosk as a Debian package, end to end on this machine (root, no systemd running, no
# display): build it, lintian, install it with apt, `systemd-analyze verify` its units,
# `kiosk doctor --json` as the kiosk user against device simulators, a headless start from the
# installed files (READY, watchdog pings, SIGTERM -> exit 0), offscreen and inside cage, the
# staff console the same way in cage with its sign-in read over AT-SPI, an upgrade in place,
# then remove (residents' records stay) and purge (configuration goes; records stay: see
# postrm).
# Run by .ci/run after the tests; about 3 minutes. Exit 0 when every step held.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" -ne 0 ]; then
  echo "packaging/ci-deb.sh installs a package: run it as root" >&2
  exit 2
fi
T0=$SECONDS
step() { echo "== $* (+$((SECONDS - T0)) s)"; }
fail() { echo "FAIL: $*" >&2; exit 3; }

# What the package needs built and checked; the package's own dependencies come with it.
missing=()
for pkg in lintian systemd; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if dpkg-query -W -f='${Status}' kiosk 2>/dev/null | grep -q "ok installed"; then
  fail "a kiosk package is installed already; this script installs and removes its own"
fi
# Leave the machine as found: the user and the records are kept by design, so remove them at
# the end only if this run made them.
fresh_user=1; getent passwd kiosk >/dev/null && fresh_user=0
fresh_data=1; [ -e /var/lib/kiosk ] && fresh_data=0

OUT=$(mktemp -d)
SIMS=()
bus_pid=""  # the staff console's session bus, while it runs
installed_here=0
cleanup() {
  for pid in "${SIMS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -n "$bus_pid" ]; then kill "$bus_pid" 2>/dev/null || true; fi
  # A run that failed half-way leaves the machine as it found it too (the next run, or CI on
  # this machine, refuses to start over a kiosk package already installed).
  if [ "$installed_here" = 1 ] && dpkg-query -W -f='${Status}' kiosk 2>/dev/null | grep -q "installed"; then
    dpkg --purge kiosk >/dev/null 2>&1 || true
    if [ "$fresh_data" = 1 ]; then rm -rf /var/lib/kiosk; fi
    if [ "$fresh_user" = 1 ]; then deluser --quiet --system kiosk >/dev/null 2>&1 || true; fi
  fi
  rm -rf "$OUT"
}
trap cleanup EXIT

step "build"
deb=$(packaging/build-deb.sh "$OUT")
ls -l "$deb"

step "lintian"
lintian --fail-on error,warning "$deb"

step "install with apt"
installed_here=1
apt-get install -y -qq --no-install-recommends "$(realpath "$deb")" >"$OUT/apt.log" 2>&1 \
  || { cat "$OUT/apt.log"; fail "apt-get install"; }
grep -E "^kiosk:|upgraded from|newest revision" "$OUT/apt.log" || true
id kiosk | grep -q dialout || fail "the kiosk user is not in dialout"
[ "$(stat -c '%U:%G %a' /var/lib/kiosk)" = "kiosk:kiosk 750" ] || fail "/var/lib/kiosk ownership"
[ "$(stat -c '%U:%G %a' /etc/kiosk/kiosk.toml)" = "root:kiosk 640" ] || fail "kiosk.toml mode"

step "systemd-analyze verify"
units=(/lib/systemd/system/kiosk*.service /lib/systemd/system/kiosk-demo.target)
systemd-analyze verify "${units[@]}" 2>&1 | tee "$OUT/verify.log"
# verify exits 0 on some problems it only prints: any line about our units is a failure.
if grep -E "kiosk" "$OUT/verify.log"; then fail "systemd-analyze verify found problems"; fi

# The simulators stand in for the devices a technician would configure in kiosk.toml.
base=${KIOSK_CI_SIM_BASE:-19100}
DEVICES=(
  KIOSK_DEVICES_PRINTER_URL="socket://127.0.0.1:$((base + 1))"
  KIOSK_DEVICES_IDCARD_URL="socket://127.0.0.1:$((base + 2))"
  KIOSK_DEVICES_SCANNER_URL="socket://127.0.0.1:$((base + 3))"
)
as_kiosk() {  # as the kiosk's user, its groups, a clean environment; call it in ( ) or &:
  exec setpriv --reuid=kiosk --regid=kiosk --init-groups \
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/kiosk USER=kiosk LANG=C.UTF-8 \
    "${DEVICES[@]}" "$@"
}

step "device simulators (the installed kiosk sim)"
n=1
for device in printer idcard scanner; do
  as_kiosk /usr/bin/kiosk sim "$device" --listen "127.0.0.1:$((base + n))" >"$OUT/sim-$device.log" 2>&1 &
  SIMS+=($!)
  n=$((n + 1))
done
for device in printer idcard scanner; do
  for _ in $(seq 1 100); do grep -q "socket://" "$OUT/sim-$device.log" && break; sleep 0.1; done
  grep -q "socket://" "$OUT/sim-$device.log" || { cat "$OUT/sim-$device.log"; fail "$device simulator"; }
done

# What 'all well' means on a CI machine: every check passes except those the machine cannot
# pass. No sound card here: audio must then fail (and say so), and nothing else may. The
# identity key does not exist before the kiosk's first start: a warning then, ok after it.
check_doctor() {  # $1: before|after the first start
  local rc=0
  (as_kiosk /usr/bin/kiosk doctor --json) >"$OUT/doctor.json" || rc=$?
  python3 - "$OUT/doctor.json" "$rc" "$1" <<'PY'
import json, pathlib, re, sys
report, rc, when = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3]
# The schema this version needs: the migrations' head, which kiosk/store/db.py names (a test
# holds the two equal).
head = re.search(r'^SCHEMA_REVISION = "([^"]+)"', pathlib.Path("kiosk/store/db.py").read_text(), re.M)[1]
checks = {c["check"]: c for c in report["checks"]}
for c in report["checks"]:
    print(f"  {c['status']:4} {c['check']:15} {c['message']}")
cards = pathlib.Path("/proc/asound/cards")
has_sound = cards.exists() and "]:" in cards.read_text()
allowed = {"audio": {"ok"} if has_sound else {"fail"},
           "identity key": {"warn"} if when == "before" else {"ok"},
           "clock": {"ok", "warn"}, "disk": {"ok", "warn"}}
expected = {"fonts", "voice zh", "voice en", "voice yue", "audio", "data folder", "store",
            "identity key", "catalogue", "device printer", "device idcard", "device scanner",
            "disk", "clock"}
problems = []
if set(checks) != expected:
    problems.append(f"checks {sorted(set(checks) ^ expected)} missing or unexpected")
for name, c in checks.items():
    if c["status"] not in allowed.get(name, {"ok"}):
        problems.append(f"{name} is {c['status']}: {c['message']}")
    if c["status"] != "ok" and not c["fix"]:
        problems.append(f"{name} says no fix")
failing = any(c["status"] == "fail" for c in report["checks"])
if report["ok"] == failing or rc != (3 if failing else 0):
    problems.append(f"exit {rc} and ok={report['ok']} do not match the checks")
if not checks.get("store", {}).get("message", "").endswith(head):
    problems.append("the store is not at this version's schema")
if problems:
    sys.exit("FAIL doctor: " + "; ".join(problems))
print(f"  doctor: exit {rc}, as expected on this machine")
PY
}
step "kiosk doctor --json (before the first start)"
check_doctor before

step "headless start from the installed files"
python3 packaging/ci-headless.py kiosk "${DEVICES[@]}" QT_QPA_PLATFORM=offscreen \
  KIOSK_KIOSK_HEARTBEAT_S=5 -- /usr/bin/kiosk run

step "the same in its Wayland session: cage with wlroots' headless backend, as kiosk.service"
# kiosk.service runs `cage -d -s -- /usr/bin/kiosk run` on tty1; here cage draws to memory
# instead of a screen (no DRM, no input devices). SIGTERM goes where KillMode=mixed sends it,
# to the main process the kiosk named in READY=1; cage must then end with it, exit 0.
runtime=$(mktemp -d)
chown kiosk:kiosk "$runtime"
chmod 0700 "$runtime"
python3 packaging/ci-headless.py kiosk "${DEVICES[@]}" XDG_RUNTIME_DIR="$runtime" \
  WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 QT_QPA_PLATFORM=wayland \
  KIOSK_KIOSK_HEARTBEAT_S=5 -- /usr/bin/cage -d -- /usr/bin/kiosk run 2>&1 \
  | { grep -v -e "Basic output test failed" -e "drmGetDevices2" || true; }  # no screen: expected
rm -rf "$runtime"

step "heartbeat written, identity key made"
python3 - <<'PY'
import json, sqlite3
row = sqlite3.connect("/var/lib/kiosk/kiosk.sqlite3").execute(
    "SELECT id, version, devices, last_seen, started_at FROM kiosks").fetchone()
assert row is not None, "no kiosk row"
devices = json.loads(row[2])
print("  heartbeat:", row[0], row[1], row[3], devices)
assert row[1] == "0.1.0" and row[4] is not None, row
assert devices.get("printer", {}).get("state") == "online", devices
PY
check_doctor after

step "the staff console in its Wayland session, as kiosk-console.service: its sign-in shown"
# cage as above; the console on a session bus of its own, where Qt's AT-SPI bridge puts it and
# the reader (ci-atspi.py, as the kiosk user, who may not read this checkout: its text is
# passed) finds its window and, showing in it, the sign-in's fields and button by their names.
# Then watchdog pings, and SIGTERM -> STOPPING=1, exit 0.
runtime=$(mktemp -d)
chown kiosk:kiosk "$runtime"
chmod 0700 "$runtime"
{ read -r bus; read -r bus_pid; } < <(as_kiosk /usr/bin/dbus-daemon --session --fork \
  --print-address=1 --print-pid=1)
python3 packaging/ci-headless.py kiosk XDG_RUNTIME_DIR="$runtime" DBUS_SESSION_BUS_ADDRESS="$bus" \
  WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 QT_QPA_PLATFORM=wayland \
  QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 \
  --ready-check /usr/bin/python3 -c "$(cat packaging/ci-atspi.py)" 工作人员控制台 工号 密码 登录 \
  -- /usr/bin/cage -d -- /usr/bin/kiosk console 2>&1 \
  | { grep -v -e "Basic output test failed" -e "drmGetDevices2" || true; }  # no screen: expected
kill "$bus_pid"
bus_pid=""
rm -rf "$runtime"

step "upgrade in place (reinstall): db upgrade runs, records stay"
before=$(python3 -c 'import sqlite3; print(sqlite3.connect("/var/lib/kiosk/kiosk.sqlite3").execute("SELECT count(*) FROM demo_residents").fetchone()[0])')
dpkg -i "$deb" >"$OUT/upgrade.log" 2>&1 || { cat "$OUT/upgrade.log"; fail "reinstall"; }
grep -q "newest revision" "$OUT/upgrade.log" || { cat "$OUT/upgrade.log"; fail "no db upgrade on upgrade"; }
after=$(python3 -c 'import sqlite3; print(sqlite3.connect("/var/lib/kiosk/kiosk.sqlite3").execute("SELECT count(*) FROM demo_residents").fetchone()[0])')
[ "$before" -gt 0 ] && [ "$before" = "$after" ] || fail "records changed on upgrade ($before -> $after)"
echo "  $after residents before and after"

for pid in "${SIMS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
SIMS=()

step "remove: the code goes, residents' records and the configuration stay"
apt-get remove -y -qq kiosk >/dev/null
[ ! -e /usr/lib/kiosk ] && [ ! -e /usr/bin/kiosk ] || fail "code left after remove"
[ -s /var/lib/kiosk/kiosk.sqlite3 ] && [ -s /var/lib/kiosk/identity.key ] || fail "records lost on remove"
[ -f /etc/kiosk/kiosk.toml ] || fail "configuration lost on remove"
python3 -c 'import sqlite3; n = sqlite3.connect("/var/lib/kiosk/kiosk.sqlite3").execute("SELECT count(*) FROM demo_residents").fetchone()[0]; assert n > 0; print(f"  {n} residents kept")'

step "purge: the configuration goes; the records stay (postrm says why)"
dpkg --purge kiosk 2>&1 | sed 's/^/  /'
[ ! -e /etc/kiosk ] || fail "configuration left after purge"
[ -s /var/lib/kiosk/kiosk.sqlite3 ] || fail "records deleted by purge"

if [ "$fresh_data" = 1 ]; then rm -rf /var/lib/kiosk; fi
if [ "$fresh_user" = 1 ]; then deluser --quiet --system kiosk >/dev/null 2>&1 || true; fi
step "package CI passed"
