#include "AuditWriter.h"

#include "AuditRepository.h"

#include <motel/sdk/ExceptionText.h>

namespace motel::auth {

AuditWriter::AuditWriter(sdk::Database& database, Poco::Logger& logger, std::size_t capacity)
    : database_(database), logger_(logger), capacity_(capacity), thread_([this] { run(); }) {}

AuditWriter::~AuditWriter() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void AuditWriter::submit(AuditEntry entry) noexcept {
    try {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (queue_.size() >= capacity_) {
                // Count rather than log each one: a flood must not flood the log too.
                if (dropped_++ % 1000 == 0)
                    logger_.error("audit queue full (%z entries): dropping entries; %Lu dropped so far", capacity_,
                                  static_cast<Poco::UInt64>(dropped_));
                return;
            }
            queue_.push_back(std::move(entry));
            ++submitted_;
        }
        wake_.notify_one();
    } catch (...) {
        // Out of memory while queueing: the request it describes still succeeded.
    }
}

void AuditWriter::flush() {
    std::unique_lock<std::mutex> lock(mutex_);
    const std::uint64_t target = submitted_;
    settled_.wait(lock, [&] { return finished_ >= target; });
}

std::uint64_t AuditWriter::dropped() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return dropped_;
}

void AuditWriter::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
        wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return; // stopping, and everything is written
        std::vector<AuditEntry> batch;
        while (!queue_.empty() && batch.size() < kBatchSize) {
            batch.push_back(std::move(queue_.front()));
            queue_.pop_front();
        }
        lock.unlock();
        write(batch);
        lock.lock();
        finished_ += batch.size();
        settled_.notify_all();
    }
}

void AuditWriter::write(const std::vector<AuditEntry>& batch) {
    try {
        database_.transaction([&](sdk::SqlSession& session) {
            AuditRepository audit(session);
            for (const auto& entry : batch) audit.insert(entry);
        });
        return;
    } catch (...) {
        if (batch.size() == 1) {
            logger_.error("audit entry %s could not be stored: %s", batch.front().action,
                          sdk::describeCurrentException());
            return;
        }
    }
    // The batch failed as a whole: store what can be stored, one by one.
    for (const auto& entry : batch) {
        try {
            database_.withSession([&](sdk::SqlSession& session) { AuditRepository(session).insert(entry); });
        } catch (...) {
            logger_.error("audit entry %s could not be stored: %s", entry.action, sdk::describeCurrentException());
        }
    }
}

} // namespace motel::auth
