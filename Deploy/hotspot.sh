#!/bin/sh
# Turns the kiosk's Wi-Fi hotspot on or off: writes the hostapd, dnsmasq and nftables files from
# /etc/wikikiosk/wikikiosk.conf (the templates are in Deploy/templates, or /etc/wikikiosk/templates
# when installed from the package), then enables and starts hostapd@wikikiosk, dnsmasq and
# wikikiosk-hotspot (or stops and disables them). Run by `wikikiosk hotspot enable|disable` and by
# Deploy/install.sh. Run it again after changing the [hotspot] settings.
#
# Usage: hotspot.sh enable|disable [--root DIR] [--binary FILE]
#   --root DIR      write into DIR instead of / (for tests: no systemctl)
#   --binary FILE   the wikikiosk executable that reads the configuration (default: the one on PATH)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
action=${1:-}
[ $# -gt 0 ] && shift
root=""
binary=""
while [ $# -gt 0 ]; do
    case "$1" in
        --root) root=${2:?--root needs a folder}; shift 2 ;;
        --binary) binary=${2:?--binary needs a file}; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "hotspot.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$action" in
    enable|disable) ;;
    *) echo "usage: hotspot.sh enable|disable [--root DIR] [--binary FILE]" >&2; exit 2 ;;
esac
[ -n "$binary" ] || binary=$(command -v wikikiosk || echo /usr/bin/wikikiosk)
say() { printf '==> %s\n' "$*"; }
etc="$root/etc/wikikiosk"
systemd=no
[ -z "$root" ] && [ -d /run/systemd/system ] && systemd=yes

if [ "$action" = disable ]; then
    if [ "$systemd" = yes ]; then
        systemctl disable --now hostapd@wikikiosk.service wikikiosk-hotspot.service 2>/dev/null || true
    fi
    rm -f "$root/etc/hostapd/wikikiosk.conf" "$root/etc/dnsmasq.d/wikikiosk.conf" \
        "$root/etc/NetworkManager/conf.d/wikikiosk.conf" "$etc/nftables.nft" "$etc/hotspot.env"
    if [ -f "$root/etc/default/dnsmasq" ]; then sed -i '/^DNSMASQ_EXCEPT="lo"$/d' "$root/etc/default/dnsmasq"; fi
    if [ "$systemd" = yes ]; then systemctl restart dnsmasq.service 2>/dev/null || true; fi
    say "The hotspot is off."
    exit 0
fi

get() { "$binary" config get --config "$etc" "$1"; }
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
# The package's templates are conffiles in /etc/wikikiosk/templates (local edits survive upgrades).
if [ -z "${WIKIKIOSK_TEMPLATES:-}" ] && [ -d "$etc/templates" ]; then
    WIKIKIOSK_TEMPLATES="$etc/templates"
    export WIKIKIOSK_TEMPLATES
fi
rendered=$(mktemp -d)
trap 'rm -rf "$rendered"' EXIT
"$here/render.sh" "$rendered"
say "Writing the hotspot files for \"$WIKIKIOSK_SSID\" on $WIKIKIOSK_INTERFACE ($WIKIKIOSK_ADDRESS)"
install -D -m 0644 "$rendered/hostapd.conf" "$root/etc/hostapd/wikikiosk.conf"
install -D -m 0644 "$rendered/dnsmasq.conf" "$root/etc/dnsmasq.d/wikikiosk.conf"
install -D -m 0644 "$rendered/nftables.nft" "$etc/nftables.nft"
install -D -m 0644 "$rendered/hotspot.env" "$etc/hotspot.env"
# dnsmasq must not answer the Pi's own lookups with the kiosk's address.
if [ -f "$root/etc/default/dnsmasq" ] && ! grep -q '^DNSMASQ_EXCEPT="lo"' "$root/etc/default/dnsmasq"; then
    echo 'DNSMASQ_EXCEPT="lo"' >> "$root/etc/default/dnsmasq"
fi
# NetworkManager (Raspberry Pi OS) must leave the hotspot interface alone.
if [ -d "$root/etc/NetworkManager/conf.d" ]; then
    printf '[keyfile]\nunmanaged-devices=interface-name:%s\n' "$WIKIKIOSK_INTERFACE" \
        > "$root/etc/NetworkManager/conf.d/wikikiosk.conf"
fi
if [ "$systemd" = no ]; then
    say "systemd is not running here: hotspot files written, services not started."
    exit 0
fi
for unit in hostapd dnsmasq; do
    [ -e "/lib/systemd/system/$unit.service" ] || [ -e "/lib/systemd/system/$unit@.service" ] || {
        echo "hotspot.sh: $unit is not installed: sudo apt-get install hostapd dnsmasq nftables rfkill iw" >&2
        exit 1
    }
done
systemctl daemon-reload
if [ -d /etc/NetworkManager/conf.d ]; then systemctl reload NetworkManager 2>/dev/null || true; fi
systemctl unmask hostapd.service >/dev/null 2>&1 || true
systemctl enable wikikiosk-hotspot.service hostapd@wikikiosk.service dnsmasq.service
if [ -e "/sys/class/net/$WIKIKIOSK_INTERFACE" ]; then
    systemctl restart wikikiosk-hotspot.service hostapd@wikikiosk.service dnsmasq.service || \
        say "The hotspot did not start: see 'wikikiosk doctor'."
else
    say "No Wi-Fi interface $WIKIKIOSK_INTERFACE here: the hotspot is set up and will start when it exists."
fi
