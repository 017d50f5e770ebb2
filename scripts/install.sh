#!/usr/bin/env bash
# Builds a release `fgql` and installs it onto the PATH, for cron jobs, CI and shells outside this clone.
#
#   scripts/install.sh                         # into ~/.local/bin
#   scripts/install.sh --prefix /opt/tools     # into /opt/tools/bin (a folder you can write)
#
# Run it again after `git pull` to update: the new binary replaces the old one in one rename, so a cron job never
# starts a half-copied file. A file at the destination that is not an fgql is left alone unless --force.
# On Linux the Swift runtime is linked statically (--static-swift-stdlib), so the binary also runs on machines
# without a Swift toolchain; that link needs libcurl's development files (Debian: libcurl4-openssl-dev).
set -euo pipefail

usage() {
    cat <<'USAGE'
usage: scripts/install.sh [--prefix DIR] [--force]
  --prefix DIR   install DIR/bin/fgql (default: ~/.local); DIR/bin must be writable by you
  --force        replace a file at DIR/bin/fgql even if it is not an fgql
USAGE
}

prefix=""
force=0
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) [ $# -ge 2 ] || { echo "error: --prefix needs a folder, e.g. --prefix /opt/tools" >&2; exit 2; }
                  prefix="$2"; shift 2 ;;
        --prefix=*) prefix="${1#--prefix=}"; shift ;;
        --force) force=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "error: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
prefix="${prefix:-${HOME:?HOME is not set: pass --prefix DIR}/.local}"
# Relative to where the script was called from, not to the clone it changes into below.
case "$prefix" in /*) ;; *) prefix="$PWD/$prefix" ;; esac

if [ -n "${SUDO_USER:-}" ] && [ "$(id -u)" = 0 ]; then
    # A build as root leaves a root-owned .build behind that breaks the user's later builds.
    echo "error: run this as yourself, not with sudo; to put fgql in a system folder, copy it after:" >&2
    echo "       scripts/install.sh && sudo install -m 0755 ~/.local/bin/fgql /usr/local/bin/fgql" >&2
    exit 2
fi

# Find out now, not after a build of many minutes, that the destination cannot be written.
mkdir -p "$prefix/bin" 2>/dev/null || true
if [ ! -d "$prefix/bin" ] || [ ! -w "$prefix/bin" ]; then
    echo "error: cannot write to $prefix/bin; pass --prefix with a folder you can write (default ~/.local)" >&2
    exit 1
fi

destination="$prefix/bin/fgql"
is_fgql() {
    local help limit=()
    # macOS has no timeout(1) unless coreutils is installed; the check then runs without a limit.
    command -v timeout >/dev/null && limit=(timeout 10)
    help="$(${limit[@]+"${limit[@]}"} "$1" --help </dev/null 2>/dev/null || true)"
    case "$help" in *"USAGE: fgql "*) return 0 ;; *) return 1 ;; esac
}
if [ -e "$destination" ] && [ "$force" = 0 ] && ! is_fgql "$destination"; then
    echo "error: $destination exists and is not an fgql; move it away or pass --force to replace it" >&2
    exit 1
fi

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

staged="$(mktemp "$prefix/bin/.fgql.XXXXXX")"
trap 'rm -f "$staged"' EXIT
cp "$binary" "$staged"
# Symbols are for debugging this build only; stripped, the binary is half the size.
if command -v strip >/dev/null; then strip "$staged" 2>/dev/null || true; fi
chmod 0755 "$staged"
mv -f "$staged" "$destination"
trap - EXIT

echo "installed fgql $("$destination" --version) at $destination" >&2
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "note: $prefix/bin is not on your PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" >&2 ;;
esac
