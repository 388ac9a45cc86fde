#!/bin/sh
# Browser test of the page: ingest the fixtures, start `dyad serve` on a
# free loopback port, drive headless Chromium (Debian `chromium`) through
# playwright-core, keep a screenshot in build/web-test/.  Prints "skipped"
# and exits 0 only when no Chromium is installed.
d=$1
dir=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$dir/../.." && pwd)
chrome=${DYAD_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chrome" ]; then echo "skipped: no $chrome (apt-get install chromium)"; exit 0; fi
command -v node >/dev/null || { echo "FAIL: node is missing (apt-get install nodejs npm)"; exit 1; }
sh "$dir/setup.sh" || { echo "FAIL: npm ci in test/web failed"; exit 1; }
T=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$T"' EXIT
F=$root/test/cli/fixtures
$d ingest -q --db "$T/s.db" --events "$F/events_a.jsonl" "$F/events_b.jsonl" "$F/events_c.jsonl" || exit 1
$d serve --db "$T/s.db" --listen 127.0.0.1:0 --web "$root/web" 2>"$T/log" &
pid=$!
port=
for i in $(seq 1 100); do
  port=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/log")
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { echo "FAIL: server did not start"; cat "$T/log"; exit 1; }
mkdir -p "$root/build/web-test"
node "$dir/page.mjs" "http://127.0.0.1:$port/" "$root/build/web-test/page.png" "$chrome"
