#include "LoginRateLimiter.h"

#include <Poco/String.h>

#include <sodium.h>

#include <stdexcept>

namespace motel::auth {

LoginRateLimiter::LoginRateLimiter(sdk::Cache& cache, std::int64_t maxAttempts, std::chrono::milliseconds window,
                                   std::int64_t maxAddressFailures, std::chrono::milliseconds addressWindow)
    : cache_(cache), maxAttempts_(maxAttempts), window_(window), maxAddressFailures_(maxAddressFailures),
      addressWindow_(addressWindow) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

namespace {

std::string hashedKey(const char* prefix, const std::string& text) {
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr,
                       0);
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(prefix) + hex;
}

} // namespace

std::string LoginRateLimiter::keyFor(const std::string& clientAddress, const std::string& email) {
    return hashedKey("auth:login:", clientAddress + '\n' + Poco::toLower(Poco::trim(email)));
}

std::string LoginRateLimiter::addressKeyFor(const std::string& clientAddress) {
    return hashedKey("auth:login-address:", clientAddress);
}

int LoginRateLimiter::secondsLeft(const std::string& key, std::chrono::milliseconds window) {
    const auto remaining = cache_.ttl(key).value_or(window);
    const auto seconds = (remaining.count() + 999) / 1000;
    return static_cast<int>(seconds < 1 ? 1 : seconds);
}

std::optional<int> LoginRateLimiter::admit(const std::string& clientAddress, const std::string& email) {
    const std::string addressKey = addressKeyFor(clientAddress);
    if (cache_.increment(addressKey, addressWindow_) > maxAddressFailures_)
        return secondsLeft(addressKey, addressWindow_);
    const std::string key = keyFor(clientAddress, email);
    if (cache_.increment(key, window_) <= maxAttempts_) return std::nullopt;
    return secondsLeft(key, window_);
}

void LoginRateLimiter::succeeded(const std::string& clientAddress, const std::string& email) {
    cache_.remove(keyFor(clientAddress, email));
    cache_.increment(addressKeyFor(clientAddress), addressWindow_, -1);
}

} // namespace motel::auth
