-- Authenticated write: PATCH /api/v1/orgs/{id} renaming a unit. Each request reads the
-- version it must send from the previous answer, as a real client does (optimistic locking).
local cookie = os.getenv("COOKIE")
local csrf = os.getenv("CSRF")
local unit = os.getenv("UNIT_ID")
local version = tonumber(os.getenv("VERSION"))
local n = 0
local conflicts = 0
wrk.headers["Cookie"] = "baocao_session=" .. cookie
wrk.headers["X-CSRF-Token"] = csrf
wrk.headers["Content-Type"] = "application/json"
request = function()
  n = n + 1
  local body = string.format('{"version":%d,"name":"Phòng Tổng hợp (đo tải %d)"}', version, n)
  return wrk.format("PATCH", "/api/v1/orgs/" .. unit, nil, body)
end
response = function(status, headers, body)
  local v = body:match('"version":(%d+)')
  if v then version = tonumber(v) end
  if status == 409 then
    conflicts = conflicts + 1
  end
end
