# Sourced by the t_*.sh tests that hold a gold set's figures above floors
# (not a test itself: run.sh runs t_*.sh only).
# eval_floor BIN NAME GOLD "LEVEL MEASURE FLOOR"...
#   runs `BIN eval code --gold GOLD` and fails, printing the whole report,
#   when a figure is missing or below its floor.  LEVEL is "root" or "code",
#   MEASURE "precision", "recall" or "F1", as in the report's lines
#   ("root   precision 0.258  recall 0.148  F1 0.188  (...)").
eval_floor() {
  ef_bin=$1; ef_name=$2; ef_gold=$3; shift 3
  ef_out=$("$ef_bin" eval code --gold "$ef_gold") || { echo "$ef_out"; return 1; }
  ef_msg=""; ef_ok=1
  for ef_spec in "$@"; do
    set -- $ef_spec
    ef_v=$(echo "$ef_out" | awk -v w="$1" -v f="$2" '$1 == w { for (i = 2; i < NF; i++) if ($i == f) print $(i + 1) }')
    ef_msg="$ef_msg $1 $2 $ef_v (floor $3);"
    [ "$(awk -v v="$ef_v" -v fl="$3" 'BEGIN { print (v != "" && v + 0 >= fl + 0) ? 1 : 0 }')" = 1 ] || ef_ok=0
  done
  echo "$ef_name:$ef_msg"
  [ $ef_ok = 1 ] || { echo "$ef_name below a floor"; echo "$ef_out"; return 1; }
}
