-- wrk script for bench/load.sh: POSTs the multipart body in BODY_FILE (boundary "bench") with the
-- run's API key, counts every answer whose status is not EXPECTED_STATUS, and prints one line in
-- the format of HttpBench's closed-loop rows.
local file = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "multipart/form-data; boundary=bench"
wrk.headers["X-API-Key"] = os.getenv("SIAMESE_BENCH_KEY")

local expected = tonumber(os.getenv("EXPECTED_STATUS") or "200")
local unexpected = 0

function response(status, headers, body)
  if status ~= expected then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("%s concurrency %s: requests=%d p50=%.1f ms p99=%.1f ms throughput=%.1f req/s failed=%d\n",
    os.getenv("LABEL") or "load", os.getenv("CONCURRENCY") or "?", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1000000),
    unexpected + errors.connect + errors.read + errors.write + errors.timeout))
end
