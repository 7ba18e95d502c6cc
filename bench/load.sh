# Sourced by the bench scripts: closed-loop load from wrk, a load generator in C whose CPU per
# request is small next to the service's. On a machine of two processors the JDK's HttpClient in
# HttpBench takes a share of the CPU the service then lacks: at concurrency 8 HttpBench used 3.6 ms
# of CPU a request and wrk 0.05 ms, and the service answered 116.6 and 145.3 req/s, one after the
# other (docs/performance.md, run 5).
# wrk runs for a time, not a number of requests; every answer must have the expected status.

require_wrk() {
  command -v wrk >/dev/null 2>&1 && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's wrk"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  fi
  command -v wrk >/dev/null 2>&1 || { echo "the bench needs wrk (Debian: apt-get install wrk)" >&2; exit 1; }
}

# multipart_body OUT IMAGE…: the request body with each IMAGE as an "image" part
multipart_body() {
  local out=$1 image; shift
  : > "$out"
  for image in "$@"; do
    printf -- '--bench\r\nContent-Disposition: form-data; name="image"; filename="i.png"\r\nContent-Type: image/png\r\n\r\n' >> "$out"
    cat "$image" >> "$out"
    printf '\r\n' >> "$out"
  done
  printf -- '--bench--\r\n' >> "$out"
}

# closed_loop LABEL URL BODY CONCURRENCY SECONDS [EXPECTED_STATUS]: one wrk row; fails on any
# answer with another status
closed_loop() {
  local row
  row=$(LABEL=$1 BODY_FILE=$3 CONCURRENCY=$4 EXPECTED_STATUS=${6:-200} \
    wrk -t1 -c"$4" -d"$5"s -s bench/closed-loop.lua "$2" | grep ' concurrency ')
  echo "$row"
  case "$row" in
    *failed=0) ;;
    *) echo "wrk: answers with another status than ${6:-200}" >&2; exit 1 ;;
  esac
}
