#include "services/MemoryCache.h"

#include <Poco/NumberParser.h>

#include <limits>
#include <stdexcept>

namespace motel::host {

MemoryCache::MemoryCache(std::size_t maxEntries, ClockFn clock) : maxEntries_(maxEntries), clock_(std::move(clock)) {
    if (maxEntries_ == 0) throw std::invalid_argument("the cache needs room for at least one entry");
    if (!clock_) throw std::invalid_argument("the cache needs a clock");
}

MemoryCache::~MemoryCache() = default;

std::optional<std::string> MemoryCache::get(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto entry = touch(key, clock_());
    if (entry == entries_.end()) return std::nullopt;
    return entry->value;
}

void MemoryCache::set(const std::string& key, const std::string& value, std::chrono::milliseconds ttl) {
    const auto now = clock_();
    std::lock_guard<std::mutex> lock(mutex_);
    const auto existing = index_.find(key);
    if (existing != index_.end()) erase(existing->second);
    insert(Entry{key, value, expiry(now, ttl)});
}

void MemoryCache::remove(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto existing = index_.find(key);
    if (existing != index_.end()) erase(existing->second);
}

std::int64_t MemoryCache::increment(const std::string& key, std::chrono::milliseconds window, std::int64_t by) {
    const auto now = clock_();
    std::lock_guard<std::mutex> lock(mutex_);
    const auto entry = touch(key, now);
    if (entry == entries_.end()) {
        insert(Entry{key, std::to_string(by), expiry(now, window)});
        return by;
    }
    Poco::Int64 current = 0;
    if (!Poco::NumberParser::tryParse64(entry->value, current))
        throw std::invalid_argument("cache key '" + key + "' does not hold an integer");
    if ((by > 0 && current > std::numeric_limits<std::int64_t>::max() - by) ||
        (by < 0 && current < std::numeric_limits<std::int64_t>::min() - by))
        throw std::invalid_argument("incrementing cache key '" + key + "' would overflow");
    entry->value = std::to_string(current + by);
    return current + by;
}

std::optional<std::chrono::milliseconds> MemoryCache::ttl(const std::string& key) {
    const auto now = clock_();
    std::lock_guard<std::mutex> lock(mutex_);
    const auto existing = index_.find(key);
    if (existing == index_.end()) return std::nullopt;
    const auto& expiresAt = existing->second->expiresAt;
    if (!expiresAt) return std::chrono::milliseconds::max();
    if (*expiresAt <= now) {
        erase(existing->second);
        return std::nullopt;
    }
    // Round up, so a key that is still there never reports 0 ms left.
    return std::chrono::ceil<std::chrono::milliseconds>(*expiresAt - now);
}

std::size_t MemoryCache::size() {
    const auto now = clock_();
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto entry = entries_.begin(); entry != entries_.end();) {
        const auto current = entry++;
        if (current->expiresAt && *current->expiresAt <= now) erase(current);
    }
    return entries_.size();
}

MemoryCache::Entries::iterator MemoryCache::touch(const std::string& key, Clock::time_point now) {
    const auto existing = index_.find(key);
    if (existing == index_.end()) return entries_.end();
    const auto entry = existing->second;
    if (entry->expiresAt && *entry->expiresAt <= now) {
        erase(entry);
        return entries_.end();
    }
    entries_.splice(entries_.begin(), entries_, entry);
    return entry;
}

void MemoryCache::insert(Entry entry) {
    if (entries_.size() >= maxEntries_) erase(std::prev(entries_.end()));
    entries_.push_front(std::move(entry));
    index_[entries_.front().key] = entries_.begin();
}

void MemoryCache::erase(Entries::iterator entry) {
    index_.erase(entry->key);
    entries_.erase(entry);
}

std::optional<MemoryCache::Clock::time_point> MemoryCache::expiry(Clock::time_point now,
                                                                  std::chrono::milliseconds ttl) {
    if (ttl.count() <= 0) return std::nullopt;
    return now + ttl;
}

} // namespace motel::host
