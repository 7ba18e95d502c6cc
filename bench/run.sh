#!/usr/bin/env bash
# Measures (a) the face encoder's raw forward pass through DJL, (b) subject-verify latency and
# throughput over HTTP at concurrency 1, 2 and 4, (c) the 1:N scan over 100 000 references, in
# process and over HTTP (after enrolling 100 000 references through the API: about 12 minutes).
# Everything runs on this machine; the load goes to 127.0.0.1 only.
# --quick: 100 requests a level, 25 000 references to identify among, 100 forwards: a few
# minutes, to see that everything runs and roughly where it stands; the figures in
# docs/performance.md come from full runs. The bench deletes what it enrolled.
#   [SERVER_ARGS="--siamese.encoder.threads=1 …"] bench/run.sh [--quick] [requests per level, default 400]
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=false
if [ "${1:-}" = --quick ]; then QUICK=true; shift; fi
source bench/build.sh
REQUESTS=${1:-$($QUICK && echo 100 || echo 400)}
FORWARDS=$($QUICK && echo 100 || echo 500)
SUBJECTS=$($QUICK && echo 1250 || echo 5000)  # × 20 references each
source bench/service.sh
trap stop_service EXIT

machine

echo "== (a) raw forward"
java -cp "$CP" bench/ForwardBench.java models/face/model.pt "$FORWARDS" "$(nproc)"
java -cp "$CP" bench/ForwardBench.java models/face/model.pt "$FORWARDS" 1

echo "== (c) identify scan"
java --add-modules=jdk.incubator.vector -cp "$CP" bench/IdentifyBench.java "$((SUBJECTS * 20))"

echo "== (b) verify over HTTP"
# shellcheck disable=SC2086
start_service target/bench-server.log --siamese.gallery.store=memory --logging.level.root=WARN ${SERVER_ARGS:-}
java -cp "$CP" bench/HttpBench.java "http://127.0.0.1:$PORT" verify "$REQUESTS" 1 2 4
echo "native and JVM threads of the service after the load: $(ls /proc/$server/task | wc -l)"

echo "== (c) identify over HTTP"
java -cp "$CP" bench/HttpBench.java "http://127.0.0.1:$PORT" identify "$SUBJECTS"

