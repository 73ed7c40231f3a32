#!/usr/bin/env bash
# Times consent-spark's ConsentFilter against Spark SQL alone answering the same question, "which items
# may train a model at this instant", on one local Spark session on two threads:
#
#   1. builds this module's jar and writes its class path (./mvnw package, tests skipped): the run uses
#      Spark's jars where Maven keeps them, no shaded jar;
#   2. generates members and items as Parquet from a fixed seed (SparkExportGenerator), at the full size
#      and, for the scaling, at a quarter and a half of it, unless a data set with the same sizes and seed,
#      by the same generator, is already there;
#   3. at the full size, times the first count of each form in a JVM of its own ("cold"): consent-spark
#      with its members broadcast, consent-spark with Spark choosing the join, spark-vs-sql/expert.sql and
#      spark-vs-sql/first-form.sql;
#   4. at the full size, times warm counts of every form in one JVM, in rounds (--warmups not timed, then
#      --runs timed; each round counts once with every form, starting one form further on each round, so
#      that a load that comes and goes on a shared machine falls on all alike), and consent-spark's member
#      half alone, checks that every form names the same trainable
#      items (an outer join of their ids), and prints the table with the ratios;
#   5. at a quarter and a half of the size, the warm counts again (--scaling-runs timed), and prints each
#      form's slope: seconds per extra million items, by least squares over the three sizes.
#
#   consent-spark-benchmarks/spark-vs-sql.sh [--members N] [--items N] [--seed S] [--as-of T]
#                                            [--warmups N] [--runs N] [--scaling-runs N] [--no-scaling]
#                                            [--dir DIR] [--write-explain]
#
# Defaults: 1,000,000 members and 10,000,000 items, seed 20251104, as of 2025-11-04, 1 warm-up and 5 timed
# runs, 3 timed runs for the scaling, files under consent-spark-benchmarks/target/spark-vs-sql. The
# policy is examples/linkedin/policy.json. --write-explain also writes the plans of the counts at the full
# size to consent-spark-benchmarks/spark-vs-sql/*.explain.txt. Each JVM gets -Xmx6g (SPARK_BENCH_XMX to
# change it) and the --add-opens options Spark needs on Java 17. Needs Java 17 and what Maven resolves
# from Maven Central.
set -euo pipefail

members=1000000
items=10000000
seed=20251104
as_of=2025-11-04
warmups=1
runs=5
scaling_runs=3
scaling=true
dir=consent-spark-benchmarks/target/spark-vs-sql
write_explain=false
xmx=${SPARK_BENCH_XMX:-6g}

usage() {
    echo "usage: $0 [--members N] [--items N] [--seed S] [--as-of T] [--warmups N] [--runs N] [--scaling-runs N]" \
        "[--no-scaling] [--dir DIR] [--write-explain]" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --members) members=${2:?}; shift 2 ;;
        --items) items=${2:?}; shift 2 ;;
        --seed) seed=${2:?}; shift 2 ;;
        --as-of) as_of=${2:?}; shift 2 ;;
        --warmups) warmups=${2:?}; shift 2 ;;
        --runs) runs=${2:?}; shift 2 ;;
        --scaling-runs) scaling_runs=${2:?}; shift 2 ;;
        --no-scaling) scaling=false; shift ;;
        --dir) dir=${2:?}; shift 2 ;;
        --write-explain) write_explain=true; shift ;;
        *) usage ;;
    esac
done

cd "$(dirname "$0")/.."
root=$(pwd -P)
module="$root/consent-spark-benchmarks"

echo "building consent-spark-benchmarks..."
./mvnw -q -B -Pbenchmarks -DskipTests package -pl consent-spark-benchmarks -am
classpath="$module/target/consent-spark-benchmarks-0.1.0-SNAPSHOT.jar:$(cat "$module/target/classpath.txt")"
# The options Spark's launcher gives the JVM on Java 17, kept in one place: the parent pom.
jvm_options=$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' pom.xml)
if [ -z "$jvm_options" ]; then
    echo "spark-vs-sql: no spark.jvm.options in pom.xml" >&2
    exit 1
fi
# shellcheck disable=SC2206 # the options are words separated by spaces
java_command=(java $jvm_options "-Xmx$xmx" -cp "$classpath")

mkdir -p "$dir"
dir=$(cd "$dir" && pwd -P)
# A data set is kept with the checksum of the generator that wrote it: a changed generator writes it again.
generator=$(cksum < "$module/src/main/java/dev/consentkit/benchmarks/spark/SparkExportGenerator.java")

# Generates the data set of $1 members and $2 items unless it is there; prints its directory.
data_set() {
    local m=$1 i=$2
    local data="$dir/data-m$m-i$i-s$seed"
    if [ -f "$data/complete" ] && [ "$(cat "$data/complete")" = "$generator" ]; then
        echo "data: already in $data" >&2
    else
        rm -rf "$data"
        "${java_command[@]}" dev.consentkit.benchmarks.spark.SparkExportGenerator "$data" "$m" "$i" "$seed" \
            2> "$dir/generate.log" >&2 || { cat "$dir/generate.log" >&2; exit 1; }
        echo "$generator" > "$data/complete"
        grep '^generated' "$dir/generate.log" >&2
    fi
    echo "$data"
}

# Runs the benchmark with the given options on data set $1; its output goes to standard output and to $2.
benchmark() {
    local data=$1 out=$2
    shift 2
    if ! "${java_command[@]}" dev.consentkit.benchmarks.spark.SparkFilterBenchmark --data "$data" \
        --policy "$root/examples/linkedin/policy.json" --sql "$module/spark-vs-sql" --as-of "$as_of" "$@" \
        2> "$out.stderr" | tee "$out"; then
        echo "spark-vs-sql: the benchmark failed:" >&2
        grep -v ' INFO ' "$out.stderr" | tail -n 60 >&2
        exit 1
    fi
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo '? GiB'), $(java -version 2>&1 | head -n 1)"
echo "before: $(uptime)"
full=$(data_set "$members" "$items")

cold="$dir/cold-m$members-i$items.tsv"
rm -f "$cold"
for form in consent-spark consent-spark-unique consent-spark-unhinted expert-sql first-form-sql; do
    echo "cold: $form, in a JVM of its own"
    benchmark "$full" "$dir/cold-$form.out" --cold "$form" --cold-results "$cold" | grep -v '^result'
done

explain=()
if $write_explain; then
    explain=(--explain)
fi
echo "warm: $warmups warm-up and $runs timed rounds, each form once per round in turn, then the check that they agree"
benchmark "$full" "$dir/warm-full.out" --warmups "$warmups" --runs "$runs" --check --cold-results "$cold" \
    "${explain[@]}" | grep -v '^result\|^median'
echo "after: $(uptime)"

if $scaling; then
    results="$dir/scaling.tsv"
    grep '^median' "$dir/warm-full.out" | awk -v n="$items" '{ print n "\t" $2 "\t" $3 }' > "$results"
    for divisor in 4 2; do
        m=$((members / divisor)) i=$((items / divisor))
        data=$(data_set "$m" "$i")
        echo "scaling: $m members, $i items, $warmups warm-up and $scaling_runs timed rounds"
        benchmark "$data" "$dir/warm-$divisor.out" --warmups "$warmups" --runs "$scaling_runs" > /dev/null
        grep '^median' "$dir/warm-$divisor.out" | awk -v n="$i" '{ print n "\t" $2 "\t" $3 }' >> "$results"
    done
    echo
    echo "scaling: warm median seconds by items, and the least-squares slope in seconds per extra million items"
    sort -k2,2 -k1,1n "$results" | awk -F'\t' '
        { x = $1 / 1e6; y = $3; f = $2
          n[f]++; sx[f] += x; sy[f] += y; sxx[f] += x * x; sxy[f] += x * y
          row[f] = row[f] sprintf("  %6.2f s at %4.1fM", y, x) }
        END { for (f in n) {
                  slope = (n[f] * sxy[f] - sx[f] * sy[f]) / (n[f] * sxx[f] - sx[f] * sx[f])
                  printf "%-28s %s   slope %.3f s per million items\n", f, row[f], slope } }' | sort
    echo "after scaling: $(uptime)"
fi
