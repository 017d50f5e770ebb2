#!/bin/sh
# Builds the libFuzzer targets with AddressSanitizer and runs each for a bounded time.
#
#   Tests/Fuzz/run.sh [seconds-per-target] [target...]     (default: 60 seconds, every target)
#
# FGQL_FUZZ_WORK (default .build-fuzz) holds corpora, logs and crash inputs; FGQL_FUZZ_SCRATCH (default
# $FGQL_FUZZ_WORK/scratch) the sanitized build.
#
# Corpora start from the repository's fixtures (saved queries, schemas, golden inputs, variables and recorded
# responses) and grow under .build-fuzz/corpus, so later runs continue where earlier ones stopped. A crash, hang
# (> 10 s per input) or sanitizer report stops the target, leaves the input in .build-fuzz/artifacts and makes the
# script exit non-zero. Each target's last line of libFuzzer output reports the executions reached.
set -eu

seconds="${1:-60}"
[ $# -gt 0 ] && shift
targets="${*:-CodegenFuzz ResponseFuzz}"

fuzz_dir="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$fuzz_dir/../.." && pwd)"
work="${FGQL_FUZZ_WORK:-$repo/.build-fuzz}"
scratch="${FGQL_FUZZ_SCRATCH:-$work/scratch}"
mkdir -p "$work/artifacts"

# LeakSanitizer flags the buffers of FoundationEssentials' Data(contentsOf:) (the toolchain's, and not a leak without
# ASan: 200,000 reads grow RSS by under 2 MB) at every sanitized exit, the codegen plugin's tool included, which
# would fail the build and every run. Memory growth that matters still trips -rss_limit_mb.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"

# gold, the default linker on Linux, fails on these sanitized binaries; lld links them.
linker=""
[ "$(uname)" = Linux ] && linker="-Xswiftc -use-ld=lld"

for target in $targets; do
    # shellcheck disable=SC2086
    swift build -c release --package-path "$fuzz_dir" --scratch-path "$scratch" --product "$target" \
        -Xswiftc -sanitize=fuzzer,address $linker 2>&1 \
        | grep -v "Cannot export local symbol" || true
    [ -x "$scratch/release/$target" ] || { echo "run.sh: building $target failed" >&2; exit 1; }
done

# Codegen inputs are `schema NUL document`: every schema paired with every document of its folder.
seed_codegen() {
    corpus="$1"
    mkdir -p "$corpus"
    for schema in "$repo"/queries/schema.graphqls "$repo"/Tests/GeneratedCodeTests/GraphQL/schema.graphqls \
        "$repo"/Tests/PluginFixture/Sources/BatchReport/*.graphqls; do
        [ -f "$schema" ] || continue
        for document in "$(dirname "$schema")"/*.graphql; do
            name="$(basename "$(dirname "$schema")")-$(basename "$document" .graphql)"
            { cat "$schema"; printf '\000'; cat "$document"; } > "$corpus/$name"
        done
    done
}

seed_responses() {
    corpus="$1"
    mkdir -p "$corpus"
    cp "$fuzz_dir"/Seeds/responses/*.json "$corpus"/ 2>/dev/null || true
    for variables in "$repo"/queries/*.variables.json; do cp "$variables" "$corpus"/; done
}

status=0
for target in $targets; do
    corpus="$work/corpus/$target"
    case "$target" in
        CodegenFuzz) seed_codegen "$corpus"; max_len=65536 ;;
        ResponseFuzz) seed_responses "$corpus"; max_len=65536 ;;
        *) echo "run.sh: unknown target $target" >&2; exit 2 ;;
    esac
    echo "== $target for ${seconds}s (corpus: $corpus)"
    "$scratch/release/$target" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -detect_leaks=0 \
        -max_len="$max_len" -artifact_prefix="$work/artifacts/$target-" -print_final_stats=1 \
        > "$work/$target.log" 2>&1 || status=1
    grep -E "^Done|stat::number_of_executed_units|SUMMARY|ERROR" "$work/$target.log" || tail -5 "$work/$target.log"
done
exit $status
