-- Authenticated write: POST /api/v1/orgs creating a division under Sở Tài chính (insert +
-- hash-chained audit entry in one transaction). Codes are unique per wrk thread and request,
-- so 64 concurrent writers never conflict; COOKIE, CSRF and PARENT_ID come from bench/run.sh.
local cookie = os.getenv("COOKIE")
local csrf = os.getenv("CSRF")
local parent = os.getenv("PARENT_ID")
local counter = 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  wrk.headers["Cookie"] = "baocao_session=" .. cookie
  wrk.headers["X-CSRF-Token"] = csrf
  wrk.headers["Content-Type"] = "application/json"
end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"code":"B%d.%d","name":"Tổ đo tải %d","type":"division","parent_id":%s}',
    tid, counter, counter, parent)
  return wrk.format("POST", "/api/v1/orgs", nil, body)
end

errors = 0  -- global: read back per thread in done()
response = function(status, headers, body)
  if status ~= 201 then errors = errors + 1 end
end

function done(summary, latency, requests)
  local non201 = 0
  for _, t in ipairs(threads) do non201 = non201 + (t:get("errors") or 0) end
  io.write(string.format("answers other than 201 Created: %d\n", non201))
end
