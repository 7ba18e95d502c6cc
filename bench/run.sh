#!/usr/bin/env bash
# Measures (a) the face encoder's raw forward pass through DJL, (b) subject-verify latency and
# throughput over HTTP at concurrency 1, 2 and 4, (c) the 1:N scan over 100 000 references, in
# process and over HTTP (after enrolling 100 000 references through the API: about 12 minutes).
# Everything runs on this machine; the load goes to 127.0.0.1 only.
#   [SERVER_ARGS="--siamese.encoder.threads=1 …"] bench/run.sh [requests per level, default 400]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/build.sh
REQUESTS=${1:-400}
source bench/service.sh
trap stop_service EXIT

machine

echo "== (a) raw forward"
java -cp "$CP" bench/ForwardBench.java models/face/model.pt 500 "$(nproc)"
java -cp "$CP" bench/ForwardBench.java models/face/model.pt 500 1

echo "== (c) identify scan"
java --add-modules=jdk.incubator.vector -cp "$CP" bench/IdentifyBench.java

echo "== (b) verify over HTTP"
# shellcheck disable=SC2086
start_service target/bench-server.log --siamese.gallery.store=memory --logging.level.root=WARN ${SERVER_ARGS:-}
java -cp "$CP" bench/HttpBench.java "http://127.0.0.1:$PORT" verify "$REQUESTS" 1 2 4
echo "native and JVM threads of the service after the load: $(ls /proc/$server/task | wc -l)"

echo "== (c) identify over HTTP"
java -cp "$CP" bench/HttpBench.java "http://127.0.0.1:$PORT" identify 5000

