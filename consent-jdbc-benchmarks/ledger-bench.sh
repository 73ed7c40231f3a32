#!/usr/bin/env bash
# Measures consent-jdbc on a PostgreSQL 17 server the benchmark starts itself (embedded-postgres: nothing
# to install), with JMH:
#
#   1. builds this module's benchmarks jar (./mvnw package, tests skipped) unless --no-build and the jar
#      is there;
#   2. runs ConsentLedgerBenchmark, each benchmark with a server of its own, filled through
#      ConsentLedger.append from a fixed seed (LedgerDataGenerator: by default 1,000,000 members and about
#      1,500,000 consent events, in batches of 5,000 members; each fill prints its rate), then vacuumed:
#      copyOut and loadMembers one after the other in this script's JVM (JMH's -f 0, -Xms4g -Xmx4g), so
#      that the load is held to the copy in the same JVM and run; update and append each in a JVM of its
#      own with the same heap:
#        loadMembers  ConsentLedger.loadMembers(), every member into a MemberStore (2 warm-up, 5 timed);
#        copyOut      COPY (q) TO STDOUT of the load's four queries through CopyManager.copyOut into a
#                     stream that keeps nothing, in one transaction (2 warm-up, 5 timed);
#        update       ConsentLedger.update(snapshot) after 10,000 members got one new consent event each,
#                     each result the next call's snapshot (13 warm-up, 13 timed: at the default sizes
#                     every 13th update compacts the store, so the warm-up and the timed calls are one
#                     compaction cycle each; the appends before each call are not timed);
#        append       batches of 1,000 new consent events, one per member, per ConsentLedger.append call
#                     (2 warm-up and 3 timed iterations of 5 s), in events per second;
#   3. with --breakdown, runs LoadBreakdownBenchmark too: the load's rows read through JDBC with the
#      loader's getters, and as text, with nothing built from them;
#   4. prints the fills' rates, load / copyOut (target at most 2), loadMembers / update (target at least
#      20: an update against a reload) and the append rate.
#
#   consent-jdbc-benchmarks/ledger-bench.sh [--members N] [--changes N] [--seed S] [--breakdown]
#                                           [--no-build] [--dir DIR] [-- JMH options...]
#
# Defaults: 1,000,000 members, 10,000 changes, seed 20251104, output (the JMH log, load.csv, results.csv) under
# consent-jdbc-benchmarks/target/ledger-bench. About 15 minutes on two cores (with --breakdown), most of it the fills.
# Needs Java 17, Linux on x86-64 (the embedded server's binaries) and what Maven resolves from Maven
# Central.
set -euo pipefail

members=1000000
changes=10000
seed=20251104
breakdown=false
build=true
dir=consent-jdbc-benchmarks/target/ledger-bench
jmh=()

usage() {
    echo "usage: $0 [--members N] [--changes N] [--seed S] [--breakdown] [--no-build] [--dir DIR] [-- JMH options...]" >&2
    exit 2
}

while [ $# -gt 0 ]; do
    case "$1" in
        --members) members=${2:?}; shift 2 ;;
        --changes) changes=${2:?}; shift 2 ;;
        --seed) seed=${2:?}; shift 2 ;;
        --breakdown) breakdown=true; shift ;;
        --no-build) build=false; shift ;;
        --dir) dir=${2:?}; shift 2 ;;
        --) shift; jmh=("$@"); break ;;
        *) usage ;;
    esac
done

cd "$(dirname "$0")/.."
jar=consent-jdbc-benchmarks/target/jdbc-benchmarks.jar
if $build || [ ! -f "$jar" ]; then
    echo "building consent-jdbc-benchmarks..."
    ./mvnw -q -B -Pbenchmarks -DskipTests package -pl consent-jdbc-benchmarks -am
fi
mkdir -p "$dir"

# The load and the copy it is held to run one after the other in one JVM (JMH's -f 0: this one, with
# the heap the forks get), so that they are compared in the same JVM and run; the others fork as usual.
together='ConsentLedgerBenchmark\.(copyOut|loadMembers)$'
apart='ConsentLedgerBenchmark\.(update|append)$'
if $breakdown; then
    apart='(ConsentLedgerBenchmark\.(update|append)|LoadBreakdownBenchmark\..*)$'
fi

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo '? GiB'), $(java -version 2>&1 | head -n 1)"
echo "before: $(uptime)"
java -Duser.language=en -Duser.country=US -Xms4g -Xmx4g -jar "$jar" "$together" -f 0 -p "members=$members" \
    -p "seed=$seed" -rf csv -rff "$dir/load.csv" "${jmh[@]}" | tee "$dir/run.log"
java -Duser.language=en -Duser.country=US -jar "$jar" "$apart" -p "members=$members" -p "changes=$changes" \
    -p "seed=$seed" -rf csv -rff "$dir/results.csv" "${jmh[@]}" | tee -a "$dir/run.log"
echo "after: $(uptime)"

echo
grep -o 'fill: .*' "$dir/run.log" | sort -u
# load.csv and results.csv: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",params...
awk -F, -v members="$members" -v changes="$changes" '
    FNR > 1 { gsub(/"/, ""); n = split($1, name, "."); score[name[n]] = $5; error[name[n]] = $6; unit[name[n]] = $7 }
    function show(b) { if (b in score) printf "%-15s %12.1f ± %.1f %s\n", b, score[b], error[b], unit[b] }
    END {
        print ""
        show("loadMembers"); show("copyOut"); show("update"); show("append"); show("readRows"); show("readRowsAsText")
        print ""
        if (("loadMembers" in score) && ("copyOut" in score))
            printf "load / copyOut:   %.2f  (target: at most 2; %d members)\n", score["loadMembers"] / score["copyOut"], members
        if (("loadMembers" in score) && ("update" in score))
            printf "reload / update:  %.1f  (target: at least 20; %d changed members)\n", score["loadMembers"] / score["update"], changes
        if ("append" in score)
            printf "append:           %.0f consent events/s in batches of 1,000\n", score["append"]
    }' "$dir/load.csv" "$dir/results.csv"
