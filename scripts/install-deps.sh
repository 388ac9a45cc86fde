#!/bin/sh
# Install the Debian 12 packages dyad's build and tests need.  Safe to rerun;
# does nothing when everything is present.  Needs root (or sudo) for apt-get.
set -e
PKGS="build-essential cmake pkg-config clang-14 libclang-rt-14-dev \
libjansson-dev zlib1g-dev libxml2-dev libutf8proc-dev libpcre2-dev libsqlite3-dev libmicrohttpd-dev \
wordnet-base \
curl chromium wrk"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# Node.js and npm (the browser test's playwright-core): any install will do;
# Debian's npm conflicts with a nodejs that ships its own npm.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "installing:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
