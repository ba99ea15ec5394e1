#include "services/redis/JobOutbox.h"

#include "services/ExceptionText.h"
#include "services/redis/RedisError.h"

#include <Poco/Logger.h>

namespace motel::host {

JobOutbox::JobOutbox(std::size_t enqueueLimit, Poco::Logger& logger) : _enqueueLimit(enqueueLimit), _logger(logger) {}

bool JobOutbox::addEnqueue(const std::string& queue, std::string description, Write write) {
    std::lock_guard<std::mutex> lock(_mutex);
    if (_enqueues.size() >= _enqueueLimit) return false;
    _enqueues.push_back(Parked{queue, std::move(description), std::move(write)});
    ++_enqueuesPerQueue[queue];
    return true;
}

void JobOutbox::addOutcome(std::string description, Write write) {
    std::lock_guard<std::mutex> lock(_mutex);
    _outcomes.push_back(Parked{"", std::move(description), std::move(write)});
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
            _logger.error("Dropped a job write Redis rejected (%s): %s", next.description, describeCurrentException());
        }
    }
    if (replayed > 0)
        _logger.information("Wrote %s job change(s) held back while Redis was unreachable", std::to_string(replayed));
    return true;
}

std::size_t JobOutbox::size() const {
    std::lock_guard<std::mutex> lock(_mutex);
    return _outcomes.size() + _enqueues.size();
}

std::size_t JobOutbox::enqueuesFor(const std::string& queue) const {
    std::lock_guard<std::mutex> lock(_mutex);
    const auto found = _enqueuesPerQueue.find(queue);
    return found == _enqueuesPerQueue.end() ? 0 : found->second;
}

bool JobOutbox::takeNext(Parked& next) {
    std::lock_guard<std::mutex> lock(_mutex);
    auto& from = !_outcomes.empty() ? _outcomes : _enqueues;
    if (from.empty()) return false;
    next = std::move(from.front());
    from.pop_front();
    if (!next.queue.empty() && --_enqueuesPerQueue[next.queue] == 0) _enqueuesPerQueue.erase(next.queue);
    return true;
}

void JobOutbox::putBack(Parked parked) {
    std::lock_guard<std::mutex> lock(_mutex);
    if (parked.queue.empty()) {
        _outcomes.push_front(std::move(parked));
        return;
    }
    ++_enqueuesPerQueue[parked.queue];
    _enqueues.push_front(std::move(parked));
}

} // namespace motel::host
