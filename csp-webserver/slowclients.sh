#!/usr/bin/env bash
# Issue 12 measurement: with 2 and with 200 clients that stop reading a 50 MB download, every
# normal request must be answered within 1 s, on both backends, and the stalled downloads must be
# cut by --write-timeout. Not a unit test (it measures time); run it by hand:
#
#   csp-webserver/slowclients.sh            (from the repository root; about a minute)
#
# Environment: COUNTS (default "2 200"), BACKENDS (default "virtual platform"), WRITE_TIMEOUT (s, default 5).
set -euo pipefail
COUNTS=${COUNTS:-"2 200"}
BACKENDS=${BACKENDS:-"virtual platform"}
WRITE_TIMEOUT=${WRITE_TIMEOUT:-5}
PORT=18090

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
www=$(mktemp -d /dev/shm/loomcsp-slowclients.XXXXXX)
server=
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$www"; }
trap cleanup EXIT

java_home=$(mvn -q -f "$here/src/loadtest/pom.xml" -Pjava-home initialize 2>&1 | sed -n 's/^ *java\.home = //p' | head -n1)
[ -x "$java_home/bin/java" ] || { echo "no JDK >= 21 found by the toolchains plugin" >&2; exit 1; }
JAVA="$java_home/bin/java"
(cd "$repo" && mvn -q -B -pl csp-webserver -am package -DskipTests)
jar=$(ls "$here"/target/csp-webserver-*.jar | grep -v original | head -n1)

truncate -s 50M "$www/50m.bin"
head -c 1024 /dev/zero > "$www/1k.bin"
echo "$("$JAVA" -version 2>&1 | head -n1); $(nproc) CPUs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
for backend in $BACKENDS; do
  for n in $COUNTS; do
    "$JAVA" -jar "$jar" --port "$PORT" --root "$www" --backend "$backend" --write-timeout "${WRITE_TIMEOUT}s" \
        --max-connections 10000 >/dev/null 2>&1 &
    server=$!
    for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done
    printf '%-8s ' "$backend"
    "$JAVA" "$here/src/loadtest/slowclients/SlowClients.java" "$PORT" "$n" /50m.bin /1k.bin "$WRITE_TIMEOUT" || status=1
    kill "$server"; wait "$server" 2>/dev/null || true; server=
  done
done
exit $status
