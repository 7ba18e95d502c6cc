#!/usr/bin/env bash
# Trains the shipped signature encoder on four sets together and writes model.pt and model.json
# beside this script: each set split by writer, 70 % train, 15 % validate (best epoch, threshold,
# subject rule), 15 % test (reported once, never used for a choice). About 80 minutes on 2 cores.
#   models/signature/build.sh            (DATA=folder holding the sets, RUN=run folder, PYTHON=interpreter)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PYTHONPATH="models/training${PYTHONPATH:+:$PYTHONPATH}"
PYTHON=${PYTHON:-python3}
DATA=${DATA:-../shared/data}
RUN=${RUN:-models/training/runs/signature}
CACHE=${CACHE:-models/training/runs/cache}
OUT=models/signature
train() { "$PYTHON" -m siamese_training "$@"; }

for set in signatures-cedar signatures-bhsig260-bengali signatures-bhsig260-hindi signatures-crossmedia-zh; do
  [ -d "$DATA/$set" ] || { echo "no $set under $DATA (set DATA=…)" >&2; exit 1; }
done
train train --config "$OUT/train-config.json" --data "$DATA" --out "$RUN" --cache "$CACHE"
train export --run "$RUN" --out "$OUT/model.pt"
for part in validation test; do
  from=(); [ "$part" = test ] && from=(--threshold-from "$RUN/validation/report.json")
  train evaluate --model "$OUT/model.pt" --run "$RUN" --data "$DATA" --cache "$CACHE" --part "$part" \
    --out "$RUN/$part" "${from[@]}"
  from=(); [ "$part" = test ] && from=(--thresholds-from "$RUN/rules-validation/rules.json")
  train rules --model "$OUT/model.pt" --run "$RUN" --data "$DATA" --cache "$CACHE" --part "$part" \
    --references 5 --out "$RUN/rules-$part" "${from[@]}"
done
train card --run "$RUN" --model "$OUT/model.pt" --template "$OUT/card-template.json" \
  --validation "$RUN/validation/report.json" --test "$RUN/test/report.json" \
  --rules-validation "$RUN/rules-validation/rules.json" --rules-test "$RUN/rules-test/rules.json" \
  --out "$OUT/model.json"
cp "$RUN/test/roc.png" "$OUT/roc-test.png"
"$PYTHON" "$OUT/make_golden.py"
