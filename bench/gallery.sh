#!/usr/bin/env bash
# The durable gallery, measured: (e) a gallery of 1 000 000 references (200 000 subjects × 5,
# 128-d) imported, then loaded at start-up from the embedded store and from PostgreSQL: time from
# `java -jar` to readiness, the gallery's own load time, live heap and resident memory per
# reference; (d) enrolment throughput on the memory, embedded and PostgreSQL stores.
# PostgreSQL: a throwaway local cluster (Debian's server binaries, or PG_BIN), fsync on, defaults.
# Everything runs on this machine; the load goes to 127.0.0.1 only. About 10 minutes.
#   bench/gallery.sh [enrolments per concurrency level, default 600]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/build.sh
ENROLMENTS=${1:-600}
PG_PORT=${PG_PORT:-15432}
WORK=$(mktemp -d /tmp/siamese-gallery-bench.XXXXXX)
chmod 755 "$WORK"
source bench/service.sh

pg_bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  stop_service
  [ -d "$WORK/pg" ] && as_pg "$pg_bin/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

gallery_scale() {  # store name, then the service's arguments for it
  local name=$1; shift
  echo "-- $name"
  start_service "$WORK/service.log" "$@"
  echo "empty gallery: ready after $ready s"
  read -r heap0 rss0 < <(memory)
  local t0
  t0=$(date +%s%N)
  curl -fsS -X POST -T "$GALLERY" -H 'Content-Type: application/x-ndjson' -H "X-API-Key: $SIAMESE_BENCH_KEY" \
    "http://127.0.0.1:$PORT/v1/models/face/gallery" > "$WORK/import.json"
  echo "import of 1 000 000 references over HTTP: $(echo "scale=1; ($(date +%s%N) - $t0) / 1000000000" | bc) s ($(cat "$WORK/import.json"))"
  stop_service
  # measure a database at rest, not one still vacuuming and analysing the import
  [ "$name" = postgres ] && psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d scale -c "VACUUM ANALYZE" -c "CHECKPOINT"
  for run in 1 2 3; do
    start_service "$WORK/service.log" "$@"
    load=$(sed -n 's/.*gallery face .* loaded from the .* store in \([0-9]*\) ms.*/\1/p' "$WORK/service.log")
    echo "start $run: ready after $ready s (gallery load $load ms)"
    [ "$run" = 3 ] && read -r heap1 rss1 < <(memory)
    stop_service
  done
  echo "empty gallery: live heap $heap0 MiB, resident $rss0 MiB; 1 000 000 references: live heap $heap1 MiB, resident $rss1 MiB"
  echo "per reference: live heap $(( (heap1 - heap0) * 1048576 / 1000000 )) bytes, resident $(( (rss1 - rss0) * 1048576 / 1000000 )) bytes"
}

machine

echo "== PostgreSQL (a throwaway cluster on 127.0.0.1:$PG_PORT)"
[ -x "$pg_bin/pg_ctl" ] || { echo "no PostgreSQL server binaries: install Debian's postgresql or set PG_BIN" >&2; exit 1; }
mkdir "$WORK/pg"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
as_pg "$pg_bin/initdb" -D "$WORK/pg" -U postgres -A trust -E UTF8 --locale=C >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $WORK/pg" -w start >/dev/null
"$pg_bin/postgres" --version
pg_database() {  # a new database, and the service's arguments for it
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "CREATE DATABASE $1" >/dev/null
  echo "--siamese.gallery.store=postgres --spring.datasource.url=jdbc:postgresql://127.0.0.1:$PG_PORT/$1 --spring.datasource.username=postgres"
}

echo "== (e) a gallery of 1 000 000 references at start-up"
GALLERY=target/bench-gallery-1m-$(face_model_version).ndjson
[ -f "$GALLERY" ] || java bench/GalleryFile.java "$GALLERY" 200000 5 "$(face_model_version)"
gallery_scale embedded "--siamese.gallery.embedded.path=$WORK/embedded-1m"
# shellcheck disable=SC2046
gallery_scale postgres $(pg_database scale)

echo "== (d) enrolment throughput, concurrency 1 and 4, $ENROLMENTS enrolments each"
for store in memory embedded postgres; do
  case $store in
    memory) args="--siamese.gallery.store=memory" ;;
    embedded) args="--siamese.gallery.embedded.path=$WORK/embedded-enrol" ;;
    postgres) args=$(pg_database enrol) ;;
  esac
  echo "-- $store"
  # shellcheck disable=SC2086
  start_service "$WORK/service.log" $args
  java -cp "$CP" bench/HttpBench.java "http://127.0.0.1:$PORT" enrol "$ENROLMENTS" 1 4
  stop_service
done
