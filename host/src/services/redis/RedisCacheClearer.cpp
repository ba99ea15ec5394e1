#include "services/redis/RedisCacheClearer.h"

#include <stdexcept>

namespace motel::host {

RedisCacheClearer::RedisCacheClearer(const RedisUrl& url, Poco::Logger& logger, std::string prefix)
    : redis_(url, logger, RedisConnection::Options(), "cache clear"), prefix_(std::move(prefix)) {
    if (prefix_.empty())
        throw std::invalid_argument("clearing the cache needs its key prefix; an empty one would match every key");
}

std::size_t RedisCacheClearer::clear() {
    const auto pattern = matchPattern(prefix_);
    std::size_t removed = 0;
    std::string cursor = "0";
    do {
        const auto reply = redis_.command({"SCAN", cursor, "MATCH", pattern, "COUNT", "1000"});
        cursor = reply.elements().at(0).text();
        std::vector<std::string> unlink{"UNLINK"};
        for (const auto& key : reply.elements().at(1).elements())
            if (key.text().compare(0, prefix_.size(), prefix_) == 0) // belt and braces
                unlink.push_back(key.text());
        if (unlink.size() > 1) removed += static_cast<std::size_t>(redis_.command(unlink).integer());
    } while (cursor != "0");
    return removed;
}

std::string RedisCacheClearer::matchPattern(const std::string& prefix) {
    std::string pattern;
    for (const char c : prefix) {
        if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') pattern.push_back('\\');
        pattern.push_back(c);
    }
    return pattern + "*";
}

} // namespace motel::host
