#pragma once
/// Stores audit entries in `audit_log` off the caller's thread. The host
/// publishes `audit.request` on the request thread before the answer is sent,
/// so the subscriber only queues the entry (a lock and a push) and this
/// writer's own thread inserts queued entries in batches, one transaction per
/// batch.
///
/// Never throws to the submitter: a full queue drops the entry and a failed
/// insert is logged (with the action, never the detail), then forgotten. The
/// destructor writes what is still queued, then stops the thread; flush()
/// waits for everything submitted so far (operator commands and tests).

#include "AuditEntry.h"

#include <motel/sdk/Database.h>

#include <Poco/Logger.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace motel::auth {

class AuditWriter {
public:
    AuditWriter(sdk::Database& database, Poco::Logger& logger, std::size_t capacity = kDefaultCapacity);
    ~AuditWriter();
    AuditWriter(const AuditWriter&) = delete;
    AuditWriter& operator=(const AuditWriter&) = delete;

    /// Queues `entry`; returns at once. Never throws.
    void submit(AuditEntry entry) noexcept;
    /// Returns once every entry submitted before the call is written (or failed).
    void flush();
    /// Entries refused because the queue was full.
    std::uint64_t dropped() const;

    static constexpr std::size_t kDefaultCapacity = 10000;
    static constexpr std::size_t kBatchSize = 200;

private:
    sdk::Database& database_;
    Poco::Logger& logger_;
    const std::size_t capacity_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;    ///< work arrived or stop requested
    std::condition_variable settled_; ///< a batch finished
    std::deque<AuditEntry> queue_;
    std::uint64_t submitted_ = 0; ///< entries accepted so far
    std::uint64_t finished_ = 0;  ///< entries written or given up
    std::uint64_t dropped_ = 0;
    bool stopping_ = false;
    std::thread thread_;

    void run();
    void write(const std::vector<AuditEntry>& batch);
};

} // namespace motel::auth
