#include "services/redis/RedisQueueStore.h"

#include "services/redis/RedisConnection.h"
#include "services/redis/RedisError.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <map>
#include <sstream>
#include <stdexcept>

namespace motel::host {

namespace {

// Due times use Redis's clock, so hosts with skewed clocks agree.
const char* const kNow = R"lua(
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
-- Rounded up, against nowMs() rounded down: never due early.
local function dueMs(delay)
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.ceil(tonumber(t[2]) / 1000) + tonumber(delay)
end
)lua";

// KEYS: delayed. ARGV: delay ms, member.
const char* const kEnqueueDelayed = R"lua(
redis.call('ZADD', KEYS[1], dueMs(ARGV[1]), ARGV[2])
return 1
)lua";

// KEYS: delayed, stream. ARGV: limit. Returns {moved, ms until the next, or -1}.
const char* const kPromote = R"lua(
local now = nowMs()
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
for _, member in ipairs(due) do
  local job = cjson.decode(member)
  redis.call('XADD', KEYS[2], '*', 'id', job.id, 'payload', job.payload,
             'attempts', job.attempts, 'maxAttempts', job.maxAttempts)
  redis.call('ZREM', KEYS[1], member)
end
local nextDue = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local wait = -1
if nextDue[2] then wait = math.max(0, tonumber(nextDue[2]) - now) end
return {#due, wait}
)lua";

// KEYS: stream. ARGV: group, entry id. Returns 1, or 0 when the lease was lost.
const char* const kAcknowledge = R"lua(
local acked = redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
if acked == 1 then redis.call('XDEL', KEYS[1], ARGV[2]) end
return acked
)lua";

// KEYS: stream, delayed, dead. ARGV: group, entry id, job id, payload,
// attempts made (this one included), max attempts, error, retry in ms,
// dead-letter limit. Returns 0 lease lost, 1 retrying, 2 dead.
const char* const kFail = R"lua(
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('XDEL', KEYS[1], ARGV[2])
if tonumber(ARGV[5]) >= tonumber(ARGV[6]) then
  redis.call('RPUSH', KEYS[3], cjson.encode({id = ARGV[3], payload = ARGV[4], attempts = ARGV[5],
                                             error = ARGV[7], failedAt = nowMs()}))
  redis.call('LTRIM', KEYS[3], -tonumber(ARGV[9]), -1)
  return 2
end
redis.call('ZADD', KEYS[2], dueMs(ARGV[8]),
           cjson.encode({id = ARGV[3], payload = ARGV[4], attempts = ARGV[5], maxAttempts = ARGV[6]}))
return 1
)lua";

// KEYS: stream. ARGV: group, entry id, job id, payload, attempts, max attempts.
const char* const kGiveBack = R"lua(
if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('XDEL', KEYS[1], ARGV[2])
redis.call('XADD', KEYS[1], '*', 'id', ARGV[3], 'payload', ARGV[4], 'attempts', ARGV[5], 'maxAttempts', ARGV[6])
return 1
)lua";

// KEYS: stream, dead. ARGV: group, consumer, min idle ms, count, dead-letter
// limit. Returns {requeued, dead}.
const char* const kReclaim = R"lua(
local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], '0-0', 'COUNT', ARGV[4])
local requeued, dead = 0, 0
for _, entry in ipairs(claimed[2]) do
  local entryId, fields = entry[1], entry[2]
  redis.call('XACK', KEYS[1], ARGV[1], entryId)
  redis.call('XDEL', KEYS[1], entryId)
  if fields then
    local job = {}
    for i = 1, #fields, 2 do job[fields[i]] = fields[i + 1] end
    local attempts = (tonumber(job.attempts) or 0) + 1
    if attempts >= (tonumber(job.maxAttempts) or 1) then
      redis.call('RPUSH', KEYS[2], cjson.encode({id = job.id or entryId, payload = job.payload or 'null',
        attempts = tostring(attempts), failedAt = nowMs(),
        error = 'the worker running it stopped responding (visibility timeout expired)'}))
      redis.call('LTRIM', KEYS[2], -tonumber(ARGV[5]), -1)
      dead = dead + 1
    else
      redis.call('XADD', KEYS[1], '*', 'id', job.id or entryId, 'payload', job.payload or 'null',
                 'attempts', tostring(attempts), 'maxAttempts', job.maxAttempts or '1')
      requeued = requeued + 1
    end
  end
end
return {requeued, dead}
)lua";

// KEYS: stream, delayed, dead. ARGV: group. Returns {length, leased, delayed, dead}.
const char* const kCounts = R"lua(
local leased = 0
local ok, summary = pcall(redis.call, 'XPENDING', KEYS[1], ARGV[1])
if ok then leased = summary[1] end
return {redis.call('XLEN', KEYS[1]), leased, redis.call('ZCARD', KEYS[2]), redis.call('LLEN', KEYS[3])}
)lua";

// KEYS: stream. ARGV: group, consumer.
const char* const kForgetConsumer = R"lua(
local ok, held = pcall(redis.call, 'XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2])
if ok and #held == 0 then return redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2]) end
return -1
)lua";

std::string withClock(const char* script) {
    return std::string(kNow) + script;
}

int toInt(const std::string& text, int fallback) {
    try {
        return std::stoi(text);
    } catch (const std::exception&) {
        return fallback;
    }
}

JobDelivery toDelivery(const std::string& queue, const RedisReply& entry) {
    JobDelivery job;
    job.queue = queue;
    job.entryId = entry.elements().at(0).text();
    std::map<std::string, std::string> fields;
    const auto& pairs = entry.elements().at(1).elements();
    for (std::size_t index = 0; index + 1 < pairs.size(); index += 2)
        fields[pairs[index].text()] = pairs[index + 1].text();
    job.jobId = fields.count("id") ? fields["id"] : job.entryId;
    job.payload = fields.count("payload") ? fields["payload"] : "null";
    job.attempts = toInt(fields["attempts"], 0);
    job.maxAttempts = toInt(fields["maxAttempts"], 1);
    return job;
}

std::string toMember(const std::string& jobId, const std::string& payload, int attempts, int maxAttempts) {
    Poco::JSON::Object member;
    member.set("id", jobId);
    member.set("payload", payload);
    member.set("attempts", std::to_string(attempts));
    member.set("maxAttempts", std::to_string(maxAttempts));
    std::ostringstream text;
    member.stringify(text);
    return text.str();
}

} // namespace

const char* const RedisQueueStore::group = "workers";

RedisQueueStore::RedisQueueStore(std::string prefix, std::size_t deadLetterLimit)
    : prefix_(std::move(prefix)), deadLetterLimit_(std::to_string(deadLetterLimit)),
      enqueueDelayed_(withClock(kEnqueueDelayed)), promote_(withClock(kPromote)), acknowledge_(kAcknowledge),
      fail_(withClock(kFail)), giveBack_(kGiveBack), reclaim_(withClock(kReclaim)), counts_(kCounts),
      forgetConsumer_(kForgetConsumer) {
    if (deadLetterLimit == 0) throw std::invalid_argument("the dead-letter list must keep at least one job");
}

void RedisQueueStore::ensureGroup(RedisConnection& redis, const std::string& queue) const {
    try {
        redis.command({"XGROUP", "CREATE", streamKey(queue), group, "0", "MKSTREAM"});
    } catch (const RedisCommandError& error) {
        if (!error.is("BUSYGROUP")) throw;
    }
}

void RedisQueueStore::enqueue(RedisConnection& redis, const std::string& queue, const std::string& jobId,
                              const std::string& payload, int maxAttempts, std::chrono::milliseconds delay) const {
    if (delay.count() > 0) {
        enqueueDelayed_.run(redis, {delayedKey(queue)},
                            {std::to_string(delay.count()), toMember(jobId, payload, 0, maxAttempts)});
        return;
    }
    redis.command({"XADD", streamKey(queue), "*", "id", jobId, "payload", payload, "attempts", "0", "maxAttempts",
                   std::to_string(maxAttempts)});
}

std::vector<JobDelivery> RedisQueueStore::fetch(RedisConnection& redis, const std::string& consumer,
                                                const std::vector<std::string>& queues, std::size_t count,
                                                std::chrono::milliseconds block) const {
    std::vector<std::string> command{"XREADGROUP", "GROUP",
                                     group,        consumer,
                                     "COUNT",      std::to_string(count),
                                     "BLOCK",      std::to_string(std::max<long long>(1, block.count())),
                                     "STREAMS"};
    std::map<std::string, std::string> queueOfKey;
    for (const auto& queue : queues) {
        command.push_back(streamKey(queue));
        queueOfKey[streamKey(queue)] = queue;
    }
    command.insert(command.end(), queues.size(), ">");
    const auto reply = redis.blockingCommand(command, block);
    std::vector<JobDelivery> jobs;
    for (const auto& stream : reply.elements()) {
        const auto& queue = queueOfKey.at(stream.elements().at(0).text());
        for (const auto& entry : stream.elements().at(1).elements()) jobs.push_back(toDelivery(queue, entry));
    }
    return jobs;
}

bool RedisQueueStore::acknowledge(RedisConnection& redis, const JobDelivery& job) const {
    return acknowledge_.run(redis, {streamKey(job.queue)}, {group, job.entryId}).integer() == 1;
}

RedisQueueStore::FailOutcome RedisQueueStore::fail(RedisConnection& redis, const JobDelivery& job,
                                                   const std::string& error, std::chrono::milliseconds retryIn) const {
    const auto outcome =
        fail_
            .run(redis, {streamKey(job.queue), delayedKey(job.queue), deadKey(job.queue)},
                 {group, job.entryId, job.jobId, job.payload, std::to_string(job.attempts + 1),
                  std::to_string(job.maxAttempts), error, std::to_string(retryIn.count()), deadLetterLimit_})
            .integer();
    return outcome == 0 ? FailOutcome::leaseLost : outcome == 1 ? FailOutcome::retrying : FailOutcome::dead;
}

bool RedisQueueStore::giveBack(RedisConnection& redis, const JobDelivery& job) const {
    return giveBack_
               .run(redis, {streamKey(job.queue)},
                    {group, job.entryId, job.jobId, job.payload, std::to_string(job.attempts),
                     std::to_string(job.maxAttempts)})
               .integer() == 1;
}

std::vector<std::string> RedisQueueStore::renewLeases(RedisConnection& redis, const std::string& consumer,
                                                      const std::string& queue,
                                                      const std::vector<std::string>& entryIds) const {
    if (entryIds.empty()) return {};
    std::vector<std::string> command{"XCLAIM", streamKey(queue), group, consumer, "0"};
    command.insert(command.end(), entryIds.begin(), entryIds.end());
    command.push_back("JUSTID");
    const auto reply = redis.command(command);
    std::vector<std::string> held;
    for (const auto& id : reply.elements()) held.push_back(id.text());
    return held;
}

RedisQueueStore::Promotion RedisQueueStore::promoteDue(RedisConnection& redis, const std::string& queue,
                                                       std::size_t limit) const {
    const auto reply = promote_.run(redis, {delayedKey(queue), streamKey(queue)}, {std::to_string(limit)});
    Promotion promotion;
    promotion.moved = static_cast<std::size_t>(reply.elements().at(0).integer());
    const auto wait = reply.elements().at(1).integer();
    if (wait >= 0) promotion.nextDueIn = std::chrono::milliseconds(wait);
    return promotion;
}

RedisQueueStore::Reclaimed RedisQueueStore::reclaimExpired(RedisConnection& redis, const std::string& consumer,
                                                           const std::string& queue,
                                                           std::chrono::milliseconds visibilityTimeout,
                                                           std::size_t limit) const {
    const auto reply = reclaim_.run(
        redis, {streamKey(queue), deadKey(queue)},
        {group, consumer, std::to_string(visibilityTimeout.count()), std::to_string(limit), deadLetterLimit_});
    return {static_cast<std::size_t>(reply.elements().at(0).integer()),
            static_cast<std::size_t>(reply.elements().at(1).integer())};
}

RedisQueueStore::Counts RedisQueueStore::counts(RedisConnection& redis, const std::string& queue) const {
    const auto reply = counts_.run(redis, {streamKey(queue), delayedKey(queue), deadKey(queue)}, {group});
    const auto length = reply.elements().at(0).integer();
    const auto leased = reply.elements().at(1).integer();
    Counts counts;
    counts.waiting = static_cast<std::size_t>(std::max<std::int64_t>(0, length - leased));
    counts.leased = static_cast<std::size_t>(leased);
    counts.delayed = static_cast<std::size_t>(reply.elements().at(2).integer());
    counts.dead = static_cast<std::size_t>(reply.elements().at(3).integer());
    return counts;
}

std::vector<JobEngine::DeadLetter> RedisQueueStore::deadLetters(RedisConnection& redis,
                                                                const std::string& queue) const {
    std::vector<JobEngine::DeadLetter> letters;
    const auto reply = redis.command({"LRANGE", deadKey(queue), "0", "-1"});
    for (const auto& item : reply.elements()) {
        const auto record = Poco::JSON::Parser().parse(item.text()).extract<Poco::JSON::Object::Ptr>();
        JobEngine::DeadLetter letter;
        letter.payload = record->optValue<std::string>("payload", "null");
        letter.attempts = toInt(record->optValue<std::string>("attempts", "0"), 0);
        letter.error = record->optValue<std::string>("error", "");
        letters.push_back(std::move(letter));
    }
    return letters;
}

void RedisQueueStore::forgetConsumer(RedisConnection& redis, const std::string& consumer,
                                     const std::string& queue) const {
    forgetConsumer_.run(redis, {streamKey(queue)}, {group, consumer});
}

} // namespace motel::host
