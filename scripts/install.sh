#!/usr/bin/env bash
# Builds a release `fgql` and installs it onto the PATH, for cron jobs, CI and shells outside this clone.
#
#   scripts/install.sh                    # into ~/.local/bin (no sudo needed)
#   sudo scripts/install.sh --prefix /usr/local
#
# Run it again after `git pull` to update: the new binary replaces the old one in one rename, so a cron job never
# starts a half-copied file. A file at the destination that is not an fgql is left alone unless --force.
# On Linux the Swift runtime is linked statically (--static-swift-stdlib), so the binary also runs on machines
# without a Swift toolchain; that link needs libcurl's development files (Debian: libcurl4-openssl-dev).
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: scripts/install.sh [--prefix DIR] [--force]
  --prefix DIR   install DIR/bin/fgql (default: ~/.local)
  --force        replace a file at DIR/bin/fgql even if it is not an fgql
USAGE
}

prefix="${HOME:?HOME is not set: pass --prefix DIR}/.local"
force=0
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "error: --prefix needs a folder, e.g. --prefix /usr/local" >&2; exit 2; }
                  prefix="$2"; shift 2 ;;
        --prefix=*) prefix="${1#--prefix=}"; shift ;;
        --force) force=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "error: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/.."
command -v swift >/dev/null || { echo "error: swift is not on the PATH: install Swift 6 from https://swift.org/install" >&2; exit 1; }

build=(swift build -c release --product fgql)
if [ "$(uname -s)" = Linux ]; then
    # FoundationNetworking's static archive links against libcurl; without its -dev package the link fails late
    # with an obscure message, so say it first.
    libcurl=""
    for candidate in /usr/lib/*/libcurl.so /usr/lib/libcurl.so /usr/lib64/libcurl.so; do
        [ -e "$candidate" ] && libcurl="$candidate"
    done
    if [ -z "$libcurl" ]; then
        echo "error: linking fgql statically needs libcurl's development files:" >&2
        echo "       sudo apt-get install libcurl4-openssl-dev   (Debian, Ubuntu)" >&2
        echo "       sudo dnf install libcurl-devel              (Fedora, RHEL)" >&2
        exit 1
    fi
    build+=(--static-swift-stdlib)
fi

echo "building: ${build[*]}" >&2
"${build[@]}" >&2
binary="$("${build[@]}" --show-bin-path)/fgql"

destination="$prefix/bin/fgql"
mkdir -p "$prefix/bin"
if [ -e "$destination" ] && [ "$force" = 0 ] && ! "$destination" --help 2>/dev/null | grep -q '^USAGE: fgql '; then
    echo "error: $destination exists and is not an fgql; move it away or pass --force to replace it" >&2
    exit 1
fi

staged="$(mktemp "$prefix/bin/.fgql.XXXXXX")"
trap 'rm -f "$staged"' EXIT
cp "$binary" "$staged"
# Symbols are for debugging this build only; stripped, the binary is a fraction of the size.
if command -v strip >/dev/null; then strip "$staged" 2>/dev/null || true; fi
chmod 0755 "$staged"
mv -f "$staged" "$destination"
trap - EXIT

echo "installed fgql $("$destination" --version) at $destination" >&2
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "note: $prefix/bin is not on your PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" >&2 ;;
esac
