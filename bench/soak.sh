#!/usr/bin/env bash
# A soak: the packaged jar with the embedded store, its maximum throughput for a mix of
# subject-verify, identify and enrol-then-delete measured, then that mix at 80 % of it for
# 30 minutes, resident memory sampled every 10 s. Passes with no failed request, no request
# late on schedule, and resident memory grown by less than 5 % after the warm-up. Run by hand
# (docs/performance.md has the figures); the load goes to 127.0.0.1 only.
#   [JAVA_OPTIONS=-Xmx1690m] bench/soak.sh [minutes, default 30] [fraction of the maximum, default 0.8]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/build.sh
MINUTES=${1:-30}
FRACTION=${2:-0.8}
WORK=$(mktemp -d /tmp/siamese-soak.XXXXXX)
source bench/service.sh
trap 'stop_service; rm -rf "$WORK"' EXIT

machine
echo "== soak: $MINUTES min at $FRACTION of the maximum throughput"
start_service "$WORK/service.log" "--siamese.gallery.embedded.path=$WORK/data"
java bench/SoakBench.java "http://127.0.0.1:$PORT" "$server" "$MINUTES" "$FRACTION"
if grep -q " ERROR " "$WORK/service.log"; then
  echo "the service logged errors:" >&2
  grep " ERROR " "$WORK/service.log" | head -20 >&2
  exit 1
fi
