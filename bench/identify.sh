#!/usr/bin/env bash
# A million references, identified, measured in one run:
# (f) in process: the time one thread takes to stream the gallery's float32 matrix once (the
#     floor under any exact scan), then identify over the same 1 000 000 references (200 000
#     subjects × 5, 128-d, seeded random) for each metric, with the Vector API and with plain
#     loops (a JVM started without the module), each as a ratio of the stream;
# (g) over HTTP: the same number of references imported into the face model's gallery (the
#     default embedded store), identify?limit=5 and subject verify with a face crop
#     (detect=false), and the live heap and resident memory each reference costs.
# Everything runs on this machine; the load goes to 127.0.0.1 only. About 6 minutes.
#   bench/identify.sh [references, default 1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/build.sh
REFERENCES=${1:-1000000}
source bench/service.sh
OUT=$(mktemp -d /tmp/siamese-identify.XXXXXX)
trap 'stop_service; rm -rf "$OUT"' EXIT
VECTOR=--add-modules=jdk.incubator.vector

machine

echo "== (f) in process, $REFERENCES references"
java $VECTOR -Xmx4g bench/MatrixStream.java "$REFERENCES" 2>/dev/null | tee "$OUT/stream"
stream=$(sed -n 's/.* p50=\([0-9.]*\) ms.*/\1/p' "$OUT/stream")
for kernels in vector plain; do
  options=(-Xmx4g -cp "$CP"); [ "$kernels" = vector ] && options=("$VECTOR" "${options[@]}")
  java "${options[@]}" bench/IdentifyBench.java "$REFERENCES" 200 2>/dev/null | tee "$OUT/$kernels"
  sed -n 's/.*references, \([a-z]*\): .* p50=\([0-9.]*\) ms.*/\1 \2/p' "$OUT/$kernels" | while read -r metric p50; do
    echo "   $kernels, $metric: p50 $p50 ms = $(echo "scale=2; $p50 / $stream" | bc) x the stream ($stream ms)"
  done
done

echo "== (g) over HTTP, $REFERENCES references imported into the face gallery"
GALLERY=target/bench-gallery-$REFERENCES-$(face_model_version).ndjson
[ -f "$GALLERY" ] || java bench/GalleryFile.java "$GALLERY" $((REFERENCES / 5)) 5 "$(face_model_version)"
start_service "$OUT/service.log" "--siamese.gallery.embedded.path=$OUT/data"
read -r heap0 rss0 < <(memory)
curl -fsS -X POST -T "$GALLERY" -H 'Content-Type: application/x-ndjson' -H "X-API-Key: $SIAMESE_BENCH_KEY" \
  "http://127.0.0.1:$PORT/v1/models/face/gallery" > "$OUT/import.json"
echo "imported: $(cat "$OUT/import.json")"
read -r heap1 rss1 < <(memory)
echo "per reference: live heap $(( (heap1 - heap0) * 1048576 / REFERENCES )) bytes, resident $(( (rss1 - rss0) * 1048576 / REFERENCES )) bytes"
grep -o "scans run on .*" "$OUT/service.log" | head -1
java -cp "$CP" bench/HttpBench.java "http://127.0.0.1:$PORT" identify-face 200
