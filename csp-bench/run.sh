#!/usr/bin/env sh
# Runs the loomcsp JMH suite and writes csp-bench/target/bench/<timestamp>/{results.json,report.md,*.png}.
#   csp-bench/run.sh            quick mode (~7 min on 2 cores)
#   csp-bench/run.sh --full     every parameter, 2 forks (~1.5 h; --forks 1: 47 min on 2 cores)
#   csp-bench/run.sh --headline  only the target comparisons, 2 forks x 5 iterations (~6 min)
#   csp-bench/run.sh --include CommsTime   one scenario, its declared parameters, quick timing
#   other arguments go to SuiteMain (--note "...", --forks N, --iterations N, --out DIR)
# Maven picks a JDK >= 21 through toolchains (no JAVA_HOME needed); see docs/benchmarks.md.
set -eu
cd "$(dirname "$0")/.."
mode=quick
extra=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick ;;
    --full) mode=full ;;
    --headline) mode=headline ;;
    --mode) shift; mode="$1" ;;
    *) extra="$extra \"$1\"" ;;  # quoted: exec:exec splits commandlineArgs on spaces outside quotes
  esac
  shift
done
exec mvn -B -q -pl csp-bench -am -Pbench -DskipTests verify -Dbench="$mode" -Dargs="$extra"
