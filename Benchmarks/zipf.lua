-- wrk script: Zipf(1) over every article path in $PATHS_FILE, each prefixed with $PREFIX.
-- The file's order is the popularity ranking (fitness.sh passes the shuffled list, so popular
-- pages are spread over the ZIM's clusters as real ones are); rank k is asked with probability
-- proportional to 1/k. The generator is seeded with $ZIPF_SEED (1), so every server gets the
-- same sequence of pages.
local paths = {}
local prefix = os.getenv("PREFIX") or "/"
for line in io.lines(os.getenv("PATHS_FILE")) do
  if #line > 0 then paths[#paths + 1] = prefix .. line end
end
local n = #paths
local cumulative, total = {}, 0
for k = 1, n do
  total = total + 1 / k
  cumulative[k] = total
end
math.randomseed(tonumber(os.getenv("ZIPF_SEED") or "1"))
local function rank()
  local target = math.random() * total
  local low, high = 1, n
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < target then low = middle + 1 else high = middle end
  end
  return low
end
request = function()
  return wrk.format("GET", paths[rank()])
end
-- The RESULT line: result.lua, next to this script.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "result.lua")
