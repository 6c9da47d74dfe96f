#!/usr/bin/env bash
# desktop-smoke.sh BINARY OUTDIR — starts the desktop build under Xvfb with a
# temp data dir and mDNS off, waits until the admin UI calls the UIReady
# binding (the app logs "ui ready"), saves a screenshot, then quits it with
# SIGTERM and expects a clean exit. Everything it starts it stops, by PID.
set -euo pipefail
bin="$(realpath "$1")"; out="$(realpath -m "$2")"
mkdir -p "$out"
work="$(mktemp -d)"
xvfb_pid=""; app_pid=""; bus_pid=""
cleanup() {
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true
  [[ -n "$bus_pid" ]] && kill "$bus_pid" 2>/dev/null || true
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# -displayfd makes Xvfb pick a free display and tell us which, once ready.
Xvfb -displayfd 3 -screen 0 1366x900x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [[ -s "$work/display" ]] && break; sleep 0.1; done
[[ -s "$work/display" ]] || { echo "smoke: Xvfb did not start"; cat "$work/xvfb.log"; exit 1; }
export DISPLAY=":$(head -1 "$work/display")"

# No GPU under Xvfb: software rendering keeps WebKit from failing to composite.
export WEBKIT_DISABLE_COMPOSITING_MODE=1 WEBKIT_DISABLE_DMABUF_RENDERER=1 LIBGL_ALWAYS_SOFTWARE=1
export OPENCODELABS_MDNS=off NO_AT_BRIDGE=1

# A private session bus, so Wails' single-instance lock can be exercised.
if command -v dbus-daemon >/dev/null; then
  dbus-daemon --session --nofork --address="unix:path=$work/bus" 2>"$work/bus.log" &
  bus_pid=$!
  for _ in $(seq 50); do [[ -S "$work/bus" ]] && break; sleep 0.1; done
  export DBUS_SESSION_BUS_ADDRESS="unix:path=$work/bus"
fi
"$bin" --addr 127.0.0.1:0 --data-dir "$work/data" >"$work/app.out" 2>"$work/app.log" &
app_pid=$!

# Wait for the event (the log line), bounded, not a fixed sleep.
if ! timeout 90 bash -c "until grep -q 'ui ready' '$work/app.log'; do kill -0 $app_pid 2>/dev/null || exit 1; sleep 0.2; done"; then
  echo "smoke: the window never reported 'ui ready'"; cat "$work/app.out" "$work/app.log"; exit 1
fi
grep -q 'ui ready.*api=ok' "$work/app.log" || { echo "smoke: the window could not reach the API"; grep 'ui ready' "$work/app.log"; exit 1; }
echo "smoke: $(grep -m1 'ui ready' "$work/app.log")"
import -display "$DISPLAY" -window root "$out/desktop-window.png"
cp "$work/app.log" "$out/desktop-app.log"
# A blank or black window has a handful of colours; the rendered UI has text and buttons.
colours=$(identify -format '%k' "$out/desktop-window.png")
(( colours > 50 )) || { echo "smoke: the screenshot looks blank ($colours colours)"; exit 1; }

# A second launch on the same data dir starts no second server: it exits
# non-zero naming the running one and, over the session bus, tells the first
# window to come to the front.
rc2=0; timeout 60 "$bin" --addr 127.0.0.1:0 --data-dir "$work/data" >"$work/second.out" 2>"$work/second.log" || rc2=$?
if (( rc2 == 0 || rc2 == 124 )) || ! grep -q 'already using the data folder' "$work/second.log"; then
  echo "smoke: a second launch on the same data dir gave exit $rc2"; cat "$work/second.out" "$work/second.log"; exit 1
fi
if [[ -n "$bus_pid" ]]; then
  timeout 20 bash -c "until grep -q 'window brought to the front' '$work/app.log'; do sleep 0.2; done" ||
    { echo "smoke: the first window was not told about the second launch"; cat "$work/second.log"; exit 1; }
fi
echo "smoke: a second launch exited ($rc2) naming the running server"

kill -TERM "$app_pid"
rc=0; timeout 20 tail --pid="$app_pid" -f /dev/null || rc=$?
if [[ $rc -ne 0 ]]; then echo "smoke: app did not quit within 20s of SIGTERM"; exit 1; fi
wait "$app_pid" && app_rc=0 || app_rc=$?
app_pid=""
grep -q 'level=INFO msg=stopped' "$work/app.log" || { echo "smoke: no clean stop (exit $app_rc)"; cat "$work/app.log"; exit 1; }
echo "smoke: window loaded the admin UI, screenshot $out/desktop-window.png, clean quit"
