#include "LoginRateLimiter.h"

#include <Poco/String.h>

#include <sodium.h>

#include <stdexcept>

namespace motel::auth {

LoginRateLimiter::LoginRateLimiter(sdk::Cache& cache, std::int64_t maxAttempts, std::chrono::milliseconds window)
    : cache_(cache), maxAttempts_(maxAttempts), window_(window) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string LoginRateLimiter::keyFor(const std::string& clientAddress, const std::string& email) {
    const std::string pair = clientAddress + '\n' + Poco::toLower(Poco::trim(email));
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(pair.data()), pair.size(), nullptr,
                       0);
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string("auth:login:") + hex;
}

std::optional<int> LoginRateLimiter::admit(const std::string& clientAddress, const std::string& email) {
    const std::string key = keyFor(clientAddress, email);
    if (cache_.increment(key, window_) <= maxAttempts_) return std::nullopt;
    const auto remaining = cache_.ttl(key).value_or(window_);
    const auto seconds = (remaining.count() + 999) / 1000;
    return static_cast<int>(seconds < 1 ? 1 : seconds);
}

void LoginRateLimiter::succeeded(const std::string& clientAddress, const std::string& email) {
    cache_.remove(keyFor(clientAddress, email));
}

} // namespace motel::auth
