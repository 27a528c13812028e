-- wrk script: cycles through the article paths in $PATHS_FILE, each prefixed with $PREFIX
-- (/content/<book>/ for wikikiosk, /<book>/ for kiwix-serve 3.3.0).
local paths = {}
local prefix = os.getenv("PREFIX") or "/"
for line in io.lines(os.getenv("PATHS_FILE")) do
  if #line > 0 then paths[#paths + 1] = prefix .. line end
end
local index = 0
request = function()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end
-- The RESULT line: result.lua, next to this script.
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "result.lua")
