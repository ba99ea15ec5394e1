#pragma once
// Exponential backoff, shared by job retries and Redis reconnects.

#include <chrono>

namespace motel::host {

/// `base * 2^(failures-1)`, capped: the delay before the next try after
/// `failures` consecutive failures. Used for failed jobs (RedisJobs; the
/// in-process engine computes the same figure) and for reconnecting to Redis
/// (RedisConnection), so neither ever retries in a busy loop.
class RetryBackoff {
public:
    /// Throws std::invalid_argument unless 0 < base <= cap.
    RetryBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap);

    /// The delay after `failures` (>= 1) failures; `base` for anything less.
    std::chrono::milliseconds delayAfter(int failures) const;

    std::chrono::milliseconds base() const { return base_; }
    std::chrono::milliseconds cap() const { return cap_; }

private:
    std::chrono::milliseconds base_;
    std::chrono::milliseconds cap_;
};

} // namespace motel::host
