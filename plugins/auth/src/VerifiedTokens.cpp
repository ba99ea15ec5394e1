#include "VerifiedTokens.h"

#include <mutex>

namespace motel::auth {

std::optional<VerifiedToken> VerifiedTokens::find(const std::string& token) const {
    std::shared_lock<std::shared_mutex> read(mutex_);
    const auto found = tokens_.find(token);
    if (found == tokens_.end()) return std::nullopt;
    return found->second;
}

void VerifiedTokens::remember(const std::string& token, const VerifiedToken& verified) {
    if (capacity_ == 0) return;
    std::unique_lock<std::shared_mutex> write(mutex_);
    if (tokens_.size() >= capacity_) tokens_.clear();
    tokens_.emplace(token, verified);
}

std::size_t VerifiedTokens::size() const {
    std::shared_lock<std::shared_mutex> read(mutex_);
    return tokens_.size();
}

} // namespace motel::auth
