#!/bin/sh
# The package, end to end on a clean Debian 12 (opt-in: scripts/test.sh runs it when
# WIKIKIOSK_PACKAGE_TEST=1, as .ci/run does). Needs root (debootstrap, chroot) and Debian's archive.
#   1. builds the package (scripts/package-deb.sh: release build, dh, lintian);
#   2. makes a clean Debian 12 root with debootstrap (minbase; kept as a tarball under
#      .build/package-test/cache, with the downloaded packages, for the next runs);
#   3. installs the package there with `apt-get install ./wikikiosk_….deb`, so every dependency
#      resolves from Debian alone; checks the user, folders and configuration it made;
#   4. runs `wikikiosk --version`, then `wikikiosk serve` on the demo book as the service's user,
#      on 127.0.0.1 only, and gets the landing page and an article;
#   5. changes two conffiles, sets the admin password, serves the books folder from the installed
#      configuration (the statistics database fills), then installs the package again over itself,
#      then the next version (the same build as VERSION.1): configuration, password, sign
#      catalogue and statistics must be byte for byte the same, and the kiosk must serve again
#      with that database;
#   6. a database from a newer WikiKiosk (an unknown migration) is left untouched;
#   7. `wikikiosk hotspot enable` writes the hotspot's files, `disable` removes them;
#   8. purges the package (hotspot on): only the ZIM files may remain.
# Usage: sudo scripts/package-test.sh [DEB]   (DEB: test this package instead of building one)
set -eu
cd "$(dirname "$0")/.."
checkout=$(pwd)
port=${WIKIKIOSK_PACKAGE_TEST_PORT:-28731}
mirror=${WIKIKIOSK_DEBIAN_MIRROR:-http://deb.debian.org/debian}
work="$checkout/.build/package-test"
cache="$work/cache"
root="$work/root"
started=$(date +%s)
say() { printf '==> [%3ds] %s\n' "$(( $(date +%s) - started ))" "$*"; }
fail() { printf 'package-test.sh: FAILED: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap and chroot): sudo $0"
for tool in debootstrap curl sqlite3 dpkg-deb; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing (WIKIKIOSK_PACKAGE_TEST=1 sh scripts/install-deps.sh installs it)"
done

server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    for mount in "$root/var/cache/apt/archives" "$root/proc"; do
        if mountpoint -q "$mount" 2>/dev/null; then umount -l "$mount"; fi
    done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. The package.
if [ $# -gt 0 ]; then
    deb=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
else
    say "Building the package"
    rm -f "$work"/debs/*.deb
    deb=$(sh scripts/package-deb.sh --out "$work/debs" | tail -n 1)
fi
version=$(dpkg-deb -f "$deb" Version)
# The next version of the same build, for a real upgrade (relinks and packages again: ~30 s).
next=""
if [ $# -eq 0 ]; then
    say "Building the next package ($version.1)"
    next=$(sh scripts/package-deb.sh --out "$work/debs" --version "$version.1" --no-lintian | tail -n 1)
fi
say "Package: $deb ($(du -k "$deb" | cut -f1) KiB, $(dpkg-deb -f "$deb" Installed-Size) KiB installed)"

# 2. A clean Debian 12 root.
cleanup
if mountpoint -q "$root/proc" || mountpoint -q "$root/var/cache/apt/archives"; then fail "$root is still mounted"; fi
rm -rf "$root"
mkdir -p "$cache/archives" "$root"
if [ ! -s "$cache/bookworm-minbase.tar" ]; then
    say "debootstrap bookworm (minbase) from $mirror (cached for the next runs)"
    debootstrap --variant=minbase --cache-dir="$cache/archives" bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 \
        || { tail -n 20 "$work/debootstrap.log" >&2; fail "debootstrap"; }
    rm -f "$root"/var/cache/apt/archives/*.deb
    tar -C "$root" -cf "$cache/bookworm-minbase.tar.partial" .
    mv "$cache/bookworm-minbase.tar.partial" "$cache/bookworm-minbase.tar"
else
    say "Unpacking the cached clean Debian 12 root"
    tar -C "$root" -xf "$cache/bookworm-minbase.tar"
fi
mount -t proc proc "$root/proc"
mount --bind "$cache/archives" "$root/var/cache/apt/archives"
# No service may start in the chroot (Debian's convention for chroots: policy-rc.d says no).
printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$root/etc/resolv.conf"
printf 'deb %s bookworm main\ndeb %s bookworm-updates main\ndeb http://deb.debian.org/debian-security bookworm-security main\n' \
    "$mirror" "$mirror" > "$root/etc/apt/sources.list"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }
owner() { in_root stat -c '%U:%G %a' "$1"; }
apt_install() {
    in_root apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 "$@" >"$work/apt.log" 2>&1 \
        || { tail -n 30 "$work/apt.log" >&2; fail "apt-get install $*"; }
}

# 3. Install with apt-get: every dependency from Debian.
say "apt-get install ./$(basename "$deb") in the clean root"
cp "$deb" "$root/tmp/"
in_root apt-get update -q >"$work/apt.log" 2>&1 || { tail -n 20 "$work/apt.log" >&2; fail "apt-get update"; }
apt_install "./tmp/$(basename "$deb")"
# shellcheck disable=SC2016 # ${Status} is dpkg-query's, not the shell's
[ "$(in_root dpkg-query -W -f='${Status} ${Version}' wikikiosk)" = "install ok installed $version" ] || fail "not installed"
in_root getent passwd wikikiosk | grep -q ':/var/lib/wikikiosk:/usr/sbin/nologin$' || fail "no wikikiosk system user"
[ "$(owner /var/lib/wikikiosk)" = "wikikiosk:wikikiosk 750" ] || fail "/var/lib/wikikiosk: $(owner /var/lib/wikikiosk)"
[ "$(owner /srv/wikikiosk)" = "root:wikikiosk 2775" ] || fail "/srv/wikikiosk (the staff area adds books): $(owner /srv/wikikiosk)"
[ "$(owner /etc/wikikiosk)" = "root:wikikiosk 2770" ] || fail "/etc/wikikiosk: $(owner /etc/wikikiosk)"
usb_rule=$(ls "$root"/lib/udev/rules.d/61-wikikiosk-usb.rules "$root"/usr/lib/udev/rules.d/61-wikikiosk-usb.rules 2>/dev/null | head -n 1)
[ -n "$usb_rule" ] && cmp -s "$usb_rule" "$checkout/Deploy/wikikiosk-usb.rules" || fail "no USB stick rule (61-wikikiosk-usb.rules)"
[ -d "$root/media/wikikiosk" ] || fail "no /media/wikikiosk for USB sticks"
for unit in wikikiosk-helper.socket wikikiosk-helper@.service; do
    [ -f "$root/lib/systemd/system/$unit" ] || [ -f "$root/usr/lib/systemd/system/$unit" ] || fail "no $unit (the staff area's system helper)"
done
[ -L "$root/etc/systemd/system/sockets.target.wants/wikikiosk-helper.socket" ] || fail "the system helper's socket is not enabled"
chroot --userspec=wikikiosk:wikikiosk "$root" /bin/sh -c 'touch /srv/wikikiosk/.probe && rm /srv/wikikiosk/.probe' \
    || fail "the service's user can't write /srv/wikikiosk (the staff area's Add and Remove)"
grep -q '^/etc/wikikiosk/wikikiosk.conf$' "$root/var/lib/dpkg/info/wikikiosk.conffiles" || fail "wikikiosk.conf is not a conffile"
[ -L "$root/etc/systemd/system/multi-user.target.wants/wikikiosk.service" ] || fail "the service is not enabled"
[ ! -L "$root/etc/systemd/system/multi-user.target.wants/wikikiosk-hotspot.service" ] || fail "the hotspot is enabled"
[ ! -e "$root/etc/hostapd/wikikiosk.conf" ] || fail "the hotspot is configured"

# 4. --version, then the demo book over 127.0.0.1.
reported=$(in_root wikikiosk --version)
case "$reported" in "wikikiosk $version (commit "*")") ;; *) fail "wikikiosk --version says: $reported" ;; esac
say "$reported"
serve() {  # serve ARGS…: the kiosk as the service's user, on 127.0.0.1:$port only; waits until it answers
    # chroot and env exec: $! is the server itself.
    chroot --userspec=wikikiosk:wikikiosk "$root" /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \
        /usr/bin/wikikiosk serve --address 127.0.0.1 --port "$port" --state-dir /var/lib/wikikiosk \
        --stats-flush-seconds 0.2 "$@" >>"$work/serve.log" 2>&1 &
    server=$!
    tries=0
    until curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; do
        tries=$((tries + 1))
        kill -0 "$server" 2>/dev/null || { tail -n 20 "$work/serve.log" >&2; fail "wikikiosk serve exited"; }
        [ "$tries" -lt 100 ] || fail "wikikiosk serve does not answer on 127.0.0.1:$port"
        sleep 0.2
    done
}
stop() {
    kill -TERM "$server"
    status=0
    wait "$server" || status=$?
    server=""
    [ "$status" -eq 0 ] || fail "wikikiosk serve stopped with status $status"
}
get() {  # get PATH EXPECTED-STATUS TEXT: the answer's status and a text in its body
    body=$(curl -s --max-time 10 -H 'Accept-Language: fr' -w '\n%{http_code}' "http://127.0.0.1:$port$1") || fail "GET $1"
    status=$(printf '%s' "$body" | tail -n 1)
    [ "$status" = "$2" ] || fail "GET $1: status $status, not $2"
    printf '%s' "$body" | grep -qF "$3" || fail "GET $1: no '$3' in: $(printf '%s' "$body" | head -c 400)"
}
: >"$work/serve.log"
# As scripts/demo.sh: no books given, no library folder: the built-in demo book.
serve --config /nonexistent
ss -ltn 2>/dev/null | grep -q "127.0.0.1:$port " || fail "not listening on 127.0.0.1:$port only"
get / 200 'href="/content/wikikiosk-demo'
get /content/wikikiosk-demo/fr/Comment_chercher 200 'Comment chercher un article'
stop
say "Landing page and article served from the clean root"

# 5. An upgrade keeps the configuration, sign catalogue, admin password and statistics.
cp "$root/var/lib/wikikiosk/demo/v1/wikikiosk-demo.zim" "$root/srv/wikikiosk/wikikiosk-demo.zim"
sed -i 's/^name = .*/name = Médiathèque du test/' "$root/etc/wikikiosk/wikikiosk.conf"
grep -q '^name = Médiathèque du test$' "$root/etc/wikikiosk/wikikiosk.conf" || fail "the test could not change wikikiosk.conf"
printf 'TEST,wikikiosk-demo,fr/Accueil,Test sign,fr,kiosk,,,\n' >> "$root/etc/wikikiosk/signs.csv"
printf 'package-test-password\n' | in_root wikikiosk admin set-password --config /etc/wikikiosk >/dev/null
# The installed configuration: the books folder, where the demo book now is.
serve --config /etc/wikikiosk
get / 200 'Médiathèque du test'
get /content/wikikiosk-demo/fr/Wikip%C3%A9dia 200 '<title>'
redirect=$(curl -s -o /dev/null --max-time 10 -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$port/s/TEST")
case "$redirect" in "302 http://127.0.0.1:$port/content/wikikiosk-demo/fr/Accueil"*) ;; *) fail "/s/TEST: $redirect" ;; esac
stop
events=$(sqlite3 "$root/var/lib/wikikiosk/usage.sqlite" 'SELECT count(*) FROM events')
[ "$events" -gt 0 ] || fail "no statistics were recorded"
kept="etc/wikikiosk/wikikiosk.conf etc/wikikiosk/signs.csv etc/wikikiosk/admin-password var/lib/wikikiosk/usage.sqlite srv/wikikiosk/wikikiosk-demo.zim"
# shellcheck disable=SC2086 # the list is split on purpose
before=$(cd "$root" && sha256sum $kept)
say "Installing the package again over itself (an upgrade), with changed conffiles and $events events"
apt_install --reinstall "./tmp/$(basename "$deb")"
# shellcheck disable=SC2086 # the list is split on purpose
after=$(cd "$root" && sha256sum $kept)
[ "$before" = "$after" ] || fail "the upgrade changed: $(printf '%s\n%s\n' "$before" "$after" | sort | uniq -u)"
[ "$(owner /etc/wikikiosk)" = "root:wikikiosk 2770" ] || fail "/etc/wikikiosk after the upgrade: $(owner /etc/wikikiosk)"
[ "$(owner /srv/wikikiosk)" = "root:wikikiosk 2775" ] || fail "/srv/wikikiosk after the upgrade: $(owner /srv/wikikiosk)"
if [ -n "$next" ]; then
    say "Upgrading to the next version, $version.1"
    cp "$next" "$root/tmp/"
    apt_install "./tmp/$(basename "$next")"
    [ "$(in_root wikikiosk --version)" = "$(printf '%s' "$reported" | sed "s/ $version / $version.1 /")" ] \
        || fail "after the upgrade, wikikiosk --version says: $(in_root wikikiosk --version)"
    # shellcheck disable=SC2086 # the list is split on purpose
    upgraded=$(cd "$root" && sha256sum $kept)
    [ "$before" = "$upgraded" ] || fail "the upgrade changed: $(printf '%s\n%s\n' "$before" "$upgraded" | sort | uniq -u)"
fi
serve --config /etc/wikikiosk
get / 200 'Médiathèque du test'
stop
[ "$(sqlite3 "$root/var/lib/wikikiosk/usage.sqlite" 'SELECT count(*) FROM events')" -gt "$events" ] \
    || fail "the upgraded kiosk did not record into the kept database"
say "Configuration, sign catalogue, admin password and statistics kept"

# 6. A database written by a newer WikiKiosk (as after a downgrade) is left untouched.
sqlite3 "$root/var/lib/wikikiosk/usage.sqlite" "INSERT INTO migrations (name) VALUES ('2099-01 from the future')"
newer=$(sha256sum < "$root/var/lib/wikikiosk/usage.sqlite")
serve --config /etc/wikikiosk
get /content/wikikiosk-demo/fr/Comment_chercher 200 'Comment chercher un article'
stop
[ "$(sha256sum < "$root/var/lib/wikikiosk/usage.sqlite")" = "$newer" ] || fail "a newer database was modified"
grep -q 'written by a newer WikiKiosk' "$work/serve.log" || fail "the log does not say the database is newer"
say "A newer statistics database is left untouched"

# 7. The hotspot: off after installing, on with `wikikiosk hotspot enable` (files written from the
# configuration and the packaged templates; no systemd in the chroot, so nothing starts), off again.
in_root wikikiosk hotspot enable >"$work/hotspot.log" 2>&1 || { cat "$work/hotspot.log" >&2; fail "wikikiosk hotspot enable"; }
ssid_hex=$(printf 'Wikipedia sans Internet' | od -An -tx1 | tr -d ' \n')
grep -q "^ssid2=$ssid_hex$" "$root/etc/hostapd/wikikiosk.conf" || fail "hotspot enable wrote no hostapd configuration"
grep -q '^address=/#/10.42.0.1$' "$root/etc/dnsmasq.d/wikikiosk.conf" || fail "hotspot enable wrote no dnsmasq configuration"
in_root wikikiosk hotspot disable >"$work/hotspot.log" 2>&1 || { cat "$work/hotspot.log" >&2; fail "wikikiosk hotspot disable"; }
[ ! -e "$root/etc/hostapd/wikikiosk.conf" ] || fail "hotspot disable left the hostapd configuration"
in_root wikikiosk hotspot enable >"$work/hotspot.log" 2>&1 || { cat "$work/hotspot.log" >&2; fail "wikikiosk hotspot enable"; }
say "wikikiosk hotspot enable and disable work from the package"

# 8. Purge (with the hotspot on): the configuration and statistics go, the ZIM files stay.
in_root apt-get purge -y -q wikikiosk >"$work/apt.log" 2>&1 || { tail -n 20 "$work/apt.log" >&2; fail "apt-get purge"; }
for gone in usr/bin/wikikiosk etc/wikikiosk var/lib/wikikiosk lib/systemd/system/wikikiosk.service \
    etc/systemd/system/multi-user.target.wants/wikikiosk.service etc/hostapd/wikikiosk.conf etc/dnsmasq.d/wikikiosk.conf; do
    if [ -e "$root/$gone" ] || [ -L "$root/$gone" ]; then fail "/$gone is still there after purge"; fi
done
[ "$(ls "$root/srv/wikikiosk")" = "wikikiosk-demo.zim" ] || fail "/srv/wikikiosk after purge: $(ls "$root/srv/wikikiosk")"
[ "$(cd "$root" && sha256sum srv/wikikiosk/wikikiosk-demo.zim)" = "$(printf '%s\n' "$before" | grep wikikiosk-demo.zim)" ] \
    || fail "the ZIM file changed"
in_root dpkg-statoverride --list /etc/wikikiosk >/dev/null && fail "the stat override of /etc/wikikiosk is still there"
in_root dpkg-statoverride --list /srv/wikikiosk >/dev/null && fail "the stat override of /srv/wikikiosk is still there"
say "Purged: only the ZIM files remain. Package test passed."
# The root is made again from the cached tarball next time: free its space now.
cleanup
if ! mountpoint -q "$root/proc" && ! mountpoint -q "$root/var/cache/apt/archives"; then rm -rf "$root"; fi
