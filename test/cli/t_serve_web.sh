# The page in headless Chromium (test/web/run.sh); skipped only without Chromium.
sh "$(dirname "$0")/../web/run.sh" "$1"
