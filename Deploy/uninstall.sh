#!/bin/sh
# Removes what Deploy/install.sh installed. Your configuration (/etc/wikikiosk), ZIM files
# (/srv/wikikiosk) and statistics (/var/lib/wikikiosk) are kept unless you pass --purge.
#
# Usage: sudo Deploy/uninstall.sh [--purge] [--root DIR]
set -eu

root=""
purge=no
while [ $# -gt 0 ]; do
    case "$1" in
        --purge) purge=yes; shift ;;
        --root) root=${2:?--root needs a folder}; shift 2 ;;
        -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
        *) echo "uninstall.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

if [ -z "$root" ] && [ "$(id -u)" -ne 0 ]; then
    exec sudo "$0" "$@"
fi

if [ -z "$root" ] && [ -d /run/systemd/system ]; then
    systemctl disable --now wikikiosk.service hostapd@wikikiosk.service wikikiosk-hotspot.service wikikiosk-helper.socket 2>/dev/null || true
fi
rm -f "$root/etc/systemd/system/wikikiosk.service" "$root/etc/systemd/system/wikikiosk-hotspot.service" \
    "$root/etc/systemd/system/wikikiosk-helper.socket" "$root/etc/systemd/system/wikikiosk-helper@.service" \
    "$root/etc/hostapd/wikikiosk.conf" "$root/etc/dnsmasq.d/wikikiosk.conf" \
    "$root/etc/NetworkManager/conf.d/wikikiosk.conf" "$root/usr/local/bin/wikikiosk" \
    "$root/etc/wikikiosk/nftables.nft" "$root/etc/wikikiosk/hotspot.env" "$root/etc/udev/rules.d/61-wikikiosk-usb.rules"
if [ -f "$root/etc/default/dnsmasq" ]; then
    sed -i '/^DNSMASQ_EXCEPT="lo"$/d' "$root/etc/default/dnsmasq"
fi
if [ -z "$root" ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    systemctl restart dnsmasq.service 2>/dev/null || true
fi
if [ "$purge" = yes ]; then
    rm -rf "$root/etc/wikikiosk" "$root/var/lib/wikikiosk"
    if [ -z "$root" ] && getent passwd wikikiosk >/dev/null; then userdel wikikiosk; fi
    echo "WikiKiosk removed, with its configuration and statistics. ZIM files in $root/srv/wikikiosk are kept."
else
    echo "WikiKiosk removed. Kept: $root/etc/wikikiosk, $root/srv/wikikiosk, $root/var/lib/wikikiosk (--purge removes the first and last)."
fi
