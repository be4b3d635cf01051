-- wrk script for scripts/load: a realistic mix of pane queries (keywords, misspellings, long
-- caller questions, Spanish, words still being typed), sent with the API token in $TOKEN. As
-- the pane asks: only the first hit whole (`whole=first`); WHOLE=all asks for every hit whole.
local token = os.getenv("TOKEN") or ""
local whole = os.getenv("WHOLE") or "first"
local queries = {
  "maintenance", "how+long+does+maintenance+last", "blinatumamab", "spinal+tap",
  "6mp", "ph+positive", "my+husband+has+philadelphia+positive+ALL+does+he+still+need+chemo",
  "%C2%BFcu%C3%A1nto+dura+el+mantenimiento%3F", "punci%C3%B3n+lumbar", "consolid",
  "relapse+treatment+options", "cns+prophylaxis", "mainten", "induction+side+effects",
  "stem+cell+transplant", "tpmt",
}
local i = 0
request = function()
  i = i + 1
  local q = queries[(i % #queries) + 1]
  return wrk.format("GET", "/api/search?whole=" .. whole .. "&q=" .. q, { ["Authorization"] = "Bearer " .. token })
end
