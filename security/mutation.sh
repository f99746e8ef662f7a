#!/usr/bin/env bash
# Mutation testing with Stryker.NET: mutates one feature folder of src/Manset.Web at a time and runs only that
# feature's tests (tests/Manset.Tests/<Feature>/, plus the folders named below that exercise it) against each mutant.
#
#   security/mutation.sh [FOLDER...]     (default: Engagement Search Publishing Wires)
#
# Needs dotnet-stryker beside this script (the tool is not committed):
#   dotnet tool install dotnet-stryker --version 5.1.0 --tool-path security/.tools
# MUTATION_CONCURRENCY (default 1: the machine has two cores) sets the number of parallel test runners.
# A mutant's test run may take 60 s more than its tests took in Stryker's first run (additional-timeout in
# stryker-config.json): with many tests in the filter, Stryker's MTP runner times a long test far too short (11 s for
# SearchBulkTests' 20 s), and every mutant it covers came out a "timeout" whether or not the test failed.
# Reports (JSON and HTML) go to artifacts/mutation/<FOLDER>/; the score of each folder is printed at the end.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
stryker="${STRYKER:-$root/security/.tools/dotnet-stryker}"
if [[ ! -x "$stryker" ]]; then
    stryker="$(command -v dotnet-stryker || true)"
fi
if [[ -z "$stryker" ]]; then
    echo "dotnet-stryker is not installed. Install it beside this script with:" >&2
    echo "  dotnet tool install dotnet-stryker --version 5.1.0 --tool-path $root/security/.tools" >&2
    exit 2
fi
concurrency="${MUTATION_CONCURRENCY:-1}"
# Tests that wait tens of seconds on the real clock skip themselves in a mutation run (tests/Manset.Tests/Support/MutationRun.cs).
export MANSET_MUTATION_RUN=1
out="$root/artifacts/mutation"
folders=("$@")
(( ${#folders[@]} > 0 )) || folders=(Engagement Search Publishing Wires)

# The tests that exercise each folder: its twin test folder, and any other named here.
filter_for() {
    local f="FullyQualifiedName~Manset.Tests.$1."
    case "$1" in
        # Publishing is also what the newsroom's article workflow and the cache headers' purge tests exercise.
        Publishing) f="$f|FullyQualifiedName~Manset.Tests.Newsroom.ArticleWorkflowTests|FullyQualifiedName~Manset.Tests.Infrastructure.CacheHeaderTests" ;;
        Wires|Engagement|Search) ;;
        *) echo "unknown folder: $1 (Publishing, Wires, Engagement or Search)" >&2; return 2 ;;
    esac
    echo "$f"
}

for folder in "${folders[@]}"; do
    filter=$(filter_for "$folder")
    echo "== $folder: mutating src/Manset.Web/$folder/**, tests: $filter"
    rm -rf "${out:?}/$folder"
    start=$(date +%s)
    (cd "$root/tests/Manset.Tests" && "$stryker" \
        --config-file "$root/security/stryker-config.json" \
        --mutate "**/Manset.Web/$folder/**/*.cs" \
        --test-case-filter "$filter" \
        --concurrency "$concurrency" \
        --output "$out/$folder" \
        --skip-version-check)
    echo "$(( $(date +%s) - start ))" > "$out/$folder/seconds"
done

echo
echo "== Mutation score: (killed + timeout) / (killed + timeout + survived + no coverage); compile errors do not count"
printf '%-12s %7s %7s %8s %10s %8s %7s %8s\n' folder killed timeout survived nocoverage compile score seconds
for folder in "${folders[@]}"; do
    report="$out/$folder/reports/mutation-report.json"
    [[ -f "$report" ]] || { echo "$folder: no report at $report"; continue; }
    python3 - "$report" "$folder" "$(cat "$out/$folder/seconds" 2>/dev/null || echo '?')" <<'PY'
import json, sys
report, folder, seconds = sys.argv[1:4]
counts = {}
for path, f in json.load(open(report))["files"].items():
    # Only the folder's own files: the report also lists the rest of the project, its mutants ignored by the filter.
    if f"/Manset.Web/{folder}/" not in "/" + path.replace("\\", "/") and not path.replace("\\", "/").startswith(f"{folder}/"):
        continue
    for m in f["mutants"]:
        counts[m["status"]] = counts.get(m["status"], 0) + 1
k, t, s, n, c = (counts.get(x, 0) for x in ("Killed", "Timeout", "Survived", "NoCoverage", "CompileError"))
valid = k + t + s + n
score = 100.0 * (k + t) / valid if valid else 0.0
print(f"{folder:<12} {k:7} {t:7} {s:8} {n:10} {c:8} {score:6.1f}% {seconds:>8}")
PY
done
