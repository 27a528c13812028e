-- wrk script: cycles through the queries in $QUERIES_FILE (one per line), each percent-encoded
-- and appended to $PREFIX (e.g. /search?content=<book>&pattern= or /suggest?content=<book>&term=).
-- $PREFIXLEN > 0 keeps only the first N characters of each query (keystroke-like suggestion terms).
-- $QUERY_START (0) is how many queries of the cycle to skip first: fitness.sh warms a server up on
-- the list's tail (QUERY_START=1500) and measures from its start, so the measured queries are not
-- ones a server with a result cache just answered. RESULT also gives `requests` (how many were sent).
-- The RESULT line also counts `busy` answers: wikikiosk's quick title-matches-only search pages
-- (header X-Search-Busy), given when too many searches are waiting.
local queries = {}
local prefix = os.getenv("PREFIX") or "/search?pattern="
local cut = tonumber(os.getenv("PREFIXLEN") or "0")
local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
for line in io.lines(os.getenv("QUERIES_FILE")) do
  if #line > 0 then
    if cut > 0 then line = line:sub(1, cut) end
    queries[#queries + 1] = prefix .. encode(line)
  end
end
local index = tonumber(os.getenv("QUERY_START") or "0") % #queries
request = function()
  index = index % #queries + 1
  return wrk.format("GET", queries[index])
end
-- Counters live in each thread's Lua state; `done` (main state) reads them through setup's handles.
local threads = {}
setup = function(thread) table.insert(threads, thread) end
errors = 0
busy = 0
response = function(status, headers, body)
  if status >= 400 then errors = errors + 1 end
  if headers["X-Search-Busy"] ~= nil then busy = busy + 1 end
end
done = function(summary, latency, requests)
  local answeredBusy = 0
  for _, thread in ipairs(threads) do answeredBusy = answeredBusy + (thread:get("busy") or 0) end
  io.write(string.format("RESULT rps=%.1f p50=%.2f p99=%.2f errors=%d non2xx=%d busy=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.errors.status, answeredBusy, summary.requests))
end
