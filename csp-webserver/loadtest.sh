#!/usr/bin/env bash
# Load test: loomcsp-webserver vs Helidon SE 4.5.0 static content (and nginx as a ceiling, if installed),
# following shared/reference/http-server.md section 4: servers pinned to one core, wrk pinned to the
# other, same JVM flags, tmpfs content, warm-up, interleaved repetitions, medians.
#
# Usage (from the repository root):  csp-webserver/loadtest.sh
# Environment: DURATION (s per run, default 10), REPS (default 3), WARMUP (s, default 15),
#              CONNS (default 64), SERVER_CPU (default 1), CLIENT_CPU (default 0).
# Bounded: 2 files * servers * (WARMUP + REPS * DURATION) of measuring, plus the builds
# (the durations with the defaults: docs/benchmarks.md).
set -euo pipefail

DURATION=${DURATION:-10}
REPS=${REPS:-3}
WARMUP=${WARMUP:-15}
CONNS=${CONNS:-64}
SERVER_CPU=${SERVER_CPU:-1}
CLIENT_CPU=${CLIENT_CPU:-0}
OURS_PORT=18080
HELIDON_PORT=18081
NGINX_PORT=18085

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
work=$(mktemp -d /tmp/loomcsp-loadtest.XXXXXX)
www=/dev/shm/loomcsp-loadtest-www
pids=()

cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$www"
}
trap cleanup EXIT

say() { printf '\n== %s\n' "$*"; }

# --- tools
if ! command -v wrk >/dev/null 2>&1; then
  say "installing wrk from apt"
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi
command -v taskset >/dev/null || { echo "taskset (util-linux) is required" >&2; exit 1; }

# --- a JDK >= 21, found by Maven's toolchains plugin (no hard-coded path, no JAVA_HOME needed)
say "finding a JDK >= 21 through Maven toolchains"
java_home=$(mvn -q -f "$here/src/loadtest/pom.xml" -Pjava-home initialize 2>&1 | sed -n 's/^ *java\.home = //p' | head -n1)
[ -x "$java_home/bin/java" ] || { echo "no JDK >= 21 found by the toolchains plugin" >&2; exit 1; }
JAVA="$java_home/bin/java"
jdk_version=$("$JAVA" -version 2>&1 | head -n1)
echo "$jdk_version ($java_home)"

# --- build both servers
say "building loomcsp-webserver and the Helidon peer"
(cd "$repo" && mvn -q -B -pl csp-webserver -am package -DskipTests)
mvn -q -B -f "$here/src/loadtest/pom.xml" package
ours_jar=$(ls "$here"/target/csp-webserver-*.jar | grep -v original | head -n1)
helidon_jar="$here/target/loadtest/helidon-static.jar"

# --- content on tmpfs, deterministic
rm -rf "$www" && mkdir -p "$www"
head -c 1024 /dev/zero | tr '\0' 'a' > "$www/1k.bin"
head -c 1048576 /dev/zero | tr '\0' 'b' > "$www/1m.bin"
echo "<!DOCTYPE html><title>bench</title>" > "$www/index.html"

JVM_FLAGS=(-Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:ActiveProcessorCount=1 -XX:+UseSerialGC)

wait_up() { # port
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$1/1k.bin" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "server on port $1 did not come up" >&2; return 1
}

say "starting servers pinned to CPU $SERVER_CPU (wrk on CPU $CLIENT_CPU)"
taskset -c "$SERVER_CPU" "$JAVA" "${JVM_FLAGS[@]}" -jar "$ours_jar" --port $OURS_PORT --root "$www" \
  --no-status-page >"$work/ours.log" 2>&1 &
pids+=($!); ours_pid=$!
taskset -c "$SERVER_CPU" "$JAVA" "${JVM_FLAGS[@]}" -Djava.util.logging.config.file=/dev/null \
  -jar "$helidon_jar" $HELIDON_PORT "$www" >"$work/helidon.log" 2>&1 &
pids+=($!); helidon_pid=$!
servers=(loomcsp helidon)
declare -A port=([loomcsp]=$OURS_PORT [helidon]=$HELIDON_PORT [nginx]=$NGINX_PORT)

nginx_bin=$(command -v nginx || true)
if [ -z "$nginx_bin" ] && [ -x /usr/sbin/nginx ]; then nginx_bin=/usr/sbin/nginx; fi
if [ -n "$nginx_bin" ]; then
  mkdir -p "$work/nginx/logs"
  cat >"$work/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  types { application/octet-stream bin; text/html html; }
  server { listen 127.0.0.1:$NGINX_PORT; root $www; }
}
NGINX
  taskset -c "$SERVER_CPU" "$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" >"$work/nginx.log" 2>&1 &
  pids+=($!)
  servers+=(nginx)
else
  echo "(nginx not installed: no ceiling row)"
fi

for s in "${servers[@]}"; do wait_up "${port[$s]}"; done

say "validating: same status and Content-Length everywhere"
for s in "${servers[@]}"; do
  for f in 1k.bin 1m.bin; do
    line=$(curl -sI "http://127.0.0.1:${port[$s]}/$f" | tr -d '\r' | awk 'NR==1{st=$2} tolower($1)=="content-length:"{cl=$2} END{print st, cl}')
    printf '  %-8s %-7s %s\n' "$s" "$f" "$line"
    case "$f:$line" in
      "1k.bin:200 1024"|"1m.bin:200 1048576") ;;
      *) echo "validation failed for $s $f: $line" >&2; exit 1 ;;
    esac
  done
done

# run_wrk SERVER FILE SECONDS -> prints "rps p99ms ok"
run_wrk() {
  local out
  out=$(taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNS" -d"$3"s --latency "http://127.0.0.1:${port[$1]}/$2" 2>&1)
  echo "$out" >>"$work/wrk-$1-$2.txt"
  local rps p99 bad
  rps=$(echo "$out" | awk '/^Requests\/sec:/{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}')
  bad=$(echo "$out" | grep -cE "Non-2xx|Socket errors" || true)
  echo "${rps:-0} ${p99:-0} $([ "$bad" = 0 ] && echo ok || echo ERRORS)"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "warm-up: ${WARMUP}s per server and file (discarded)"
for s in "${servers[@]}"; do
  for f in 1k.bin 1m.bin; do run_wrk "$s" "$f" "$WARMUP" >/dev/null; done
done

say "measuring: $REPS interleaved repetitions of ${DURATION}s per server and file"
declare -A rps_list p99_list status
for f in 1k.bin 1m.bin; do
  for r in $(seq 1 "$REPS"); do
    for s in "${servers[@]}"; do
      read -r rps p99 ok < <(run_wrk "$s" "$f" "$DURATION")
      rps_list[$s:$f]+="$rps "
      p99_list[$s:$f]+="$p99 "
      [ "$ok" = ok ] || status[$s:$f]=ERRORS
      printf '  %-8s %-7s rep %d: %10.0f req/s  p99 %8.2f ms  %s\n' "$s" "$f" "$r" "$rps" "$p99" "$ok"
      sleep 2
    done
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END{ if (NR==0) print 0; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2 }'; }

say "results: median of $REPS x ${DURATION}s, wrk -t1 -c$CONNS, keep-alive"
echo "conditions: $(nproc) vCPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), servers pinned to CPU $SERVER_CPU,"
echo "            wrk pinned to CPU $CLIENT_CPU, $jdk_version, JVM ${JVM_FLAGS[*]}, loopback, tmpfs, logs off"
echo "            load average before the run: $load_before (other work on the machine skews p99 most)"
printf '%-8s %-7s %12s %10s %s\n' server file "req/s" "p99(ms)" ""
declare -A med_rps med_p99
for f in 1k.bin 1m.bin; do
  for s in "${servers[@]}"; do
    med_rps[$s:$f]=$(echo "${rps_list[$s:$f]}" | median)
    med_p99[$s:$f]=$(echo "${p99_list[$s:$f]}" | median)
    printf '%-8s %-7s %12.0f %10.2f %s\n' "$s" "$f" "${med_rps[$s:$f]}" "${med_p99[$s:$f]}" "${status[$s:$f]:-}"
  done
done

say "ratios (loomcsp / peer; for p99, peer / loomcsp so that > 1 means loomcsp is better)"
for f in 1k.bin 1m.bin; do
  for s in "${servers[@]}"; do
    [ "$s" = loomcsp ] && continue
    awk -v f="$f" -v s="$s" -v a="${med_rps[loomcsp:$f]}" -v b="${med_rps[$s:$f]}" \
        -v pa="${med_p99[loomcsp:$f]}" -v pb="${med_p99[$s:$f]}" \
        'BEGIN{ printf "  %-7s vs %-8s req/s ratio %.2fx   p99 ratio %.2fx\n", f, s, (b>0?a/b:0), (pa>0?pb/pa:0) }'
  done
done
echo
echo "targets: 1k.bin >= 1.00x Helidon req/s with p99 ratio >= 1.00; 1m.bin >= 0.80x Helidon req/s"
echo "raw wrk output: $work"
