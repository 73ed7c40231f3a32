#!/bin/sh
# Builds the benchmarks jar and runs everything once: the member store footprint, then every JMH
# benchmark with the allocation profiler. Arguments go to JMH, for example a benchmark name to run only
# that one. The load average before and after shows whether something else shared the machine.
set -eu
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbenchmarks package -pl consent-benchmarks -am -DskipTests
echo "# before: $(uptime)"
java -XX:+UseSerialGC -cp consent-benchmarks/target/benchmarks.jar dev.consentkit.benchmarks.MemberFootprint
java -jar consent-benchmarks/target/benchmarks.jar -prof gc "$@"
echo "# after: $(uptime)"
