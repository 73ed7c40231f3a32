#!/usr/bin/env bash
# Times `consent evaluate` against DuckDB doing the same work, end to end, on one generated export, in
# one run on this machine:
#
#   1. builds the command-line tool and the benchmarks jar (./mvnw package, tests skipped);
#   2. generates an export from a fixed seed (ExportGenerator), unless one with the same sizes and seed,
#      by the same generator, is already there: the LinkedIn example policy, members with consent
#      histories and items;
#   3. times, each in its own JVM with its start included, `./consent evaluate` writing its records to
#      a file, and DuckDB (DuckDbEvaluate: read_ndjson of both files, the rules in
#      evaluate-vs-duckdb/evaluate.sql, the records written by COPY ... (FORMAT json) on DuckDB's
#      default threads), with GNU time for the elapsed time and the peak resident memory;
#   4. checks that both name the same trainable items, line by line, and the same reason for every
#      item (DecisionAgreement), and fails with the first differences when they do not.
#
#   consent-benchmarks/evaluate-vs-duckdb.sh [--members N] [--items N] [--seed S] [--as-of T] [--runs N]
#                                            [--dir DIR] [--write-explain]
#
# Defaults: 200,000 members, 2,000,000 items (about 290 MB of NDJSON), seed 20251104, as of 2025-11-04,
# one run, files under consent-benchmarks/target/evaluate-vs-duckdb. With --runs N the two take turns N
# times and each run is printed. --write-explain also writes DuckDB's EXPLAIN of the query for this
# export to consent-benchmarks/evaluate-vs-duckdb/evaluate.explain.txt. Needs Java 17, GNU time at
# /usr/bin/time, and what Maven resolves from Maven Central.
set -euo pipefail

members=200000
items=2000000
seed=20251104
as_of=2025-11-04
runs=1
dir=consent-benchmarks/target/evaluate-vs-duckdb
write_explain=false

usage() {
    echo "usage: $0 [--members N] [--items N] [--seed S] [--as-of T] [--runs N] [--dir DIR] [--write-explain]" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --members) members=${2:?}; shift 2 ;;
        --items) items=${2:?}; shift 2 ;;
        --seed) seed=${2:?}; shift 2 ;;
        --as-of) as_of=${2:?}; shift 2 ;;
        --runs) runs=${2:?}; shift 2 ;;
        --dir) dir=${2:?}; shift 2 ;;
        --write-explain) write_explain=true; shift ;;
        *) usage ;;
    esac
done

cd "$(dirname "$0")/.."
root=$(pwd -P)
if ! /usr/bin/time -f '%e' true 2>/dev/null; then
    echo "evaluate-vs-duckdb: needs GNU time at /usr/bin/time (for the peak resident memory)" >&2
    exit 2
fi

echo "building consent-cli and consent-benchmarks..."
./mvnw -q -B -DskipTests -Pbenchmarks package -pl consent-cli,consent-benchmarks -am
jar="$root/consent-benchmarks/target/benchmarks.jar"
sql="$root/consent-benchmarks/evaluate-vs-duckdb/evaluate.sql"

mkdir -p "$dir"
dir=$(cd "$dir" && pwd -P)
export_dir="$dir/export-m$members-i$items-s$seed"
# The export is kept with the checksum of the generator that wrote it: a changed generator writes it again.
generator=$(cksum < consent-benchmarks/src/main/java/dev/consentkit/benchmarks/export/ExportGenerator.java)
if [ -f "$export_dir/complete" ] && [ "$(cat "$export_dir/complete")" = "$generator" ]; then
    echo "export: already in $export_dir"
else
    rm -rf "$export_dir"
    java -cp "$jar" dev.consentkit.benchmarks.export.ExportGenerator "$export_dir" "$members" "$items" "$seed" \
        examples/linkedin/policy.json
    echo "$generator" > "$export_dir/complete"
fi
policy="$export_dir/policy.json"
members_file="$export_dir/members.ndjson"
items_file="$export_dir/items.ndjson"
bytes=$(cat "$policy" "$members_file" "$items_file" | wc -c)

if $write_explain; then
    # Relative file names, so that the plan shows no directory of this machine.
    (cd "$export_dir" && java -cp "$jar" dev.consentkit.benchmarks.export.DuckDbEvaluate --sql "$sql" \
        --policy policy.json --members members.ndjson --items items.ndjson --as-of "$as_of" --explain) \
        > "$root/consent-benchmarks/evaluate-vs-duckdb/evaluate.explain.txt"
    echo "wrote consent-benchmarks/evaluate-vs-duckdb/evaluate.explain.txt"
fi

# Runs a command under GNU time; prints "SECONDS KB" and leaves the command's standard error in $2.
timed() {
    local stdout=$1 stderr=$2
    shift 2
    local status=0
    /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$@" > "$stdout" 2> "$stderr" || status=$?
    if [ "$status" -gt 1 ]; then
        echo "evaluate-vs-duckdb: '$*' failed with exit code $status:" >&2
        cat "$stderr" >&2
        exit 1
    fi
    tail -n 1 "$dir/time.txt"
}

# 1234567 as 1,234,567, whatever the locale.
thousands() {
    local n=$1 grouped=""
    while [ ${#n} -gt 3 ]; do
        grouped=",${n: -3}$grouped"
        n=${n:0:${#n}-3}
    done
    echo "$n$grouped"
}

mb() { echo "$(thousands $(($1 / 1024))) MB"; }

echo "export: $(thousands "$members") members, $(thousands "$items") items, $((bytes / 1000000)) MB of NDJSON, seed $seed;" \
    "as of $as_of"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo '? GiB'), $(java -version 2>&1 | head -n 1)"

# The load average before and after shows whether something else shared the machine.
echo "before: $(uptime)"
best_consent= best_duckdb= rss_consent= rss_duckdb=
for run in $(seq 1 "$runs"); do
    consent_time=$(timed "$dir/out-consent.ndjson" "$dir/consent.log" \
        ./consent evaluate --policy "$policy" --members "$members_file" --items "$items_file" --as-of "$as_of")
    duckdb_time=$(timed "$dir/duckdb.out" "$dir/duckdb.log" \
        java -cp "$jar" dev.consentkit.benchmarks.export.DuckDbEvaluate --sql "$sql" --policy "$policy" \
        --members "$members_file" --items "$items_file" --as-of "$as_of" --output "$dir/out-duckdb.ndjson")
    read -r consent_s consent_kb <<< "$consent_time"
    read -r duckdb_s duckdb_kb <<< "$duckdb_time"
    printf "run %d: consent evaluate %6.2f s, peak RSS %s; DuckDB %6.2f s, peak RSS %s; DuckDB/consent %.2f\n" \
        "$run" "$consent_s" "$(mb "$consent_kb")" "$duckdb_s" "$(mb "$duckdb_kb")" \
        "$(awk -v d="$duckdb_s" -v c="$consent_s" 'BEGIN { print d / c }')"
    if [ -z "$best_consent" ] || awk -v a="$consent_s" -v b="$best_consent" 'BEGIN { exit !(a < b) }'; then
        best_consent=$consent_s rss_consent=$consent_kb
    fi
    if [ -z "$best_duckdb" ] || awk -v a="$duckdb_s" -v b="$best_duckdb" 'BEGIN { exit !(a < b) }'; then
        best_duckdb=$duckdb_s rss_duckdb=$duckdb_kb
    fi
done
echo "after: $(uptime)"

echo "checking the records: $(grep -m 1 'items:' "$dir/consent.log" || true)"
java -cp "$jar" dev.consentkit.benchmarks.export.DecisionAgreement "$dir/out-consent.ndjson" "$dir/out-duckdb.ndjson"

printf "best of %d: consent evaluate %.2f s (peak RSS %s), DuckDB %.2f s (peak RSS %s); DuckDB/consent time %.2f\n" \
    "$runs" "$best_consent" "$(mb "$rss_consent")" "$best_duckdb" "$(mb "$rss_duckdb")" \
    "$(awk -v d="$best_duckdb" -v c="$best_consent" 'BEGIN { print d / c }')"
