-- wrk script for `POST /api/tasks` (bench/domain/run.sh): every request
-- creates a maintenance task with a unique title ("Bench <run> t<thread>
-- #<n>") on one of the suites, cycling over them. Content-Type and the
-- bearer token come from wrk's -H options.
--
--   wrk ... -s post-task.lua URL -- RUN_TAG SUITE_IDS(comma list)

local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("thread_number", threads)
end

function init(args)
    run_tag = args[1] or tostring(os.time())
    suite_ids = {}
    for id in string.gmatch(args[2] or "", "%d+") do
        suite_ids[#suite_ids + 1] = id
    end
    sent = 0
end

function request()
    sent = sent + 1
    local suite = "null"
    if #suite_ids > 0 then suite = suite_ids[(sent % #suite_ids) + 1] end
    local body = string.format('{"type":"maintenance","title":"Bench %s t%d #%d","suiteId":%s,"priority":"normal"}',
        run_tag, thread_number or 0, sent, suite)
    return wrk.format("POST", nil, nil, body)
end
