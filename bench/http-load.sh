#!/bin/sh
# bench/http-load.sh [SECONDS] — load `dyad serve` with wrk on loopback.
# Builds a store of 5000 synthetic documents (15000 reports, 10001 events;
# test/cli/gen_events.sh), starts the server on a free port with its
# defaults (4 threads), and runs wrk (2 threads, 32 connections) for
# SECONDS (default 10) on each route.  Prints requests/s, latency and
# errors (socket errors + non-2xx answers) per route.
cd "$(dirname "$0")/.." || exit 2
secs=${1:-10}
b=${BUILD:-build}
command -v wrk >/dev/null || { echo "http-load: wrk is missing (apt-get install wrk)" >&2; exit 0; }
T=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$T"' EXIT
sh test/cli/gen_events.sh 5000 >"$T/ev.jsonl"
"$b/dyad" ingest -q --db "$T/s.db" --events --batch 1000 "$T/ev.jsonl" || exit 1
"$b/dyad" serve --db "$T/s.db" --listen 127.0.0.1:0 2>"$T/log" &
pid=$!
port=
for i in $(seq 1 100); do
  port=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/log")
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { cat "$T/log"; exit 1; }
echo "http-load: $(nproc) CPUs, $secs s per route, wrk -t2 -c32, dyad serve --threads 4, commit $(git rev-parse --short HEAD 2>/dev/null)"
printf '%-58s %10s %10s %8s\n' route req/s latency errors
for route in \
  '/api/events?source=X00042&limit=50' \
  '/api/events?source=RUS&since=2015-01-01&until=2015-12-31&limit=100' \
  '/api/timeline?source=IRN&target=AFGINSTAL&by=month' \
  '/api/network?since=2019-06-01&until=2019-06-30' \
  '/api/totals' \
  '/' ; do
  out=$(wrk -t2 -c32 -d"${secs}s" "http://127.0.0.1:$port$route" 2>&1)
  rps=$(echo "$out" | sed -n 's/^Requests\/sec: *//p')
  lat=$(echo "$out" | awk '$1 == "Latency" {print $2}')
  sock=$(echo "$out" | sed -n 's/.*Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' |
         awk '{print $1 + $2 + $3 + $4}')
  non2xx=$(echo "$out" | sed -n 's/.*Non-2xx or 3xx responses: *//p')
  printf '%-58s %10s %10s %8s\n' "$route" "$rps" "$lat" "$(( ${sock:-0} + ${non2xx:-0} ))"
done
kill $pid 2>/dev/null; wait $pid 2>/dev/null; pid=
