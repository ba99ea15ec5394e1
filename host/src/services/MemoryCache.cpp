#include "services/MemoryCache.h"

#include <Poco/NumberParser.h>

#include <limits>
#include <stdexcept>

namespace motel::host {

MemoryCache::MemoryCache(std::size_t maxEntries, ClockFn clock) : _maxEntries(maxEntries), _clock(std::move(clock)) {
    if (_maxEntries == 0)
        throw std::invalid_argument("the cache needs room for at least one entry");
    if (!_clock)
        throw std::invalid_argument("the cache needs a clock");
}

MemoryCache::~MemoryCache() = default;

std::optional<std::string> MemoryCache::get(const std::string& key) {
    std::lock_guard<std::mutex> lock(_mutex);
    const auto entry = touch(key, _clock());
    if (entry == _entries.end())
        return std::nullopt;
    return entry->value;
}

void MemoryCache::set(const std::string& key, const std::string& value, std::chrono::milliseconds ttl) {
    const auto now = _clock();
    std::lock_guard<std::mutex> lock(_mutex);
    const auto existing = _index.find(key);
    if (existing != _index.end())
        erase(existing->second);
    insert(Entry{key, value, expiry(now, ttl)});
}

void MemoryCache::remove(const std::string& key) {
    std::lock_guard<std::mutex> lock(_mutex);
    const auto existing = _index.find(key);
    if (existing != _index.end())
        erase(existing->second);
}

std::int64_t MemoryCache::increment(const std::string& key, std::chrono::milliseconds window, std::int64_t by) {
    const auto now = _clock();
    std::lock_guard<std::mutex> lock(_mutex);
    const auto entry = touch(key, now);
    if (entry == _entries.end()) {
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
    const auto now = _clock();
    std::lock_guard<std::mutex> lock(_mutex);
    const auto existing = _index.find(key);
    if (existing == _index.end())
        return std::nullopt;
    const auto& expiresAt = existing->second->expiresAt;
    if (!expiresAt)
        return std::chrono::milliseconds::max();
    if (*expiresAt <= now) {
        erase(existing->second);
        return std::nullopt;
    }
    // Round up, so a key that is still there never reports 0 ms left.
    return std::chrono::ceil<std::chrono::milliseconds>(*expiresAt - now);
}

std::size_t MemoryCache::size() {
    const auto now = _clock();
    std::lock_guard<std::mutex> lock(_mutex);
    for (auto entry = _entries.begin(); entry != _entries.end();) {
        const auto current = entry++;
        if (current->expiresAt && *current->expiresAt <= now)
            erase(current);
    }
    return _entries.size();
}

MemoryCache::Entries::iterator MemoryCache::touch(const std::string& key, Clock::time_point now) {
    const auto existing = _index.find(key);
    if (existing == _index.end())
        return _entries.end();
    const auto entry = existing->second;
    if (entry->expiresAt && *entry->expiresAt <= now) {
        erase(entry);
        return _entries.end();
    }
    _entries.splice(_entries.begin(), _entries, entry);
    return entry;
}

void MemoryCache::insert(Entry entry) {
    if (_entries.size() >= _maxEntries)
        erase(std::prev(_entries.end()));
    _entries.push_front(std::move(entry));
    _index[_entries.front().key] = _entries.begin();
}

void MemoryCache::erase(Entries::iterator entry) {
    _index.erase(entry->key);
    _entries.erase(entry);
}

std::optional<MemoryCache::Clock::time_point> MemoryCache::expiry(Clock::time_point now,
                                                                  std::chrono::milliseconds ttl) {
    if (ttl.count() <= 0)
        return std::nullopt;
    return now + ttl;
}

} // namespace motel::host
