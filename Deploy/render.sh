#!/bin/sh
# Writes the hotspot's files from Deploy/templates into OUTDIR, with the values given in the
# environment (install.sh takes them from wikikiosk.conf with `wikikiosk config get`):
#   WIKIKIOSK_INTERFACE WIKIKIOSK_ADDRESS WIKIKIOSK_DHCP_START WIKIKIOSK_DHCP_END WIKIKIOSK_SSID
#   WIKIKIOSK_COUNTRY WIKIKIOSK_CHANNEL WIKIKIOSK_HOST WIKIKIOSK_PORT
# Usage: Deploy/render.sh OUTDIR   -> OUTDIR/hostapd.conf, dnsmasq.conf, nftables.nft, hotspot.env
# The templates are read from $WIKIKIOSK_TEMPLATES when set (the package's /etc/wikikiosk/templates).
set -eu

out=${1:?usage: render.sh OUTDIR}
templates=${WIKIKIOSK_TEMPLATES:-$(dirname "$0")/templates}
mkdir -p "$out"

for name in INTERFACE ADDRESS DHCP_START DHCP_END SSID COUNTRY CHANNEL HOST PORT; do
    eval "value=\${WIKIKIOSK_$name:-}"
    # shellcheck disable=SC2154 # value is set by the eval above
    if [ -z "$value" ]; then
        echo "render.sh: WIKIKIOSK_$name is not set" >&2
        exit 2
    fi
done

# Escapes a value for the replacement side of a sed s||| command.
escape() {
    printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'
}

ssid_hex=$(printf '%s' "$WIKIKIOSK_SSID" | od -An -tx1 | tr -d ' \n')
# The SSID in a comment: keep it on one line.
ssid_comment=$(printf '%s' "$WIKIKIOSK_SSID" | tr -d '\n\r"')

render() {
    sed -e "s|@INTERFACE@|$(escape "$WIKIKIOSK_INTERFACE")|g" \
        -e "s|@ADDRESS@|$(escape "$WIKIKIOSK_ADDRESS")|g" \
        -e "s|@DHCP_START@|$(escape "$WIKIKIOSK_DHCP_START")|g" \
        -e "s|@DHCP_END@|$(escape "$WIKIKIOSK_DHCP_END")|g" \
        -e "s|@SSID_HEX@|$ssid_hex|g" \
        -e "s|@SSID@|$(escape "$ssid_comment")|g" \
        -e "s|@COUNTRY@|$(escape "$WIKIKIOSK_COUNTRY")|g" \
        -e "s|@CHANNEL@|$(escape "$WIKIKIOSK_CHANNEL")|g" \
        -e "s|@HOST@|$(escape "$WIKIKIOSK_HOST")|g" \
        -e "s|@PORT@|$(escape "$WIKIKIOSK_PORT")|g" \
        "$templates/$1.in" > "$out/$1.tmp"
    mv "$out/$1.tmp" "$out/$1"
}

render hostapd.conf
render dnsmasq.conf
render nftables.nft
cat > "$out/hotspot.env.tmp" <<ENV
# Written by Deploy/install.sh for wikikiosk-hotspot.service.
WIKIKIOSK_INTERFACE=$WIKIKIOSK_INTERFACE
WIKIKIOSK_ADDRESS=$WIKIKIOSK_ADDRESS
ENV
mv "$out/hotspot.env.tmp" "$out/hotspot.env"
