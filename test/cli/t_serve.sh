# The HTTP API with curl against `dyad serve` on a free loopback port:
# events, network, timeline, totals, static files, and the bad requests
# (malformed parameters, unknown routes, wrong methods, path traversal,
# oversized bodies, missing and wrong token).
d=$1
set -u
command -v curl >/dev/null || { echo "FAIL: curl is missing (apt-get install curl)"; exit 1; }
F=$(dirname "$0")/fixtures
root=$(cd "$(dirname "$0")/../.." && pwd)
T=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
$d ingest -q --db "$T/s.db" --events "$F/events_a.jsonl" "$F/events_b.jsonl" "$F/events_c.jsonl" || fail ingest
echo "test-token-0123456789" >"$T/token"
$d serve --db "$T/s.db" --listen 127.0.0.1:0 --token-file "$T/token" --web "$root/web" --max-body 4096 2>"$T/log" &
pid=$!
port=
for i in $(seq 1 100); do
  port=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$T/log")
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "$port" ] || { cat "$T/log"; fail "server did not start"; }
B=http://127.0.0.1:$port
# get PATH EXPECTED-STATUS [curl args]: body in $T/body
get() { p=$1; want=$2; shift 2
  code=$(curl -s -o "$T/body" -w '%{http_code}' "$@" "$B$p") || fail "curl $p"
  [ "$code" = "$want" ] || fail "$p: status $code, want $want: $(head -c 300 "$T/body")"; }
has() { grep -q -- "$1" "$T/body" || fail "body lacks $1: $(head -c 400 "$T/body")"; }

get '/api/events?source=IRN' 200
has '"count":1,'; has '"mentions":2,"sources":\["story-a","story-b"\]'
get '/api/events?source=RUS&limit=2' 200; has '"count":2,'
get '/api/events?target=RUS&since=2018-01-01&until=2018-12-31&status=all' 200; has '"count":3,'
# By default what the text says happened (asserted, reported, alleged), as
# /api/network: not the hypothetical USAGOV 163 RUSGOV, nor the denied
# RUSGOV 072 AFGINSTAL; status= chooses, and mentions follow it.
get '/api/events?target=RUS&since=2018-01-01&until=2018-12-31' 200; has '"count":2,'
grep -q '"USAGOV"' "$T/body" && fail "/api/events lists the hypothetical by default"
get '/api/events?status=hypothetical' 200; has '"count":1,'; has '"code":"163"'
get '/api/events?source=IRN&status=reported' 200; has '"mentions":1,"sources":\["story-b"\]'
get '/api/events?status=bogus' 400; has '"error":'
get '/api/timeline?source=RUSGOV&target=AFGINSTAL&by=month' 200; has '"series":\[{"period":"2017-11","events":1,'
grep -q '"2017-12"' "$T/body" && fail "/api/timeline counts the denied by default"
get '/api/timeline?source=RUSGOV&target=AFGINSTAL&by=month&status=all' 200; has '{"period":"2017-12","events":1,'
get '/api/timeline?source=IRN&by=month&status=reported' 200; has '"period":"2017-12","events":1,"mentions":1,'
get '/api/timeline?status=bogus' 400
get '/api/events?actor_code=AFGINSTAL&class=conflict' 200; has '"count":1,'
get '/api/events?root=07&status=alleged' 200; has '"count":1,'
get '/api/network' 200; has '"source":"IRN","target":"AFGINSTAL","events":1,"mentions":2'
get '/api/network?class=cooperation' 200; grep -q '"tone":"conflict"' "$T/body" && fail "cooperation network has conflict edges"
get '/api/network?format=graphml' 200; has '<graphml'
get '/api/timeline?source=RUS&by=month' 200
has '"series":\[{"period":"2017-11","events":1,'; has '{"period":"2018-03","events":2,'
get '/api/timeline?source=RUSMIL&target=UKR&by=year' 200; has '"period":"2018","events":1,'
get '/api/totals' 200; has '"documents":3,"sentences":10,"events":10,"mentions":11,"actors":8'
get '/' 200; has '<title>dyad'
get '/vendor/cytoscape.min.js' 200
get '/app.js' 200

# Bad requests: 4xx with a JSON error, and the server stays up.
get '/api/events?since=2017-13-01' 400; has '"error":'
get '/api/events?limit=0' 400; has '"error":'
get '/api/events?limit=abc' 400
get '/api/events?quad=9' 400
get '/api/events?class=friendly' 400
get '/api/events?source=R%25' 400
get '/api/events?source=%ZZ' 400
get '/api/timeline?by=decade' 400
get '/api/network?format=svg' 400
get '/api/nothing' 404; has '"error":'
get '/nothing.html' 404
get '/../../etc/passwd' 404 --path-as-is
get '/%2e%2e/%2e%2e/etc/passwd' 404 --path-as-is
get '/vendor/../../CMakeLists.txt' 404 --path-as-is
get '/.git/config' 404
get '/api/events' 405 -X POST -d x
get '/api/code' 405
get '/api/code' 400 -X POST -H 'Content-Type: application/json' -d '{"text": 12'
get '/api/code' 400 -X POST -H 'Content-Type: application/json' -d '[1,2]'
get '/api/code' 400 -X POST --data-binary @/dev/null
head -c 10000 /dev/zero | tr '\0' a >"$T/big"
get '/api/code' 413 -X POST --data-binary @"$T/big"
get '/api/code' 413 -X POST -H 'Transfer-Encoding: chunked' --data-binary @"$T/big"
# The ingest route: no token 401, wrong token 403, never stored.
get '/api/ingest' 401 -X POST -d 'Russia attacked Ukraine.'
get '/api/ingest' 401 -X POST -H 'Authorization: Basic dXNlcjpwYXNz' -d 'x'
get '/api/ingest' 403 -X POST -H 'Authorization: Bearer wrong-token-000000' -d 'Russia attacked Ukraine.'
get '/api/ingest' 401 -X POST -H 'Content-Length: 999999999' -d 'x'
# Garbage on the socket: the server answers 400 or closes, and lives on.
printf 'GARBAGE \001\002\003\r\n\r\n' | curl -s -m 2 "telnet://127.0.0.1:$port" >/dev/null 2>&1
printf 'GET /api/events?%s HTTP/1.1\r\nHost: x\r\n\r\n' "$(head -c 3000 /dev/zero | tr '\0' '&')" | curl -s -m 2 "telnet://127.0.0.1:$port" >/dev/null 2>&1
kill -0 $pid 2>/dev/null || fail "server died"
get '/api/totals' 200; has '"documents":3,'
# A CLI ingest while the server runs (WAL: the readers see it at once).
sed 's/story-c/story-z/g; s/2018-03/2019-04/g' "$F/events_c.jsonl" >"$T/z.jsonl"
$d ingest -q --db "$T/s.db" --events "$T/z.jsonl" || fail "ingest while serving"
get '/api/totals' 200; has '"documents":4,'
get '/api/events?since=2019-04&until=2019-04&status=all' 200; has '"count":5,'

# Coding routes need the model: with it, a document in gives its events out
# (nothing stored) and /api/ingest stores; without it they answer 503.
code=$(curl -s -o "$T/body" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  -d '{"id":"api-doc","date":"2024-05-01","text":"Russian forces attacked Ukraine."}' "$B/api/code")
case $code in
  200) has '"doc_id":"api-doc"'; has '"events":\[' ;;
  503) has 'no model' ;;
  *) fail "/api/code: status $code: $(cat "$T/body")" ;;
esac
code=$(curl -s -o "$T/body" -w '%{http_code}' -X POST -H 'Authorization: Bearer test-token-0123456789' \
  -H 'Content-Type: application/json' -d '{"id":"api-doc","date":"2024-05-01","text":"Russian forces attacked Ukraine."}' "$B/api/ingest")
case $code in
  200) has '"result":"stored"'
       get '/api/totals' 200; has '"documents":5,' ;;
  503) has 'no model' ;;
  *) fail "/api/ingest: status $code: $(cat "$T/body")" ;;
esac
kill $pid; wait $pid; rc=$?; pid=
[ $rc -eq 0 ] || fail "server exit $rc: $(tail -n 30 "$T/log")"
grep -q 'stopping' "$T/log" || fail "clean stop: $(cat "$T/log")"
exit 0
