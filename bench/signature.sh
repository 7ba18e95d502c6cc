#!/usr/bin/env bash
# The signature encoder's speed at one intra-op thread: (a) the raw forward pass at batch 1, and
# (b) encoding one signature through the service's own pipeline (decode, preprocessing, forward),
# timed by the calibrate command over the test writers of a set, one image after another.
#   bench/signature.sh [set folder, default ../shared/data/signatures-cedar]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/build.sh
SET=${1:-../shared/data/signatures-cedar}
export DJL_OFFLINE=true
OUT=$(mktemp -d /tmp/siamese-signature-bench.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

machine
echo "== (a) raw forward, 1 intra-op thread"
java -cp "$CP" bench/ForwardBench.java models/signature/model.pt 1000 1
echo "== (b) encode through the serving pipeline, 1 intra-op thread, one image at a time"
name=$(basename "$SET"); name=${name#signatures-}
writers=$(python3 -c "import json,sys; c=json.load(open('models/signature/model.json')); \
print(','.join(w.split('/',1)[1] for w in c['training']['writers']['test'] if w.startswith(sys.argv[1] + '/')))" "$name")
[ -n "$writers" ] || { echo "no test writers of $name in models/signature/model.json" >&2; exit 1; }
java -Dsiamese.encoder.threads=1 -Dsiamese.encoder.inference-workers=1 -jar target/siamese-verify-0.1.0-SNAPSHOT.jar \
  calibrate --model signature --data "$SET" --forgeries forged_ --classes "$writers" --out "$OUT" > "$OUT/log"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); \
print(f\"{r['encoded']} signatures of {r['data']} encoded, {r['encodeMsPerImage']} ms each\")" "$OUT/report.json"
