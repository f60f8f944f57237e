#!/usr/bin/env bash
# Builds dist/kiosk_VERSION-1_amd64.deb from this tree with dpkg-deb.
#
# Why dpkg-deb and wheels, not dh-virtualenv: dh-virtualenv builds the environment at build
# time and rewrites its paths, and needs a Debian source package, debhelper and a build in a
# clean chroot to be trusted. Here the package carries the project's wheel and the wheels of its
# pinned dependencies (constraints.txt), and postinst builds the virtual environment offline
# (pip --no-index --find-links) at its final path, /usr/lib/kiosk/venv, with the target's own
# python3: nothing to relocate, nothing fetched at install time, every byte installed comes
# from the .deb, and the same script runs on a laptop and in CI in seconds.
#
# Usage: packaging/build-deb.sh [OUT_DIR]   (default dist/). Needs python3 with pip (Debian's
# python3-pip; the project's .venv when present) and dpkg-deb. Prints the package's path.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${1:-dist}
PYTHON=${PYTHON:-}
if [ -z "$PYTHON" ]; then
  if [ -x .venv/bin/python ]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
VERSION=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
DEB_VERSION="$VERSION-1"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PKG=$WORK/pkg
mkdir -p "$PKG/DEBIAN" "$PKG/usr/lib/kiosk/wheels" "$PKG/usr/bin" "$PKG/etc/kiosk" \
"$PKG/lib/systemd/system" "$PKG/usr/share/kiosk/udev" \
  "$PKG/usr/share/kiosk/assets/services" "$PKG/usr/share/kiosk/assets/fontconfig" \
  "$PKG/usr/share/doc/kiosk" "$PKG/usr/share/man/man1" \
  "$PKG/usr/share/lintian/overrides"

# The project's wheel and its dependencies' wheels, at the versions constraints.txt pins.
# (pip's notes on index locations configured without a project's folder are not ours to show.)
"$PYTHON" -m pip wheel --quiet --disable-pip-version-check -c constraints.txt \
  -w "$WORK/wheels" . 2> >(grep -v "^WARNING: Location '.*' is ignored" >&2)
cp "$WORK"/wheels/*.whl "$PKG/usr/lib/kiosk/wheels/"
# Exactly these, by name and version: postinst installs from this list, not from a resolver's
# choice among whatever lies in the folder.
"$PYTHON" - "$PKG/usr/lib/kiosk/wheels" > "$PKG/usr/lib/kiosk/requirements.txt" <<'PY'
import pathlib, sys
for wheel in sorted(pathlib.Path(sys.argv[1]).glob("*.whl")):
    name, version = wheel.name.split("-")[:2]
    print(f"{name}=={version}")
PY

install -m 0755 packaging/kiosk-wrapper.sh "$PKG/usr/bin/kiosk"
# /etc/kiosk/kiosk.toml: generated from the declarations in kiosk/config/, like the example.
# It needs nothing outside the standard library, so any python3 can generate it.
PYTHONPATH=$ROOT "$PYTHON" -m kiosk.config --installed > "$PKG/etc/kiosk/kiosk.toml"
install -m 0644 packaging/udev/70-kiosk-devices.rules "$PKG/usr/share/kiosk/udev/"
install -m 0644 packaging/systemd/* "$PKG/lib/systemd/system/"
# The data files the code reads beside its packages (assets/: the language list, the shipped
# services, the kiosk's fontconfig); postinst links them into the environment, where the code looks for them.
install -m 0644 assets/*.toml "$PKG/usr/share/kiosk/assets/"
install -m 0644 assets/services/*.toml "$PKG/usr/share/kiosk/assets/services/"
install -m 0644 assets/fontconfig/*.conf "$PKG/usr/share/kiosk/assets/fontconfig/"
install -m 0644 packaging/debian/copyright "$PKG/usr/share/doc/kiosk/"
install -m 0644 README.md packaging/kiosk.example.toml "$PKG/usr/share/doc/kiosk/"
gzip -9n < packaging/debian/changelog > "$PKG/usr/share/doc/kiosk/changelog.Debian.gz"
gzip -9n < packaging/debian/kiosk.1 > "$PKG/usr/share/man/man1/kiosk.1.gz"
install -m 0644 packaging/debian/lintian-overrides "$PKG/usr/share/lintian/overrides/kiosk"

for script in postinst prerm postrm; do
  install -m 0755 "packaging/debian/$script" "$PKG/DEBIAN/$script"
done
echo /etc/kiosk/kiosk.toml > "$PKG/DEBIAN/conffiles"
# Installed-Size counts what postinst builds too (the environment is about 2.5 times the
# wheels), so apt's free-space check means something.
size=$(du -sk --apparent-size "$PKG" | cut -f1)
wheels=$(du -sk --apparent-size "$PKG/usr/lib/kiosk/wheels" | cut -f1)
sed -e "s/@VERSION@/$DEB_VERSION/" -e "s/@SIZE@/$((size + wheels * 5 / 2))/" \
  packaging/debian/control.in > "$PKG/DEBIAN/control"
(cd "$PKG" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z \
  | xargs -0 md5sum > DEBIAN/md5sums)

mkdir -p "$OUT"
deb="$OUT/kiosk_${DEB_VERSION}_amd64.deb"
# The wheels are zip files already: gzip at its fastest costs seconds and saves little more.
dpkg-deb --root-owner-group -Zgzip -z1 --build "$PKG" "$deb" >/dev/null
echo "$deb"
