# Sourced by the bench scripts: starts and stops the packaged jar on 127.0.0.1 with a key made
# for this run, and waits for readiness on its management port.
#   PORT (API, default 18080), MANAGEMENT_PORT (actuator, default 18081)
PORT=${PORT:-18080}
MANAGEMENT_PORT=${MANAGEMENT_PORT:-18081}
JAR=target/siamese-verify-0.1.0-SNAPSHOT.jar
export DJL_OFFLINE=true
# the key of this run: HttpBench and SoakBench send it; the service is given only its hash
SIAMESE_BENCH_KEY="bench_$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
SIAMESE_BENCH_MANAGEMENT="http://127.0.0.1:$MANAGEMENT_PORT"
export SIAMESE_BENCH_KEY SIAMESE_BENCH_MANAGEMENT
BENCH_KEY_ARGS=(--siamese.auth.keys[0].id=bench
  "--siamese.auth.keys[0].sha256=$(printf %s "$SIAMESE_BENCH_KEY" | sha256sum | cut -d' ' -f1)"
  --siamese.auth.keys[0].scopes=admin
  # the bench measures the service, not the rate limiter
  --siamese.auth.rate-limit.requests-per-second=1000000 --siamese.auth.rate-limit.burst=1000000)
server=""

# start_service LOG [service arguments…]: sets $server (its pid) and $ready (seconds to readiness)
start_service() {
  local log=$1 started; shift
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
    echo "port $PORT is taken: stop what listens there, or set PORT" >&2
    exit 1
  fi
  started=$(date +%s%N)
  java --add-modules=jdk.incubator.vector ${JAVA_OPTIONS:-} -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 \
    --management.server.port="$MANAGEMENT_PORT" --management.server.address=127.0.0.1 \
    "${BENCH_KEY_ARGS[@]}" "$@" > "$log" 2>&1 &
  server=$!
  until curl -fs "$SIAMESE_BENCH_MANAGEMENT/actuator/health/readiness" >/dev/null 2>&1; do
    kill -0 "$server" 2>/dev/null || { tail -n 30 "$log" >&2; echo "the service did not start: see $log" >&2; exit 1; }
    sleep 0.05
  done
  ready=$(echo "scale=2; ($(date +%s%N) - $started) / 1000000000" | bc)
}

stop_service() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}

memory() {  # live heap after a full GC, and resident memory, of the running service, in MiB
  jcmd "$server" GC.run >/dev/null
  sleep 1
  local heap rss
  heap=$(jcmd "$server" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1)
  rss=$(sed -n 's/VmRSS:\s*\([0-9]*\) kB/\1/p' "/proc/$server/status")
  echo "$((heap / 1024)) $((rss / 1024))"
}
