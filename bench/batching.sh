#!/usr/bin/env bash
# Batching across requests, measured in one run: (a) the face encoder's raw forward at batch 1, 4
# and 16 (2 intra-op threads), and (b) subject verify over HTTP at concurrency 1, 2, 4 and 8, with
# a pre-cropped face (detect=false) and with a photo (detection, landmarks, alignment), first with
# batching off (siamese.encoder.max-batch=1), then with the defaults. Prints each throughput at
# concurrency 8 as a ratio of the raw batch-16 rate; and (c) the batch endpoint, 16 faces a request
# at concurrency 1 and 2, as images per second. The load goes to 127.0.0.1 only.
#   bench/batching.sh [requests per level, default 400]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/build.sh
REQUESTS=${1:-400}
source bench/service.sh
OUT=$(mktemp -d /tmp/siamese-batching.XXXXXX)
trap 'stop_service; rm -rf "$OUT"' EXIT

machine
echo "== (a) raw forward, face encoder, $(nproc) intra-op threads"
for batch in 1 4 16; do
  java -cp "$CP" bench/ForwardBench.java models/face/model.pt $((4000 / batch / 4 + 50)) "$(nproc)" "$batch" | tee -a "$OUT/raw"
done
raw16=$(sed -n 's/.*forward batch 16,.* \([0-9.]*\) images\/s/\1/p' "$OUT/raw")
echo "== (b) subject verify over HTTP"
for setting in "--siamese.encoder.max-batch=1" ""; do
  echo "-- ${setting:-defaults (batching on)}"
  # shellcheck disable=SC2086
  start_service "$OUT/service.log" --siamese.gallery.store=memory --logging.level.root=WARN $setting
  for mode in verify verify-photo; do
    java -cp "$CP" bench/HttpBench.java "http://127.0.0.1:$PORT" "$mode" "$REQUESTS" 1 2 4 8 | tee "$OUT/$mode"
    c8=$(sed -n 's/.*concurrency 8:.*throughput=\([0-9.]*\) req\/s/\1/p' "$OUT/$mode")
    echo "   $mode at concurrency 8: $c8 req/s = $(echo "scale=2; $c8 / $raw16" | bc) x the raw batch-16 rate ($raw16 images/s)"
  done
  java -cp "$CP" bench/HttpBench.java "http://127.0.0.1:$PORT" batch $((REQUESTS / 16 + 10)) 16 1 2 | tee "$OUT/batch"
  sed -n 's/.*batch of 16 at concurrency \([0-9]*\): \([0-9.]*\) images\/s/\1 \2/p' "$OUT/batch" | while read -r c rate; do
    echo "   batch endpoint, 16 faces a request, concurrency $c: $rate images/s = $(echo "scale=2; $rate / $raw16" | bc) x the raw batch-16 rate"
  done
  curl -s "$SIAMESE_BENCH_MANAGEMENT/actuator/prometheus" | grep -E '^siamese_encoder_batch_size_(count|sum)\{' | sed 's/^/   /'
  stop_service
done
