#!/bin/sh
# Runs benchmarks of an earlier revision of this repository, for a comparison with the current code on
# the same machine in the same session: builds that revision's benchmarks jar in a temporary worktree,
# prints its member store footprint, and runs the JMH benchmarks named by the remaining arguments (a
# JMH regular expression and options) with the allocation profiler.
#
#   consent-benchmarks/compare-with.sh REVISION [JMH arguments...]
#
# For example, the code before the rule kernel, with the benchmarks of hostile input it was measured by:
#
#   consent-benchmarks/compare-with.sh 1439eac 'DecisionLatency|BatchThroughput|UnrelatedEvents|MemberIdFlood'
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 REVISION [JMH arguments...]" >&2
    exit 2
fi
revision=$1
shift
cd "$(dirname "$0")/.."
worktree=$(mktemp -d)
trap 'git worktree remove --force "$worktree" >/dev/null 2>&1 || true' EXIT
git worktree add --detach "$worktree" "$revision" >/dev/null
(cd "$worktree" && ./mvnw -B -q -Pbenchmarks package -pl consent-benchmarks -am -DskipTests)
echo "# revision $(git rev-parse --short "$revision"), before: $(uptime)"
java -XX:+UseSerialGC -cp "$worktree/consent-benchmarks/target/benchmarks.jar" dev.consentkit.benchmarks.MemberFootprint
java -jar "$worktree/consent-benchmarks/target/benchmarks.jar" -prof gc "$@"
echo "# after: $(uptime)"
