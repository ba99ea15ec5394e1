#pragma once
/// Background work: scheduled jobs and queues. Handlers run on the host's
/// bounded job worker pool, never on HTTP threads. With `redis.url` set the
/// engine is Redis-backed (a scheduled job runs once per tick across all
/// hosts; queued jobs survive restarts); without it an in-process engine with
/// the same API runs them (queued jobs do not survive a restart).

#include <Poco/Dynamic/Var.h>

#include <chrono>
#include <functional>
#include <string>

namespace motel::sdk {

struct JobOptions {
    std::chrono::milliseconds delay{0}; ///< run no earlier than now + delay
    int maxAttempts = 5;                ///< then the job goes to the dead-letter list
};

class Jobs {
public:
    using JobFn = std::function<void()>;
    /// Throw to fail the attempt; it is retried with exponential backoff.
    using QueueHandler = std::function<void(const Poco::Dynamic::Var& payload)>;

    virtual ~Jobs() = default;
    /// Run `fn` every `interval`, starting one interval after the host starts.
    virtual void every(const std::string& name, std::chrono::milliseconds interval, JobFn fn) = 0;
    /// Run `fn` on a five-field cron schedule ("m h dom mon dow", UTC).
    /// Throws std::invalid_argument for a malformed expression.
    virtual void cron(const std::string& name, const std::string& expression, JobFn fn) = 0;
    /// Consume jobs from `queue`; one handler per queue.
    virtual void handle(const std::string& queue, QueueHandler handler) = 0;
    /// Queue a job; `payload` must be JSON-serialisable.
    virtual void enqueue(const std::string& queue, const Poco::Dynamic::Var& payload, JobOptions options = {}) = 0;
};

} // namespace motel::sdk
