#!/bin/sh
# Installs the Debian 12 packages WikiKiosk builds, tests and runs with. Idempotent.
# The Swift toolchain (6.1 or newer) is not a Debian package: see README.md.
set -eu

PACKAGES="pkg-config libzim-dev libzstd-dev libmicrohttpd-dev libdeflate-dev zlib1g-dev curl gzip libsqlite3-dev goaccess"
# Staff area: Argon2id password hashes (libsodium).
PACKAGES="$PACKAGES libsodium-dev"
# QR signs: libqrencode, cairo and pango (PDF/SVG/PNG), a font with accents and other scripts;
# the sign tests read the codes back with zbarimg, after pdftoppm (PDF) and rsvg-convert (SVG).
PACKAGES="$PACKAGES libqrencode-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core zbar-tools poppler-utils librsvg2-bin"
# Captive-portal and Deploy/ tests: the real dnsmasq, network namespaces (iproute2), a DHCP
# client (udhcpc), nftables and shellcheck (small).
PACKAGES="$PACKAGES dnsmasq-base iproute2 udhcpc nftables shellcheck"
# The landing page's browser test uses Debian's headless Chromium (about 300 MB): opt-in with
# WIKIKIOSK_BROWSER_TESTS=1 (.ci/run sets it); the test is skipped without it.
# The accessibility audit in the same tests runs axe-core, fetched from PyPI below (pip).
if [ "${WIKIKIOSK_BROWSER_TESTS:-0}" = 1 ]; then PACKAGES="$PACKAGES chromium-headless-shell python3-pip"; fi
# The package test (scripts/package-test.sh, opt-in with WIKIKIOSK_PACKAGE_TEST=1, as .ci/run does):
# Debian's packaging tools, lintian, debootstrap for the clean Debian 12 root, sqlite3 to look at
# the statistics database it keeps.
if [ "${WIKIKIOSK_PACKAGE_TEST:-0}" = 1 ]; then PACKAGES="$PACKAGES dpkg-dev debhelper lintian debootstrap sqlite3"; fi

missing=""
for package in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
if [ -n "$missing" ]; then
    echo "Installing:$missing"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

# axe-core (Deque's accessibility rules, MPL-2.0) as published inside the axe-playwright-python
# wheel on PyPI; the browser tests read .build/axe/axe.min.js and skip the audit without it.
AXE_DIR="$(cd "$(dirname "$0")/.." && pwd)/.build/axe"
if [ "${WIKIKIOSK_BROWSER_TESTS:-0}" = 1 ] && [ ! -s "$AXE_DIR/axe.min.js" ]; then
    mkdir -p "$AXE_DIR"
    if python3 -m pip download --quiet --no-deps --dest "$AXE_DIR" axe-playwright-python==0.1.8; then
        python3 -c 'import sys, zipfile, glob
wheel = glob.glob(sys.argv[1] + "/axe_playwright_python-*.whl")[0]
open(sys.argv[1] + "/axe.min.js", "wb").write(zipfile.ZipFile(wheel).read("axe_playwright_python/axe.min.js"))' "$AXE_DIR"
    else
        echo "axe-core could not be downloaded: the browser tests will skip the accessibility audit" >&2
    fi
fi

if ! command -v swift >/dev/null 2>&1; then
    for candidate in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
        [ -x "$candidate/swift" ] && echo "Swift found in $candidate: add it to PATH" && exit 0
    done
    echo "Swift 6.1 or newer is needed: install the toolchain for Debian 12 from swift.org, then run this again." >&2
    exit 1
fi
