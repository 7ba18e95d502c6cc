#!/usr/bin/env bash
# Trains the shipped signature encoder and writes model.pt and model.json beside this script:
# train on 70 % of the writers, choose the threshold on 15 %, report on the last 15 %.
#   models/signature/build.sh            (DATA=folder, RUN=run folder, PYTHON=interpreter)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PYTHONPATH="models/training${PYTHONPATH:+:$PYTHONPATH}"
PYTHON=${PYTHON:-python3}
DATA=${DATA:-../shared/data/signatures-crossmedia-zh}
RUN=${RUN:-models/training/runs/signature}
OUT=models/signature
train() { "$PYTHON" -m siamese_training "$@"; }

[ -d "$DATA" ] || { echo "no signature data at $DATA (set DATA=…)" >&2; exit 1; }
train train --config "$OUT/train-config.json" --data "$DATA" --out "$RUN"
train export --run "$RUN" --out "$OUT/model.pt"
train evaluate --model "$OUT/model.pt" --run "$RUN" --data "$DATA" --part validation --out "$RUN/validation"
train evaluate --model "$OUT/model.pt" --run "$RUN" --data "$DATA" --part test --out "$RUN/test" \
  --threshold-from "$RUN/validation/report.json"
train card --run "$RUN" --model "$OUT/model.pt" --template "$OUT/card-template.json" \
  --validation "$RUN/validation/report.json" --test "$RUN/test/report.json" --out "$OUT/model.json"
cp "$RUN/test/roc.png" "$OUT/roc-test.png"
