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
# Go 1.19's commstime (csp-bench/go/commstime.go, the same program) at GOMAXPROCS=1 and 2, run
# now so the report's notes carry Go's figures from this session (issue 11). Go is installed from
# apt (golang-1.19) if missing; LOOMCSP_NO_GO=1 skips this.
if [ "${LOOMCSP_NO_GO:-}" != 1 ]; then
  go_bin=""
  if command -v go >/dev/null 2>&1; then go_bin=go
  elif [ -x /usr/lib/go-1.19/bin/go ]; then go_bin=/usr/lib/go-1.19/bin/go
  elif command -v apt-get >/dev/null 2>&1; then
    echo "run.sh: installing golang-1.19 from apt for the Go commstime" >&2
    if [ "$(id -u)" = 0 ]; then apt-get install -y golang-1.19 >/dev/null || true
    else sudo apt-get install -y golang-1.19 >/dev/null || true; fi
    [ -x /usr/lib/go-1.19/bin/go ] && go_bin=/usr/lib/go-1.19/bin/go
  fi
  if [ -n "$go_bin" ]; then
    for p in 1 2; do
      line=$(GOMAXPROCS=$p "$go_bin" run csp-bench/go/commstime.go -runs 5 | tail -n 1) || line=""
      if [ -n "$line" ]; then
        echo "$line" >&2
        extra="$extra \"--note\" \"$line (same machine, just before JMH)\""
      fi
    done
  else
    echo "run.sh: no Go found; the report has no Go commstime figures" >&2
  fi
fi
exec mvn -B -q -pl csp-bench -am -Pbench -DskipTests verify -Dbench="$mode" -Dargs="$extra"
