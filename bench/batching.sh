#!/usr/bin/env bash
# Batching across requests, measured in one run: (a) the face encoder's raw forward at batch 1, 4
# and 16 (2 intra-op threads), and (b) subject verify over HTTP at concurrency 1, 2, 4 and 8, with
# a pre-cropped face (detect=false) and with a photo (detection, landmarks, alignment), first with
# batching off (siamese.encoder.max-batch=1), then with the defaults; and (c) the batch endpoint,
# 16 faces a request at concurrency 1 and 2, as images per second. The load comes twice: from
# HttpBench (the JDK's HttpClient; its rows also carry the service's own stage timers), then from
# wrk for a fixed time at concurrency 1 and 8 (bench/load.sh: a C load generator, so that the
# client's CPU is not taken from the service on a small machine). Every throughput at
# concurrency 8 is printed as a ratio of the raw batch-16 rate. The load goes to 127.0.0.1 only.
#   bench/batching.sh [requests per level, default 400] [seconds per wrk row, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/build.sh
REQUESTS=${1:-400}
SECONDS_PER_ROW=${2:-15}
source bench/service.sh
source bench/load.sh
require_wrk
OUT=$(mktemp -d /tmp/siamese-batching.XXXXXX)
trap 'stop_service; rm -rf "$OUT"' EXIT
CROP=models/face/golden/sample1-face0-encoder.png
PHOTO=models/face/golden/sample1-detector.png
# shellcheck disable=SC2046
multipart_body "$OUT/batch16" $(for _ in $(seq 16); do echo "$CROP"; done)

throughput() {  # the req/s of the closed-loop rows (HttpBench's or wrk's) on standard input
  sed -n 's/.*throughput=\([0-9.]*\) req\/s.*/\1/p'
}

FORWARDS=$(face_forwards_per_image)
ratio() {  # ratio LABEL RATE UNIT: RATE as a share of the raw batch-16 rate, and the encoder's busy share
  local line
  line="   $1: $2 $3 = $(echo "scale=2; $2 / $raw16" | bc) x the raw batch-16 rate ($raw16 images/s)"
  if [ "$FORWARDS" -gt 1 ]; then
    line="$line; $FORWARDS encoder forwards a face (mirror average): $(echo "scale=2; $2 * $FORWARDS / $raw16" | bc) x"
  fi
  echo "$line"
}

# wrk_verify MODE IMAGE QUERY: enrols a subject with IMAGE, verifies IMAGE against it with wrk
# at concurrency 1 and 8, deletes the subject
wrk_verify() {
  local mode=$1 image=$2 query=$3 subject="wrk-$1" row
  multipart_body "$OUT/$mode.body" "$image"
  curl -fsS -o /dev/null -H "X-API-Key: $SIAMESE_BENCH_KEY" -F "image=@$image" \
    "http://127.0.0.1:$PORT/v1/models/face/subjects/$subject/references$query"
  for c in 1 8; do
    row=$(closed_loop "wrk $mode" "http://127.0.0.1:$PORT/v1/models/face/subjects/$subject/verify$query" \
      "$OUT/$mode.body" "$c" "$SECONDS_PER_ROW")
    echo "$row"
  done
  curl -fsS -o /dev/null -X DELETE -H "X-API-Key: $SIAMESE_BENCH_KEY" "http://127.0.0.1:$PORT/v1/models/face/subjects/$subject"
  ratio "wrk $mode at concurrency 8" "$(echo "$row" | throughput)" req/s  # the last row, c=8
}

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
    ratio "HttpBench $mode at concurrency 8" "$(grep 'concurrency 8:' "$OUT/$mode" | throughput)" req/s
  done
  wrk_verify verify "$CROP" "?detect=false"
  wrk_verify verify-photo "$PHOTO" ""
  echo "== (c) the batch endpoint"
  java -cp "$CP" bench/HttpBench.java "http://127.0.0.1:$PORT" batch $((REQUESTS / 16 + 10)) 16 1 2 | tee "$OUT/batch"
  sed -n 's/.*batch of 16 at concurrency \([0-9]*\): \([0-9.]*\) images\/s/\1 \2/p' "$OUT/batch" | while read -r c rate; do
    ratio "HttpBench batch endpoint, 16 faces a request, concurrency $c" "$rate" images/s
  done
  for c in 1 2; do
    row=$(closed_loop "wrk batch of 16" "http://127.0.0.1:$PORT/v1/models/face/embeddings/batch?detect=false" \
      "$OUT/batch16" "$c" "$SECONDS_PER_ROW")
    echo "$row"
    ratio "wrk batch endpoint, 16 faces a request, concurrency $c" \
      "$(echo "scale=1; $(echo "$row" | throughput) * 16 / 1" | bc)" images/s
  done
  curl -s "$SIAMESE_BENCH_MANAGEMENT/actuator/prometheus" | grep -E '^siamese_encoder_batch_size_(count|sum)\{' | sed 's/^/   /'
  stop_service
done
