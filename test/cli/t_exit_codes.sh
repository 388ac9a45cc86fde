# Exit codes and messages of the CLI: usage 2, unreadable file 1, output error 4.
d=$1
set -u
$d --help >/dev/null || exit 1
$d --version | grep -q '^dyad ' || exit 1
$d nosuchverb 2>/dev/null; [ $? -eq 2 ] || { echo "unknown verb should exit 2"; exit 1; }
$d sentences --input nope 2>/dev/null </dev/null; [ $? -eq 2 ] || { echo "bad --input should exit 2"; exit 1; }
$d sentences --date 2020-13-45 2>/dev/null </dev/null; [ $? -eq 2 ] || { echo "bad --date should exit 2"; exit 1; }
$d sentences /nonexistent/file 2>/tmp/dyad-t-err; [ $? -eq 1 ] || { echo "missing file should exit 1"; exit 1; }
grep -q '/nonexistent/file' /tmp/dyad-t-err || { echo "message should name the file"; exit 1; }
echo "Troops crossed the border." | $d sentences >/dev/full 2>/dev/null; [ $? -eq 4 ] || { echo "/dev/full should exit 4"; exit 1; }
rm -f /tmp/dyad-t-err
exit 0
