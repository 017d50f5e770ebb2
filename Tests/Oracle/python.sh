#!/usr/bin/env bash
# Prints the path of a Python that has graphql-core (the Python port of graphql-js, the reference implementation)
# installed, creating the virtual environment on first use. Later runs only check it and return at once.
set -euo pipefail

readonly version="3.2.8"
package_root="$(cd "$(dirname "$0")/../.." && pwd)"
readonly venv="$package_root/.build/oracle-venv"
readonly python="$venv/bin/python"
# Written only after a successful install, so an interrupted install is retried rather than half used.
readonly marker="$venv/graphql-core-$version.installed"

if [[ ! -f "$marker" ]]; then
    rm -rf "$venv"
    mkdir -p "$(dirname "$venv")"
    python3 -m venv "$venv" >&2
    if ! "$python" -m pip install --quiet --disable-pip-version-check "graphql-core==$version" >&2; then
        echo "error: could not install graphql-core==$version from PyPI into $venv" >&2
        exit 1
    fi
    touch "$marker"
fi
echo "$python"
