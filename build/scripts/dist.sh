#!/usr/bin/env bash
# dist.sh VERSION [OUTDIR] — the release files (docs/packaging.md lists them):
#   Linux:   opencodelabs_V_amd64.deb, opencodelabs-V-linux-amd64.tar.gz (the desktop build)
#   Windows: opencodelabs-V-windows-amd64.zip, opencodelabs-V-windows-amd64-setup.exe (NSIS)
#   server:  opencodelabs-server-V-{linux-amd64,linux-arm64,darwin-amd64,darwin-arm64,windows-amd64.exe}
#   SHA256SUMS over all of them.
# Each binary is built once; the Go builds are reproducible (-trimpath, empty build id, no VCS
# stamp) and every archive time is SOURCE_DATE_EPOCH (default: the last commit's time).
# ONLY=linux|windows|server limits the run to one group (the release workflow builds per system).
# Expects frontend/dist to be built (make dist does it).
set -euo pipefail
version="${1:?usage: dist.sh VERSION [OUTDIR]}"
# Absolute paths; on Windows (Git Bash, the release workflow) in the C:/x form Go and makensis take.
abs() { local p; p="$(realpath -m "$1")"; if command -v cygpath >/dev/null 2>&1; then cygpath -m "$p"; else echo "$p"; fi; }
root="$(abs "$(dirname "$0")/../..")"
out="$(abs "${2:-$root/dist}")"
only="${ONLY:-all}"
cd "$root"

[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]] || { echo "dist: VERSION must look like 1.2.3 (got '$version')" >&2; exit 2; }
numeric="${version%%[-+]*}"
commit="${COMMIT:-$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)}"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"
[[ -s frontend/dist/index.html ]] || { echo "dist: frontend/dist is not built (run make dist)" >&2; exit 1; }

work="$root/build/bin/dist"   # intermediate binaries, kept for the tests
mkdir -p "$out" "$work"
[[ $only == all ]] && rm -f "$out"/opencodelabs* "$out/SHA256SUMS"

pkg=github.com/opencodelabs/desktop/backend/server
ldflags="-s -w -buildid= -X $pkg.Version=$version -X $pkg.Commit=$commit"
gobuild() { # GOOS GOARCH CGO TAGS EXTRA_LDFLAGS OUTPUT
  echo "dist: go build $1/$2 ${4:+tags=$4} -> ${6#"$root"/}"
  GOOS=$1 GOARCH=$2 CGO_ENABLED=$3 go build -trimpath -buildvcs=false ${4:+-tags "$4"} \
    -ldflags "$ldflags $5" -o "$6" .
}
pack() { (cd build/pack && go run . "$@"); }   # runs from build/pack: give it absolute paths

name="opencodelabs-$version"

if [[ $only == all || $only == linux ]]; then
  bin="$work/opencodelabs-linux-amd64"
  gobuild linux amd64 1 desktop,production,webkit2_41 "" "$bin"
  pack tgz -out "$out/$name-linux-amd64.tar.gz" \
    "$name/opencodelabs=$bin" "$name/opencodelabs.desktop=$(abs build/linux/opencodelabs.desktop)" \
    "$name/opencodelabs.png=$(abs build/appicon.png)" "$name/README.md=$(abs README.md)"
  pack deb -version "$version" -arch amd64 -bin "$bin" -icon "$(abs build/appicon.png)" \
    -desktop "$(abs build/linux/opencodelabs.desktop)" -out "$out/opencodelabs_${version}_amd64.deb"
fi

if [[ $only == all || $only == windows ]]; then
  # The resources go in a .syso next to main.go only for this build (the _windows_amd64 suffix
  # keeps it out of every other platform's build), and away again afterwards.
  syso="$root/rsrc_windows_amd64.syso"
  trap 'rm -f "$syso"' EXIT
  pack winres -version "$version" -commit "$commit" -icon "$(abs build/appicon.png)" -arch amd64 \
    -syso "$syso" -ico "$work/opencodelabs.ico"
  exe="$work/opencodelabs.exe"
  gobuild windows amd64 0 desktop,production "-H windowsgui" "$exe"
  rm -f "$syso"
  pack zip -out "$out/$name-windows-amd64.zip" \
    "Open Codelabs/opencodelabs.exe=$exe" "Open Codelabs/README.md=$(abs README.md)"
  command -v makensis >/dev/null || { echo "dist: makensis missing (build/scripts/deps.sh dist)" >&2; exit 1; }
  nsis_args=(-WX -V2 "-DARG_WAILS_AMD64_BINARY=$exe" "-DINFO_PRODUCTVERSION=$numeric"
    "-DOUTFILE=$out/$name-windows-amd64-setup.exe" "-DICON_FILE=$work/opencodelabs.ico")
  [[ -n "${WEBVIEW2_BOOTSTRAPPER:-}" ]] && nsis_args+=("-DWEBVIEW2_BOOTSTRAPPER=$(abs "$WEBVIEW2_BOOTSTRAPPER")")
  (cd build/windows/installer && makensis "${nsis_args[@]}" project.nsi)
fi

if [[ $only == all || $only == server ]]; then
  # SERVER_TARGETS narrows the list (make test builds the ones it can reuse from the build cache).
  for target in ${SERVER_TARGETS:-linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64}; do
    os=${target%/*} arch=${target#*/} ext=""
    [[ $os == windows ]] && ext=.exe
    gobuild "$os" "$arch" 0 "" "" "$out/opencodelabs-server-$version-$os-$arch$ext"
  done
fi

(cd "$out" && sha256sum -- opencodelabs* > SHA256SUMS)
echo "dist: wrote $out:"
(cd "$out" && ls -l --time-style=+ opencodelabs* SHA256SUMS | awk '{print "  " $5 "\t" $NF}')
