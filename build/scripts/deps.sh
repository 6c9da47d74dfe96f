#!/usr/bin/env bash
# deps.sh PROFILE — installs the system packages a make target needs, only
# those that are missing. PROFILE: run (desktop build + window), test (also
# headless browser, Xvfb, screenshots, network namespaces).
# On Debian/Ubuntu it uses apt-get (as root, or through sudo); elsewhere it
# prints the command to run and fails.
set -euo pipefail
profile="${1:-run}"

pkgs=(libgtk-3-dev libwebkit2gtk-4.1-dev pkg-config gcc)
if [[ "$profile" == test ]]; then
  pkgs+=(xvfb xauth imagemagick chromium iproute2 poppler-utils fonts-wqy-microhei) # poppler-utils: certificate PDF checks; a CJK font so screenshots show Chinese, Japanese and Korean
fi
if [[ "$profile" == test || "$profile" == dist ]]; then
  pkgs+=(nsis desktop-file-utils)
fi

need_cmd() { command -v "$1" >/dev/null 2>&1 || { echo "deps: '$1' is required: $2" >&2; exit 1; }; }

case "$(uname -s)" in
  Darwin)
    need_cmd go "install Go 1.22+ from your package manager (brew install go)"
    need_cmd npm "install Node.js 20+ (brew install node@20)"
    echo "deps: macOS needs the Xcode command line tools for the desktop build: xcode-select --install"
    exit 0 ;;
  MINGW*|MSYS*|CYGWIN*)
    echo "deps: on Windows install Go, Node.js 20 and the WebView2 runtime (preinstalled on Windows 11)."
    exit 0 ;;
esac

need_cmd go "install Go 1.22+ (https://go.dev/doc/install or your distribution's golang package)"

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "deps: not a Debian/Ubuntu system. Install the equivalents of: ${pkgs[*]} nodejs npm" >&2
  echo "deps: e.g. Fedora: sudo dnf install gtk3-devel webkit2gtk4.1-devel nodejs npm xorg-x11-server-Xvfb chromium ImageMagick" >&2
  exit 1
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  if [[ $EUID -eq 0 ]]; then SUDO=(); elif command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
    echo "deps: run as root: apt-get update && apt-get install -y ${missing[*]}" >&2; exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if (( node_major < 20 )); then
  echo "deps: Node.js 20 or newer is needed (found $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi
