#!/usr/bin/env bash
# The Debian package: built by installer/package.sh, inspected (contents,
# computed dependencies, the desktop entry, AppStream metainfo, man pages),
# then, as root, installed with apt-get, used (stratus --version, an example
# imported and validated, the studio started on it), and removed, leaving
# none of its files behind. Exits 77 (skipped) for the install part when not
# root.
set -euo pipefail
source_dir="$1"
work="$(mktemp -d)"
installed=""
cleanup() {
  if [ -n "$installed" ]; then apt-get remove -y -qq stratus >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

build_log="$(bash "$source_dir/installer/package.sh" 2>&1)" || fail "installer/package.sh failed: $build_log"
deb="$(ls "$source_dir"/build/package/stratus_*_*.deb | head -1)"
[ -f "$deb" ] || fail "no package in build/package"
echo "package: $deb ($(du -h "$deb" | cut -f1))"

# Contents.
dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./|/|' > "$work/contents"
for path in /usr/bin/stratus /usr/bin/stratus-studio \
            /usr/share/applications/dev.stratus.Studio.desktop \
            /usr/share/metainfo/dev.stratus.Studio.metainfo.xml \
            /usr/share/mime/packages/dev.stratus.Studio.xml \
            /usr/share/icons/hicolor/scalable/apps/dev.stratus.Studio.svg \
            /usr/share/icons/hicolor/16x16/apps/dev.stratus.Studio.png \
            /usr/share/icons/hicolor/48x48/apps/dev.stratus.Studio.png \
            /usr/share/icons/hicolor/256x256/apps/dev.stratus.Studio.png \
            /usr/share/man/man1/stratus.1.gz /usr/share/man/man1/stratus-studio.1.gz \
            /usr/share/stratus/examples/http-api.json /usr/share/stratus/docs/studio.md \
            /usr/share/stratus/README.md \
            /usr/share/stratus/translations/stratus_de.qm /usr/share/stratus/translations/stratus_pt_BR.qm; do
  grep -qx "$path" "$work/contents" || fail "the package has no $path"
done
if grep -v '^/usr/' "$work/contents" | grep -qv '^/$'; then fail "files outside /usr: $(grep -v '^/usr/' "$work/contents" | head -3)"; fi

# Dependencies: the interpreters by hand, the libraries computed.
depends="$(dpkg-deb --field "$deb" Depends)"
for dep in nodejs python3 libqt6widgets6 libqt6core6 libsqlite3-0 libqscintilla2-qt6; do
  grep -q "$dep" <<<"$depends" || fail "Depends lacks $dep: $depends"
done

# The desktop entry, metainfo and man pages as their tools read them.
dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/dev.stratus.Studio.desktop" \
  || fail "desktop-file-validate refused the desktop entry"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/dev.stratus.Studio.metainfo.xml" >"$work/appstream" 2>&1 \
  || fail "appstreamcli refused the metainfo: $(cat "$work/appstream")"
zcat "$work/root/usr/share/man/man1/stratus.1.gz" | grep -q '^\.TH STRATUS' || fail "stratus.1 is not a man page"
zcat "$work/root/usr/share/man/man1/stratus.1.gz" | grep -q 'import\\-sam' || fail "stratus.1 does not list the commands"
file "$work/root/usr/bin/stratus" | grep -q stripped || fail "stratus is not stripped"
echo "inspected: contents, Depends, desktop entry, metainfo, man pages"

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: installing the package needs root"
  exit 77
fi
if dpkg-query -W -f='${Status}' stratus 2>/dev/null | grep -q 'install ok installed'; then
  fail "a stratus package is installed already; remove it first (apt-get remove stratus)"
fi

# Install, use, remove.
installed=yes
apt-get install -y -qq "$deb" >"$work/install.log" 2>&1 || fail "apt-get install failed: $(tail -5 "$work/install.log")"
[ "$(/usr/bin/stratus --version)" = "stratus $(dpkg-deb --field "$deb" Version)" ] || fail "stratus --version: $(/usr/bin/stratus --version)"
/usr/bin/stratus import /usr/share/stratus/examples/http-api.json "$work/w.stratus" >/dev/null || fail "import with the installed stratus"
/usr/bin/stratus validate "$work/w.stratus" >/dev/null || fail "validate with the installed stratus"
env -u DISPLAY /usr/bin/stratus-studio --version | grep -q "Stratus Studio" || fail "stratus-studio --version"
# The studio opens the example and keeps running (timeout ends it: 124).
set +e
HOME="$work/home" XDG_CONFIG_HOME="$work/config" QT_QPA_PLATFORM=offscreen timeout 5 /usr/bin/stratus-studio "$work/w.stratus" >"$work/studio.log" 2>&1
status=$?
set -e
[ "$status" -eq 124 ] || fail "the installed studio ended with $status: $(tail -5 "$work/studio.log")"
if [ -x /usr/bin/update-mime-database ]; then
  [ -f /usr/share/mime/application/x-stratus-workspace.xml ] || fail "the MIME type was not registered"
fi

apt-get remove -y -qq stratus >"$work/remove.log" 2>&1 || fail "apt-get remove failed: $(tail -5 "$work/remove.log")"
installed=""
left=""
while read -r path; do
  [ -z "$path" ] || [ "$path" = "/" ] && continue
  if [ -e "$path" ] && [ ! -d "$path" ]; then left="$left $path"; fi
  case "$path" in /usr/share/stratus/|/usr/lib/stratus/) [ -d "$path" ] && left="$left $path" ;; esac
done <"$work/contents"
[ -z "$left" ] || fail "apt-get remove left:$left"
echo "installed, used and removed: nothing left behind"
echo PASS
