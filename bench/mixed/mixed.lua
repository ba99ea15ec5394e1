-- wrk script for bench/mixed/run.sh: 90% reads, 10% writes, as a motel's
-- staff dashboards and phones make them. Per 100 requests:
--   30 GET /api/suites?limit=50      20 GET /api/suites/:id
--   20 GET /api/tasks?limit=50       20 GET /api/tasks/:id
--    5 PATCH /api/suites/:id (notes)  5 POST /api/tasks (a maintenance task)
-- Every write is a domain event the realtime plugin fans out to every
-- listening Socket.IO client. Content-Type and the bearer token come from
-- wrk's -H options.
--
--   wrk ... -s mixed.lua URL -- RUN_TAG SUITE_IDS TASK_IDS [DELAY_MS]   (comma lists)
--
-- DELAY_MS paces each connection (wrk waits that long before its next
-- request), so the run holds a steady rate instead of saturating the host:
-- at saturation the writes' events outrun what 500 listening clients on the
-- same two cores can read, and the realtime plugin drops them as slow
-- consumers (by design).

local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("thread_number", threads)
end

local function ids(list)
    local out = {}
    for id in string.gmatch(list or "", "%d+") do out[#out + 1] = id end
    return out
end

function init(args)
    run_tag = args[1] or tostring(os.time())
    suite_ids = ids(args[2])
    task_ids = ids(args[3])
    pause = tonumber(args[4] or "0")
    sent = 0
end

function delay()
    return pause
end

local function pick(list)
    return list[(sent % #list) + 1]
end

function request()
    sent = sent + 1
    local slot = (sent * 37) % 100 -- spread the kinds evenly over time
    if slot < 5 then
        local body = string.format('{"notes":"mixed %s t%d #%d"}', run_tag, thread_number or 0, sent)
        return wrk.format("PATCH", "/api/suites/" .. pick(suite_ids), nil, body)
    elseif slot < 10 then
        local body = string.format('{"type":"maintenance","title":"Mixed %s t%d #%d","suiteId":%s}', run_tag,
            thread_number or 0, sent, pick(suite_ids))
        return wrk.format("POST", "/api/tasks", nil, body)
    elseif slot < 40 then
        return wrk.format("GET", "/api/suites?limit=50")
    elseif slot < 60 then
        return wrk.format("GET", "/api/suites/" .. pick(suite_ids))
    elseif slot < 80 then
        return wrk.format("GET", "/api/tasks?limit=50")
    else
        return wrk.format("GET", "/api/tasks/" .. pick(task_ids))
    end
end
