#include "services/redis/JobOutbox.h"

#include "services/ExceptionText.h"
#include "services/redis/RedisError.h"

#include <Poco/Logger.h>

namespace motel::host {

JobOutbox::JobOutbox(std::size_t enqueueLimit, Poco::Logger& logger) : enqueueLimit_(enqueueLimit), logger_(logger) {}

bool JobOutbox::addEnqueue(const std::string& queue, std::string description, Write write) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (enqueues_.size() >= enqueueLimit_) return false;
    enqueues_.push_back(Parked{queue, std::move(description), std::move(write)});
    ++enqueuesPerQueue_[queue];
    return true;
}

void JobOutbox::addOutcome(std::string description, Write write) {
    std::lock_guard<std::mutex> lock(mutex_);
    outcomes_.push_back(Parked{"", std::move(description), std::move(write)});
}

bool JobOutbox::flush(RedisConnection& redis) {
    Parked next;
    std::size_t replayed = 0;
    while (takeNext(next)) {
        try {
            next.write(redis);
            ++replayed;
        } catch (const RedisUnavailable&) {
            putBack(std::move(next));
            return false;
        } catch (...) {
            logger_.error("Dropped a job write Redis rejected (%s): %s", next.description, describeCurrentException());
        }
    }
    if (replayed > 0)
        logger_.information("Wrote %s job change(s) held back while Redis was unreachable", std::to_string(replayed));
    return true;
}

std::size_t JobOutbox::size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return outcomes_.size() + enqueues_.size();
}

std::size_t JobOutbox::enqueuesFor(const std::string& queue) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = enqueuesPerQueue_.find(queue);
    return found == enqueuesPerQueue_.end() ? 0 : found->second;
}

bool JobOutbox::takeNext(Parked& next) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& from = !outcomes_.empty() ? outcomes_ : enqueues_;
    if (from.empty()) return false;
    next = std::move(from.front());
    from.pop_front();
    if (!next.queue.empty() && --enqueuesPerQueue_[next.queue] == 0) enqueuesPerQueue_.erase(next.queue);
    return true;
}

void JobOutbox::putBack(Parked parked) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (parked.queue.empty()) {
        outcomes_.push_front(std::move(parked));
        return;
    }
    ++enqueuesPerQueue_[parked.queue];
    enqueues_.push_front(std::move(parked));
}

} // namespace motel::host
