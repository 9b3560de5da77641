#!/bin/sh
# Installs the Debian packages alam needs to build and test, when missing:
# with apt-get as root, with sudo otherwise; else prints the command.
# Arguments name extra packages (make bench adds `time`).
pkgs="build-essential pkg-config libicu-dev libpcre2-dev libcjson-dev $*"
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
cmd="apt-get install -y --no-install-recommends$missing"
echo "alam: installing$missing" >&2
if [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive $cmd; } && exit 0
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    { sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive $cmd; } && exit 0
fi
echo "alam: error: cannot install packages; run as root: apt-get update && $cmd" >&2
exit 1
