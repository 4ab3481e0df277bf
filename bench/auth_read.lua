-- Authenticated JSON read: GET /api/v1/orgs?parent_id=<HCMC> with the session cookie.
-- COOKIE and PATH come from the environment (bench/run.sh logs in first).
local cookie = os.getenv("COOKIE")
local path = os.getenv("READ_PATH") or "/api/v1/orgs?roots=1"
wrk.method = "GET"
wrk.headers["Cookie"] = "baocao_session=" .. cookie
request = function() return wrk.format(nil, path) end
