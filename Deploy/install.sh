#!/bin/sh
# Installs WikiKiosk on Raspberry Pi OS (Debian 12, arm64) or Debian 12 as a Wi-Fi kiosk:
# the server as a hardened systemd service, the hotspot (hostapd), DHCP + DNS capture
# (dnsmasq) and the firewall (nftables). Idempotent: run it again to upgrade or to apply a
# changed /etc/wikikiosk/wikikiosk.conf.
#
# Usage: sudo Deploy/install.sh [--deb FILE | --binary FILE] [--no-hotspot] [--no-packages] [--root DIR]
#   --deb FILE      install this package (wikikiosk_<version>_<arch>.deb, from scripts/package-deb.sh)
#                   with apt-get: no compiler needed; the package brings the service and configuration
#   --binary FILE   install this wikikiosk executable instead of building it from this checkout
#   --no-hotspot    install the server only (no hostapd, dnsmasq, firewall)
#   --no-packages   don't run apt-get (the packages are already there)
#   --root DIR      install into DIR instead of / (for tests: no apt-get, no systemctl, no user)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
checkout=$(dirname "$here")
root=""
binary=""
deb=""
hotspot=yes
packages=yes

while [ $# -gt 0 ]; do
    case "$1" in
        --deb) deb=${2:?--deb needs a file}; shift 2 ;;
        --binary) binary=${2:?--binary needs a file}; shift 2 ;;
        --no-hotspot) hotspot=no; shift ;;
        --no-packages) packages=no; shift ;;
        --root) root=${2:?--root needs a folder}; packages=no; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

say() { printf '==> %s\n' "$*"; }

if [ -z "$root" ] && [ "$(id -u)" -ne 0 ]; then
    say "This needs administrator rights: running it again with sudo."
    exec sudo "$0" "$@"
fi

# The package: apt-get resolves its dependencies (computed from the binary) from Debian; its
# maintainer scripts create the user and folders and start the service. The hotspot stays off
# until `wikikiosk hotspot enable`, which is what this does next unless --no-hotspot.
if [ -n "$deb" ]; then
    [ -z "$root" ] || { echo "install.sh: --deb installs into / only (not with --root)" >&2; exit 2; }
    case "$deb" in /*|./*|../*) ;; *) deb="./$deb" ;; esac
    recommends="--no-install-recommends"
    [ "$hotspot" = yes ] && recommends="--install-recommends"
    say "Installing $deb"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$recommends" "$deb"
    [ "$hotspot" = yes ] && wikikiosk hotspot enable
    say "Done. Checking:"
    wikikiosk doctor || true
    exit 0
fi

# 1. Packages (the libraries the binary links, as the package's computed Depends: lists them).
if [ "$packages" = yes ]; then
    needed="libzim8 libmicrohttpd12 libdeflate0 zlib1g libsqlite3-0 libsodium23 libqrencode4 libcairo2 libpango-1.0-0"
    needed="$needed libpangocairo-1.0-0 libglib2.0-0 libzstd1 fonts-dejavu-core curl iproute2"
    [ "$hotspot" = yes ] && needed="$needed hostapd dnsmasq nftables rfkill iw"
    if [ -z "$binary" ]; then
        needed="$needed pkg-config libzim-dev libzstd-dev libmicrohttpd-dev libdeflate-dev zlib1g-dev libsqlite3-dev libsodium-dev"
        needed="$needed libqrencode-dev libcairo2-dev libpango1.0-dev"
    fi
    say "Installing packages: $needed"
    apt-get update -qq
    # shellcheck disable=SC2086 # word splitting of the package list is wanted
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $needed
fi

# 2. The program.
if [ -z "$binary" ]; then
    swift=$(command -v swift || true)
    [ -z "$swift" ] && [ -x /opt/swift/usr/bin/swift ] && swift=/opt/swift/usr/bin/swift
    if [ -z "$swift" ]; then
        echo "The Swift toolchain is needed to build WikiKiosk (see README.md), or pass --binary FILE." >&2
        exit 1
    fi
    say "Building wikikiosk (a few minutes on a Pi)"
    # The version `wikikiosk --version` reports: the commit of this checkout (see scripts/package-deb.sh).
    commit=$(git -C "$checkout" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
    (cd "$checkout" && WIKIKIOSK_VERSION=source WIKIKIOSK_COMMIT="$commit" \
        "$swift" build -c release --product wikikiosk --static-swift-stdlib)
    binary="$checkout/.build/release/wikikiosk"
fi
say "Installing $root/usr/local/bin/wikikiosk"
install -D -m 0755 "$binary" "$root/usr/local/bin/wikikiosk"

# 3. The service user: no login, no home, owns only /var/lib/wikikiosk.
if [ -z "$root" ] && ! getent passwd wikikiosk >/dev/null; then
    say "Creating the service user wikikiosk"
    useradd --system --user-group --home-dir /var/lib/wikikiosk --no-create-home --shell /usr/sbin/nologin wikikiosk
fi

# 4. Configuration: kept when it exists (your edits survive upgrades).
etc="$root/etc/wikikiosk"
mkdir -p "$etc/locales"
if [ ! -f "$etc/wikikiosk.conf" ]; then
    say "Writing $etc/wikikiosk.conf (edit it to name your kiosk)"
    sed -e 's|^# library = /srv/wikikiosk|library = /srv/wikikiosk|' "$checkout/kiosk-config/wikikiosk.conf" > "$etc/wikikiosk.conf"
fi
for file in "$checkout"/kiosk-config/locales/*.ini; do
    [ -f "$etc/locales/$(basename "$file")" ] || install -m 0644 "$file" "$etc/locales/"
done
# The staff area saves settings and signs.csv here (temp file + rename): the service's group
# may write the folder and its files; nobody else may.
if [ -z "$root" ]; then
    chgrp -R wikikiosk "$etc"
    chmod 2770 "$etc"
    chmod -R g+w "$etc"
fi
library="$root/srv/wikikiosk"
if [ ! -d "$library" ]; then
    say "Creating $library: add books from the staff area (USB stick), or copy ZIM files there"
    mkdir -p "$library"
fi
# The staff area adds, replaces and removes books: the service's group may write the folder.
if [ -z "$root" ]; then
    chgrp wikikiosk "$library"
    chmod 2775 "$library"
fi
# USB sticks are mounted read-only under /media/wikikiosk when plugged in (Deploy/wikikiosk-usb.rules).
install -D -m 0644 "$here/wikikiosk-usb.rules" "$root/etc/udev/rules.d/61-wikikiosk-usb.rules"
mkdir -p "$root/media/wikikiosk"
if [ -z "$root" ] && [ -d /run/udev ]; then udevadm control --reload || true; fi

if ! "$root/usr/local/bin/wikikiosk" config check --config "$etc"; then
    say "The configuration has problems (listed above): the kiosk will use the last good one or the defaults."
fi

# 5. The units (pointing at /usr/local/bin, where this installs the program), then the
# hotspot's files from the configuration, enabled and started when systemd runs (Deploy/hotspot.sh).
mkdir -p "$root/etc/systemd/system"
for unit in wikikiosk.service wikikiosk-hotspot.service wikikiosk-helper.socket wikikiosk-helper@.service; do
    [ "$unit" = wikikiosk.service ] || [ "$hotspot" = yes ] || continue
    sed 's|/usr/bin/wikikiosk|/usr/local/bin/wikikiosk|g' "$here/$unit" > "$root/etc/systemd/system/$unit.tmp"
    chmod 0644 "$root/etc/systemd/system/$unit.tmp"
    mv "$root/etc/systemd/system/$unit.tmp" "$root/etc/systemd/system/$unit"
done
if [ "$hotspot" = yes ]; then
    "$here/hotspot.sh" enable ${root:+--root "$root"} --binary "$root/usr/local/bin/wikikiosk"
fi

# 6. Start the server (and at every boot).
if [ -n "$root" ]; then
    say "Installed into $root (no service started)."
    exit 0
fi
if [ ! -d /run/systemd/system ]; then
    say "systemd is not running here: files installed, services not started."
    exit 0
fi
systemctl daemon-reload
systemctl enable wikikiosk.service
systemctl enable --now wikikiosk-helper.socket
systemctl restart wikikiosk.service
say "Done. Checking:"
/usr/local/bin/wikikiosk doctor --config /etc/wikikiosk || true
