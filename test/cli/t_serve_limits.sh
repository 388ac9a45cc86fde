# Connection limit and idle timeout of `dyad serve`: with --max-connections 2
# two idle connections hold the server full (a third request waits), and
# --timeout 2 drops them so requests go through again.
d=$1
set -u
command -v curl >/dev/null || { echo "FAIL: curl is missing"; exit 1; }
F=$(dirname "$0")/fixtures
T=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
$d ingest -q --db "$T/s.db" --events "$F/events_a.jsonl" || fail ingest
$d serve --db "$T/s.db" --listen 127.0.0.1:0 --threads 1 --max-connections 2 --timeout 2 2>"$T/log" &
pid=$!
port=
for i in $(seq 1 100); do
  port=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/log")
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { cat "$T/log"; fail "server did not start"; }
B=http://127.0.0.1:$port
code=$(curl -s -o /dev/null -w '%{http_code}' "$B/api/totals")
[ "$code" = 200 ] || fail "first request: $code"
(sleep 8 | curl -s "telnet://127.0.0.1:$port" >/dev/null 2>&1 &)
(sleep 8 | curl -s "telnet://127.0.0.1:$port" >/dev/null 2>&1 &)
sleep 0.5
code=$(curl -s -m 1 -o /dev/null -w '%{http_code}' "$B/api/totals")
[ "$code" = 000 ] || fail "a third connection should wait, got $code"
sleep 3
code=$(curl -s -m 3 -o /dev/null -w '%{http_code}' "$B/api/totals")
[ "$code" = 200 ] || fail "idle connections should time out, got $code"
kill $pid; wait $pid; rc=$?; pid=
[ $rc -eq 0 ] || fail "server exit $rc"
exit 0
