#!/bin/sh
# Installs WikiKiosk on Raspberry Pi OS (Debian 12, arm64) or Debian 12 as a Wi-Fi kiosk:
# the server as a hardened systemd service, the hotspot (hostapd), DHCP + DNS capture
# (dnsmasq) and the firewall (nftables). Idempotent: run it again to upgrade or to apply a
# changed /etc/wikikiosk/wikikiosk.conf.
#
# Usage: sudo Deploy/install.sh [--binary FILE] [--no-hotspot] [--no-packages] [--root DIR]
#   --binary FILE   install this wikikiosk executable instead of building it from this checkout
#   --no-hotspot    install the server only (no hostapd, dnsmasq, firewall)
#   --no-packages   don't run apt-get (the packages are already there)
#   --root DIR      install into DIR instead of / (for tests: no apt-get, no systemctl, no user)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
checkout=$(dirname "$here")
root=""
binary=""
hotspot=yes
packages=yes

while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary=${2:?--binary needs a file}; shift 2 ;;
        --no-hotspot) hotspot=no; shift ;;
        --no-packages) packages=no; shift ;;
        --root) root=${2:?--root needs a folder}; packages=no; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

say() { printf '==> %s\n' "$*"; }

if [ -z "$root" ] && [ "$(id -u)" -ne 0 ]; then
    say "This needs administrator rights: running it again with sudo."
    exec sudo "$0" "$@"
fi

# 1. Packages.
if [ "$packages" = yes ]; then
    needed="libzim8 libmicrohttpd12 zlib1g libsqlite3-0 curl iproute2"
    [ "$hotspot" = yes ] && needed="$needed hostapd dnsmasq nftables rfkill iw"
    if [ -z "$binary" ]; then
        needed="$needed pkg-config libzim-dev libmicrohttpd-dev zlib1g-dev libsqlite3-dev"
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
    (cd "$checkout" && "$swift" build -c release --product wikikiosk --static-swift-stdlib)
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
    say "Creating $library: copy your ZIM files there"
    mkdir -p "$library"
    [ -n "${SUDO_USER:-}" ] && [ -z "$root" ] && chown "$SUDO_USER" "$library"
fi

get() { "$root/usr/local/bin/wikikiosk" config get --config "$etc" "$1"; }
if ! "$root/usr/local/bin/wikikiosk" config check --config "$etc"; then
    say "The configuration has problems (listed above): the kiosk will use the last good one or the defaults."
fi

# 5. The hotspot's files, from the configuration.
if [ "$hotspot" = yes ]; then
    WIKIKIOSK_INTERFACE=$(get hotspot.interface)
    WIKIKIOSK_ADDRESS=$(get hotspot.address)
    WIKIKIOSK_DHCP_START=$(get hotspot.dhcp-start)
    WIKIKIOSK_DHCP_END=$(get hotspot.dhcp-end)
    WIKIKIOSK_SSID=$(get hotspot.ssid)
    WIKIKIOSK_COUNTRY=$(get hotspot.country)
    WIKIKIOSK_CHANNEL=$(get hotspot.channel)
    WIKIKIOSK_HOST=$(get kiosk.host)
    WIKIKIOSK_PORT=$(get kiosk.port)
    export WIKIKIOSK_INTERFACE WIKIKIOSK_ADDRESS WIKIKIOSK_DHCP_START WIKIKIOSK_DHCP_END WIKIKIOSK_SSID \
        WIKIKIOSK_COUNTRY WIKIKIOSK_CHANNEL WIKIKIOSK_HOST WIKIKIOSK_PORT
    rendered=$(mktemp -d)
    trap 'rm -rf "$rendered"' EXIT
    "$here/render.sh" "$rendered"
    say "Writing the hotspot files for \"$WIKIKIOSK_SSID\" on $WIKIKIOSK_INTERFACE ($WIKIKIOSK_ADDRESS)"
    install -D -m 0644 "$rendered/hostapd.conf" "$root/etc/hostapd/wikikiosk.conf"
    install -D -m 0644 "$rendered/dnsmasq.conf" "$root/etc/dnsmasq.d/wikikiosk.conf"
    install -D -m 0644 "$rendered/nftables.nft" "$etc/nftables.nft"
    install -D -m 0644 "$rendered/hotspot.env" "$etc/hotspot.env"
    install -D -m 0644 "$here/wikikiosk-hotspot.service" "$root/etc/systemd/system/wikikiosk-hotspot.service"
    # dnsmasq must not answer the Pi's own lookups with the kiosk's address.
    if [ -f "$root/etc/default/dnsmasq" ] && ! grep -q '^DNSMASQ_EXCEPT="lo"' "$root/etc/default/dnsmasq"; then
        echo 'DNSMASQ_EXCEPT="lo"' >> "$root/etc/default/dnsmasq"
    fi
    # NetworkManager (Raspberry Pi OS) must leave the hotspot interface alone.
    if [ -d "$root/etc/NetworkManager/conf.d" ]; then
        printf '[keyfile]\nunmanaged-devices=interface-name:%s\n' "$WIKIKIOSK_INTERFACE" \
            > "$root/etc/NetworkManager/conf.d/wikikiosk.conf"
    fi
fi
install -D -m 0644 "$here/wikikiosk.service" "$root/etc/systemd/system/wikikiosk.service"

# 6. Start everything (and at every boot).
if [ -n "$root" ]; then
    say "Installed into $root (no service started)."
    exit 0
fi
if [ ! -d /run/systemd/system ]; then
    say "systemd is not running here: files installed, services not started."
    exit 0
fi
systemctl daemon-reload
if [ "$hotspot" = yes ]; then
    if [ -d /etc/NetworkManager/conf.d ]; then systemctl reload NetworkManager 2>/dev/null || true; fi
    systemctl unmask hostapd.service >/dev/null 2>&1 || true
    systemctl enable wikikiosk-hotspot.service hostapd@wikikiosk.service dnsmasq.service
    if [ -e "/sys/class/net/$WIKIKIOSK_INTERFACE" ]; then
        systemctl restart wikikiosk-hotspot.service hostapd@wikikiosk.service dnsmasq.service || \
            say "The hotspot did not start: see 'wikikiosk doctor'."
    else
        say "No Wi-Fi interface $WIKIKIOSK_INTERFACE here: the hotspot is set up and will start when it exists."
    fi
fi
systemctl enable wikikiosk.service
systemctl restart wikikiosk.service
say "Done. Checking:"
/usr/local/bin/wikikiosk doctor --config /etc/wikikiosk || true
