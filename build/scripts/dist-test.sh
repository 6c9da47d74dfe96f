#!/usr/bin/env bash
# dist-test.sh OUTDIR — builds the release files once (build/scripts/dist.sh, test version) into
# OUTDIR/dist and checks them:
#   - the .deb: its Depends name runtime packages only; `dpkg -i` installs it and `apt-get -f
#     install` has nothing (or only runtime packages) to add; the installed app prints its version,
#     starts headless on loopback and answers /api/health; `dpkg -r` removes every file it
#     installed and leaves the user's data dir;
#   - desktop-file-validate on the installed .desktop entry;
#   - the Windows files with Go's debug/pe (build/pack/pe_test.go): GUI subsystem, icon, version and
#     manifest resources; the installer was built by makensis -WX (warnings are errors);
#   - the headless Windows .exe under Wine answers /api/health on loopback (only with Wine 9+:
#     Debian 12's Wine 8 cannot start any Go 1.22+ program; skipped with that reason);
#   - reproducibility: the Linux desktop binary (cgo), its .tar.gz and .deb built a second time are
#     byte-identical.
# Root only for the dpkg part (skipped with a reason otherwise). Everything started is stopped by PID.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(realpath -m "${1:-test-output}")"
version=0.0.0-test
dist="$out/dist"
cd "$root"
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -n "${WINEPREFIX:-}" && -d "$WINEPREFIX" ]] && wineserver -k 2>/dev/null || true
  if dpkg-query -W -f='${Status}' opencodelabs 2>/dev/null | grep -q "install ok installed" && [[ -f "$work/installed-by-test" ]]; then
    dpkg -r opencodelabs >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "dist-test: FAIL: $*" >&2; exit 1; }
t0=$SECONDS

# 1. Build everything once. Commit and time are pinned for both builds of step 6 (a commit made
# while the test runs must not look like a difference).
export COMMIT="${COMMIT:-$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)}"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"
# The server targets make test-cross and test-go already compiled: cold cross-compiles of the
# other two (the SQLite driver is large) would cost minutes and test nothing new here.
servers="linux/amd64 darwin/arm64 windows/amd64"
SERVER_TARGETS="$servers" build/scripts/dist.sh "$version" "$dist"
cp "$root/build/bin/dist/opencodelabs-linux-amd64" "$work/desktop-first"
echo "dist-test: built in $((SECONDS - t0))s"
deb="$dist/opencodelabs_${version}_amd64.deb"
(cd "$dist" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS does not match the files"
for f in "$deb" "$dist/opencodelabs-$version-linux-amd64.tar.gz" "$dist/opencodelabs-$version-windows-amd64.zip" \
         "$dist/opencodelabs-$version-windows-amd64-setup.exe" \
         "$dist"/opencodelabs-server-$version-{linux-amd64,darwin-arm64,windows-amd64.exe}; do
  [[ -s "$f" ]] || fail "missing ${f#"$dist"/}"
  grep -q " ${f##*/}\$" "$dist/SHA256SUMS" || fail "${f##*/} is not in SHA256SUMS"
done

# waits for "admin URL: http://127.0.0.1:PORT/..." in $1 (a log file) while PID $2 lives; prints the base
base_url() {
  local log=$1 pid=$2 url=""
  for _ in $(seq 600); do
    url=$(grep -o 'admin URL: http://127.0.0.1:[0-9]*' "$log" 2>/dev/null | head -1 | sed 's/admin URL: //') || true
    [[ -n "$url" ]] && { echo "$url"; return 0; }
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}
check_health() { # BASE WANT_VERSION
  local body
  body=$(curl -fsS --max-time 20 "$1/api/health") || fail "no answer from $1/api/health"
  [[ "$body" == *'"status":"ok"'* && "$body" == *"\"version\":\"$2\""* ]] || fail "health: got $body"
}

# 2. The server binary for this machine prints version and commit.
"$dist/opencodelabs-server-$version-linux-amd64" --version | grep -Eq "^Open Codelabs $version \(commit ([0-9a-f]{7,}|unknown)\)\$" ||
  fail "--version: got '$("$dist/opencodelabs-server-$version-linux-amd64" --version)'"

# 3. The .deb.
depends=$(dpkg-deb -f "$deb" Depends)
[[ "$depends" == *libgtk-3-0* && "$depends" == *libwebkit2gtk-4.1-0* ]] || fail "Depends lacks the runtime libraries: $depends"
[[ "$depends" != *-dev* ]] || fail "Depends names a -dev package: $depends"
if [[ $EUID -ne 0 ]]; then
  echo "dist-test: SKIP dpkg install/remove (needs root)"
else
  if dpkg-query -W -f='${Status}' opencodelabs 2>/dev/null | grep -q "install ok installed"; then
    fail "opencodelabs is already installed on this machine; remove it first (dpkg -r opencodelabs)"
  fi
  touch "$work/installed-by-test"
  dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || true   # missing dependencies are apt's job, next
  export DEBIAN_FRONTEND=noninteractive
  apt-get -f install -y -s >"$work/apt-sim.log" 2>&1 || { cat "$work/apt-sim.log"; fail "apt-get -f install cannot resolve the dependencies"; }
  if grep '^Inst ' "$work/apt-sim.log" | grep -q -- '-dev '; then
    grep '^Inst ' "$work/apt-sim.log"; fail "apt-get -f install would pull -dev packages"
  fi
  apt-get -f install -y -qq >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get -f install failed"; }
  dpkg-query -W -f='${Status}' opencodelabs | grep -q "install ok installed" || { cat "$work/dpkg.log"; fail "the .deb did not install"; }
  dpkg -L opencodelabs >"$work/files"
  for f in /usr/bin/opencodelabs /usr/share/applications/opencodelabs.desktop /usr/share/icons/hicolor/512x512/apps/opencodelabs.png; do
    grep -qx "$f" "$work/files" && [[ -e "$f" ]] || fail "the package did not install $f"
  done
  desktop-file-validate /usr/share/applications/opencodelabs.desktop || fail "desktop-file-validate"
  echo "dist-test: desktop-file-validate ok"
  /usr/bin/opencodelabs --version | grep -q "^Open Codelabs $version " || fail "installed --version: $(/usr/bin/opencodelabs --version)"

  data="$work/data"
  /usr/bin/opencodelabs --headless --no-mdns --addr 127.0.0.1:0 --data-dir "$data" >"$work/deb-app.out" 2>"$work/deb-app.log" &
  pids+=($!); app=$!
  base=$(base_url "$work/deb-app.out" "$app") || { cat "$work/deb-app.out" "$work/deb-app.log"; fail "the installed app did not start"; }
  check_health "$base" "$version"
  kill -TERM "$app"; wait "$app" || fail "the installed app did not stop cleanly on SIGTERM"
  echo "dist-test: installed app answered $base/api/health"

  dpkg -r opencodelabs >"$work/dpkg-r.log" 2>&1 || { cat "$work/dpkg-r.log"; fail "dpkg -r"; }
  rm -f "$work/installed-by-test"
  while read -r f; do
    [[ -f "$f" ]] && fail "dpkg -r left $f"
  done <"$work/files"
  [[ -f "$data/opencodelabs.db" ]] || fail "dpkg -r (or the app) removed the user's data dir"
  echo "dist-test: .deb installs, runs headless, removes cleanly and leaves the data dir"
fi

# 4. The Windows files, with debug/pe.
(cd build/pack && OCL_VERSION="$version" OCL_WINDOWS_EXE="$root/build/bin/dist/opencodelabs.exe" \
  OCL_WINDOWS_SERVER_EXE="$dist/opencodelabs-server-$version-windows-amd64.exe" \
  OCL_WINDOWS_SETUP="$dist/opencodelabs-$version-windows-amd64-setup.exe" \
  OCL_WINDOWS_ZIP="$dist/opencodelabs-$version-windows-amd64.zip" \
  go test -count=1 -run 'TestWindows' -v . 2>&1 | grep -E '^(=== RUN|--- |ok|FAIL|PASS|\s+pe_test)') ||
  fail "Windows PE checks"

# 5. The headless Windows server under Wine. Go 1.22+ programs need ProcessPrng from
# bcryptprimitives.dll, which Wine has from 9.0 on; Debian 12's wine is 8.0, where every Go
# program stops at start ("bcryptprimitives.dll not found"). So this runs only with Wine 9+.
wine_major=$( (wine --version 2>/dev/null || echo wine-0) | sed -E 's/^wine-([0-9]+).*/\1/')
if (( wine_major >= 9 )); then
  export WINEPREFIX="$work/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
  unset DISPLAY
  wine "$dist/opencodelabs-server-$version-windows-amd64.exe" --headless --no-mdns --addr 127.0.0.1:0 \
    --data-dir 'Z:'"${work//\//\\}"'\wdata' >"$work/wine.out" 2>"$work/wine.log" &
  pids+=($!); wpid=$!
  base=$(base_url "$work/wine.out" "$wpid") || { cat "$work/wine.out"; tail -20 "$work/wine.log"; fail "the Windows server did not start under Wine"; }
  check_health "$base" "$version"
  echo "dist-test: Windows server under Wine answered $base/api/health"
  wineserver -k 2>/dev/null || true
  wait "$wpid" 2>/dev/null || true
else
  echo "dist-test: SKIP Wine run: needs Wine 9+ for Go 1.22+ programs (found: $(wine --version 2>/dev/null || echo none); Debian 12 has 8.0)"
fi

# 6. Reproducible: build the Linux desktop binary, .tar.gz and .deb again and compare.
ONLY=linux build/scripts/dist.sh "$version" "$work/again" >/dev/null
cp "$work/desktop-first" "$dist/.desktop-binary"; cp "$root/build/bin/dist/opencodelabs-linux-amd64" "$work/again/.desktop-binary"
files=(.desktop-binary "opencodelabs_${version}_amd64.deb" "opencodelabs-$version-linux-amd64.tar.gz")
first=$(cd "$dist" && sha256sum "${files[@]}"); rm -f "$dist/.desktop-binary"
second=$(cd "$work/again" && sha256sum "${files[@]}")
[[ "$first" == "$second" ]] || { diff <(echo "$first") <(echo "$second"); fail "a second build differs"; }
echo "dist-test: second build identical: $(echo "$first" | awk '{print substr($1,1,12), $2}' | tr '\n' ' ')"
echo "dist-test: all checks passed in $((SECONDS - t0))s"
