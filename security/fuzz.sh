#!/usr/bin/env bash
# Fuzzes the code that reads hostile input (wire adapters, the HTML sanitizer, slugs and Turkish folding) with
# SharpFuzz and afl-fuzz, one target after another.
#
#   security/fuzz.sh [SECONDS-PER-TARGET] [TARGET...]     (default: 600 seconds, every target)
#
# Installs nothing. It needs afl-fuzz (Debian: apt-get install -y afl++) and the sharpfuzz tool
# (dotnet tool install --tool-path security/fuzz/.tools SharpFuzz.CommandLine --version 2.3.0), and says so
# when one is missing. Work files go to artifacts/fuzz (FUZZ_WORK to move them); the inputs that crashed or hung
# are copied to security/fuzz/crashes/TARGET/. Replay them: dotnet artifacts/fuzz/plain/Manset.Fuzz.dll --replay TARGET FILE...
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fuzz="$root/security/fuzz"
work="${FUZZ_WORK:-$root/artifacts/fuzz}"
seconds="${1:-600}"
[[ $# -gt 0 ]] && shift
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || (( seconds < 10 )); then
    echo "usage: security/fuzz.sh [SECONDS-PER-TARGET (at least 10)] [TARGET...]" >&2
    exit 2
fi

missing=0
if ! command -v afl-fuzz >/dev/null; then
    echo "afl-fuzz is not installed. On Debian: apt-get install -y afl++" >&2
    missing=1
fi
sharpfuzz="${SHARPFUZZ:-}"
for candidate in "$sharpfuzz" "$fuzz/.tools/sharpfuzz" "$(command -v sharpfuzz || true)" "$HOME/.dotnet/tools/sharpfuzz"; do
    if [[ -n "$candidate" && -x "$candidate" ]]; then sharpfuzz="$candidate"; break; fi
    sharpfuzz=""
done
if [[ -z "$sharpfuzz" ]]; then
    echo "sharpfuzz is not installed. Install it beside this script with:" >&2
    echo "  dotnet tool install --tool-path $fuzz/.tools SharpFuzz.CommandLine --version 2.3.0" >&2
    missing=1
fi
(( missing == 0 )) || exit 2

echo "== publishing security/fuzz/Manset.Fuzz (Release) to $work/bin"
rm -rf "$work/bin"
dotnet publish "$fuzz/Manset.Fuzz/Manset.Fuzz.csproj" -c Release -o "$work/bin" --nologo -v quiet

# An uninstrumented copy lists the targets, writes the seeds and replays inputs: instrumented code writes its
# trace into afl-fuzz's shared memory and cannot run without it.
rm -rf "$work/plain"
cp -r "$work/bin" "$work/plain"

# The Manset assemblies, and the two libraries every HTML input goes through (the sanitizer and its parser), so
# that afl-fuzz sees new paths in the code that reads the input, not only in ours.
instrument="${FUZZ_INSTRUMENT:-Manset.Web.dll Manset.Data.dll HtmlSanitizer.dll AngleSharp.dll}"
for dll in $instrument; do
    echo "== instrumenting $dll"
    "$sharpfuzz" "$work/bin/$dll" >/dev/null
done

mapfile -t all < <(dotnet "$work/plain/Manset.Fuzz.dll" --list)
targets=("$@")
(( ${#targets[@]} > 0 )) || targets=("${all[@]}")
for target in "${targets[@]}"; do
    if ! printf '%s\n' "${all[@]}" | grep -qx -- "$target"; then
        echo "unknown target '$target' (targets: ${all[*]})" >&2
        exit 2
    fi
done

echo "== seeding the corpora from the test fixtures"
rm -rf "$work/seeds"
dotnet "$work/plain/Manset.Fuzz.dll" --seeds "$work/seeds"
shared="$(cd "$root/.." && pwd)/shared/fixtures/iptc"
for target in newsml aa-document; do
    cp "$root"/tests/Manset.Tests/Wires/Iptc/*.xml "$work/seeds/$target/"
    if [[ -d "$shared" ]]; then cp "$shared"/*.xml "$work/seeds/$target/"; fi
done
for folder in "$fuzz"/seeds/*/; do
    cp "$folder"* "$work/seeds/$(basename "$folder")/"
done
# Crashes found before are seeds too: a fixed one must stay fixed, and its neighbourhood is worth a look.
for folder in "$root"/tests/Manset.Tests/Fuzz/Crashes/*/; do
    [[ -d "$folder" ]] && cp "$folder"* "$work/seeds/$(basename "$folder")/" 2>/dev/null || true
done

dictionary() {
    case "$1" in
        iha|dha|rss|newsml|aa-document) echo "$fuzz/dictionaries/feed.dict" ;;
        aa-search) echo "$fuzz/dictionaries/json.dict" ;;
        sanitizer) echo "$fuzz/dictionaries/html.dict" ;;
        slug) echo "$fuzz/dictionaries/slug.dict" ;;
    esac
}

stat() { # stat FILE KEY...: the first of the keys present in afl-fuzz's fuzzer_stats
    local file="$1" key value
    shift
    for key in "$@"; do
        value=$(awk -F' *: *' -v k="$key" '$1 == k { print $2; exit }' "$file" 2>/dev/null || true)
        if [[ -n "$value" ]]; then echo "$value"; return; fi
    done
    echo "?"
}

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_SKIP_BIN_CHECK=1        # the target is dotnet, whose own binary carries no afl instrumentation
export AFL_NO_UI=1 AFL_QUIET=1
export AFL_FORKSRV_INIT_TMOUT=60000 # the .NET runtime and the first JIT take a few seconds before the first input
export AFL_NO_AFFINITY=1           # the machine is shared: no pinning to a core another process needs

rows=()
for target in "${targets[@]}"; do
    out="$work/findings/$target"
    rm -rf "$out"
    mkdir -p "$out"
    echo "== fuzzing $target for $seconds s (log: $out.log)"
    # -t: an input that takes more than 5 s is a hang; -m none: the runtime reserves much virtual memory.
    # The afl-fuzz run itself gets a minute of grace past -V for its start and its final stats.
    status=0
    timeout --signal=INT --kill-after=30 $(( seconds + 60 )) \
        afl-fuzz -V "$seconds" -t 5000 -m none -i "$work/seeds/$target" -o "$out" -x "$(dictionary "$target")" \
        -- dotnet "$work/bin/Manset.Fuzz.dll" "$target" >"$out.log" 2>&1 || status=$?
    stats="$out/default/fuzzer_stats"
    if [[ ! -f "$stats" ]]; then
        echo "   afl-fuzz did not run (exit $status); the end of its log:" >&2
        tail -n 20 "$out.log" >&2
        rows+=("$target|-|-|-|-|did not run")
        continue
    fi
    kept="$fuzz/crashes/$target"
    rm -rf "$kept"
    for kind in crashes hangs; do
        for file in "$out"/default/"$kind"/id:*; do
            [[ -e "$file" ]] || continue
            mkdir -p "$kept"
            cp "$file" "$kept/$kind-$(basename "$file" | tr ':,' '-_')"
        done
    done
    rows+=("$target|$(stat "$stats" execs_done)|$(stat "$stats" corpus_count paths_total)|$(stat "$stats" saved_crashes unique_crashes)|$(stat "$stats" saved_hangs unique_hangs)|$(stat "$stats" execs_per_sec)")
done

echo
printf '%-12s %12s %8s %8s %6s %10s\n' target execs paths crashes hangs execs/s
for row in "${rows[@]}"; do
    IFS='|' read -r target execs paths crashes hangs rate <<<"$row"
    printf '%-12s %12s %8s %8s %6s %10s\n' "$target" "$execs" "$paths" "$crashes" "$hangs" "$rate"
done
if compgen -G "$fuzz/crashes/*/*" >/dev/null; then
    echo
    echo "Inputs that crashed or hung: $fuzz/crashes/ (replay: dotnet $work/plain/Manset.Fuzz.dll --replay TARGET FILE...)"
fi
