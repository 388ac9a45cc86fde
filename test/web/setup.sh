#!/bin/sh
# Install the browser test's npm packages (playwright-core, pinned by
# package-lock.json) into test/web/node_modules unless they are there.
cd "$(dirname "$0")" || exit 2
[ -f node_modules/playwright-core/package.json ] && exit 0
npm ci --no-audit --no-fund --loglevel=error >/dev/null
