#!/bin/sh
# Builds the Debian package wikikiosk_<version>_<arch>.deb for the machine it runs on (amd64 on a
# PC, arm64 on a Raspberry Pi 4/5 or any arm64 Debian 12): a release build with the Swift runtime
# and Foundation linked in (--static-swift-stdlib), so the kiosk needs no Swift toolchain; then
# Debian's own tools do the rest (Deploy/debian: dh strips, computes Depends: with dpkg-shlibdeps,
# marks /etc as conffiles, adds the deb-systemd-helper steps); lintian checks the result.
#
# Usage: scripts/package-deb.sh [--out DIR] [--version VERSION] [--no-lintian]
#   --out DIR          where the .deb goes (default .build/deb)
#   --version VERSION  the package version (default: from `git describe`, see below)
#   --no-lintian       skip the lintian check
# Environment: SWIFT_SCRATCH (default .build) is the build folder; DEBFULLNAME and DEBEMAIL name
# the packager (default: git's user.name and user.email).
# Prints the path of the .deb on its last line.
set -eu
cd "$(dirname "$0")/.."
checkout=$(pwd)
[ -d /opt/swift/usr/bin ] && PATH="/opt/swift/usr/bin:$PATH"
out="$checkout/.build/deb"
version=""
lint=yes
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out=${2:?--out needs a folder}; shift 2 ;;
        --version) version=${2:?--version needs a version}; shift 2 ;;
        --no-lintian) lint=no; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "package-deb.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
scratch=${SWIFT_SCRATCH:-$checkout/.build}
say() { printf '==> %s\n' "$*" >&2; }
refuse() { printf 'package-deb.sh: %s\n' "$*" >&2; exit 1; }

# 1. Refuse early and clearly when something the build needs is missing.
command -v swift >/dev/null 2>&1 || refuse "the Swift toolchain (6.1 or newer) is not on PATH nor in /opt/swift/usr/bin.
  Install the one for Debian 12 on this architecture from https://www.swift.org/install/linux/
  (README.md, \"Build the package\"), then run this again."
swift_version=$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9][0-9]*\)\.\([0-9][0-9]*\).*/\1 \2/p' | head -n 1)
# shellcheck disable=SC2086 # split into major and minor
set -- $swift_version
if [ $# -ne 2 ] || [ "$1" -lt 6 ] || { [ "$1" -eq 6 ] && [ "$2" -lt 1 ]; }; then
    refuse "Swift 6.1 or newer is needed (found: $(swift --version 2>&1 | head -n 1))."
fi
missing=""
for package in pkg-config libzim-dev libzstd-dev libmicrohttpd-dev libdeflate-dev zlib1g-dev libsqlite3-dev libsodium-dev \
    libqrencode-dev libcairo2-dev libpango1.0-dev dpkg-dev debhelper git; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing="$missing $package"
done
[ "$lint" = no ] || command -v lintian >/dev/null 2>&1 || missing="$missing lintian"
[ -z "$missing" ] || refuse "missing Debian packages:$missing
  Install them with: sudo apt-get install$missing"

# 2. The version. With a tag vX.Y (git describe): X.Y+gitN.gHASH, N commits after the tag; without
# one, 0.1.0+gitN.gHASH with N the commits on the branch. N grows with every commit, so each
# package upgrades the one before. The commit (12 digits, -dirty with uncommitted changes) is
# compiled in beside the version: `wikikiosk --version` says both.
commit=$(git rev-parse --short=12 HEAD)
[ -z "$(git status --porcelain --untracked-files=no)" ] || commit="$commit-dirty"
if [ -z "$version" ]; then
    if described=$(git describe --tags --long --match 'v[0-9]*' 2>/dev/null); then
        version=$(printf '%s' "$described" | sed -E 's/^v//; s/-([0-9]+)-g([0-9a-f]+)$/+git\1.g\2/')
    else
        version="0.1.0+git$(git rev-list --count HEAD).g$(git rev-parse --short=7 HEAD)"
    fi
fi
printf '%s' "$version" | grep -Eq '^[0-9][A-Za-z0-9.+~]*$' || refuse "not a Debian version: $version"
arch=$(dpkg --print-architecture)

# 3. The release build: the Swift runtime linked in; no $ORIGIN run path (the binary is in /usr/bin);
# symbols bound at start (-z now: with Debian's default relro, the whole GOT is read-only).
say "Building wikikiosk $version ($commit) for $arch"
started=$(date +%s)
WIKIKIOSK_VERSION="$version" WIKIKIOSK_COMMIT="$commit" swift build -c release --product wikikiosk \
    --static-swift-stdlib --disable-local-rpath -Xlinker -z -Xlinker now --scratch-path "$scratch" >&2
binary="$scratch/release/wikikiosk"
say "Release build: $(( $(date +%s) - started )) s"
reported=$("$binary" --version)
[ "$reported" = "wikikiosk $version (commit $commit)" ] || refuse "the binary says \"$reported\", not $version ($commit)"
if ldd "$binary" | grep -q 'libswift\|libFoundation'; then refuse "the binary still needs the Swift runtime: $(ldd "$binary" | grep swift)"; fi

# 4. The staging folder dh works in: Deploy/debian, a changelog entry, the units, the files.
stage="$out/wikikiosk-$version"
rm -rf "$stage"
mkdir -p "$stage/config/locales" "$stage/Deploy/templates" "$stage/man"
cp -R Deploy/debian "$stage/debian"
cp Deploy/wikikiosk.service "$stage/debian/wikikiosk.service"
cp Deploy/wikikiosk-hotspot.service "$stage/debian/wikikiosk.wikikiosk-hotspot.service"
cp Deploy/wikikiosk-usb.rules "$stage/debian/wikikiosk.wikikiosk-usb.udev"
cp Deploy/wikikiosk-helper.socket "$stage/debian/wikikiosk.wikikiosk-helper.socket"
cp Deploy/wikikiosk-helper@.service "$stage/Deploy/"
cp "$binary" "$stage/wikikiosk"
# The packaged configuration serves the books folder the package creates.
sed -e 's|^# library = /srv/wikikiosk|library = /srv/wikikiosk|' kiosk-config/wikikiosk.conf > "$stage/config/wikikiosk.conf"
cp kiosk-config/sign-template.ini kiosk-config/signs.csv "$stage/config/"
cp kiosk-config/locales/*.ini "$stage/config/locales/"
cp Deploy/templates/*.in "$stage/Deploy/templates/"
cp Deploy/hotspot.sh Deploy/render.sh "$stage/Deploy/"
# The man page, generated from the commands' own help by swift-argument-parser's generate-manual
# (its plugin builds the tool when asked for --help, without building the whole package again).
swift package --scratch-path "$scratch" generate-manual --help >/dev/null
manual_tool=$(find "$scratch" -path '*/debug/generate-manual-tool' -type f | head -n 1)
[ -n "$manual_tool" ] || refuse "swift-argument-parser's generate-manual tool was not built"
"$manual_tool" "$binary" --section 1 --output-directory "$stage/man" --authors "WikiKiosk contributors" >&2
maintainer="${DEBFULLNAME:-$(git config user.name || echo WikiKiosk)} <${DEBEMAIL:-$(git config user.email || echo wikikiosk@users.noreply.github.com)}>"
sed -i "s|@MAINTAINER@|$maintainer|" "$stage/debian/control"
date=$(date -R -u -d "@$(git log -1 --format=%ct)")
cat > "$stage/debian/changelog" <<CHANGELOG
wikikiosk ($version) bookworm; urgency=medium

  * Built by scripts/package-deb.sh from commit $commit.

 -- $maintainer  $date
CHANGELOG

# 5. Debian's tools build the package.
say "Packaging (dh)"
(cd "$stage" && DEB_BUILD_OPTIONS=noautodbgsym debian/rules binary) >&2
deb="$out/wikikiosk_${version}_${arch}.deb"
[ -f "$deb" ] || refuse "dh did not produce $deb"
rm -rf "$stage"

# 6. lintian: errors fail the build; the warnings are printed (README lists those kept, and why).
if [ "$lint" = yes ]; then
    say "lintian"
    lintian --fail-on error --info "$deb" >&2 || refuse "lintian found errors in $deb"
fi
say "$(du -k "$deb" | cut -f1) KiB package, $(dpkg-deb -f "$deb" Installed-Size) KiB installed"
echo "$deb"
