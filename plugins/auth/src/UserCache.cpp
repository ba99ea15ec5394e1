#include "UserCache.h"

#include <Poco/JSON/Object.h>

namespace motel::auth {

UserCache::UserCache(std::chrono::milliseconds ttl, std::size_t maxEntries, Now now)
    : ttl_(ttl), maxEntries_(maxEntries == 0 ? 1 : maxEntries), now_(std::move(now)) {}

std::optional<User> UserCache::find(std::int64_t id) {
    if (!enabled()) return std::nullopt;
    const auto now = now_();
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = entries_.find(id);
    if (it == entries_.end()) return std::nullopt;
    if (it->second.expires <= now) {
        entries_.erase(it);
        return std::nullopt;
    }
    return it->second.user;
}

std::uint64_t UserCache::generation() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return generation_;
}

void UserCache::put(const User& user, std::uint64_t generationBeforeRead) {
    if (!enabled()) return;
    const auto now = now_();
    User kept = user;
    kept.passwordHash.clear(); // not needed to authenticate; keep it out of long-lived memory
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation_ != generationBeforeRead) return; // it may have changed after our read
    if (entries_.size() >= maxEntries_ && entries_.count(user.id) == 0) makeRoom(now);
    entries_[user.id] = Entry{std::move(kept), now + ttl_};
}

void UserCache::invalidate(std::int64_t id) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++generation_;
    entries_.erase(id);
}

void UserCache::clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++generation_;
    entries_.clear();
}

sdk::EventBus::SubscriptionId UserCache::followUserEvents(sdk::EventBus& events, std::shared_ptr<UserCache> cache) {
    return events.subscribe("user.*", [cache = std::move(cache)](const sdk::Event& event) {
        if (event.topic == "user.created") return; // nobody cached a user that did not exist
        try {
            const auto user = event.payload.extract<Poco::JSON::Object::Ptr>();
            cache->invalidate(user->getValue<Poco::Int64>("id"));
        } catch (...) {
            cache->clear(); // an unexpected payload: forget everyone rather than keep a stale user
        }
    });
}

std::size_t UserCache::size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return entries_.size();
}

void UserCache::makeRoom(Clock::time_point now) {
    for (auto it = entries_.begin(); it != entries_.end();) {
        if (it->second.expires <= now)
            it = entries_.erase(it);
        else
            ++it;
    }
    if (entries_.size() >= maxEntries_) entries_.clear();
}

} // namespace motel::auth
