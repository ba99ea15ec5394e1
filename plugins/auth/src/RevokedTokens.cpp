#include "RevokedTokens.h"

#include <mutex>

namespace motel::auth {

void RevokedTokens::add(const std::string& tokenId, std::int64_t expiresAt) {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    expiries_[tokenId] = expiresAt;
}

bool RevokedTokens::contains(const std::string& tokenId) const {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    return expiries_.count(tokenId) > 0;
}

std::size_t RevokedTokens::forgetExpired(std::int64_t now) {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    std::size_t dropped = 0;
    for (auto it = expiries_.begin(); it != expiries_.end();) {
        if (it->second <= now) {
            it = expiries_.erase(it);
            ++dropped;
        } else {
            ++it;
        }
    }
    return dropped;
}

std::size_t RevokedTokens::size() const {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    return expiries_.size();
}

} // namespace motel::auth
