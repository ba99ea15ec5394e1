#pragma once
/// Throttles password guessing, in the shared sdk::Cache (Redis when
/// configured, so the limits hold across hosts; memory otherwise), in fixed
/// windows, with two counters:
///   - per (client address, lower-cased email): `maxAttempts` per `window`;
///     cleared by a successful login. Only the attacked pair is throttled.
///   - per client address across all emails (password spraying):
///     `maxAddressFailures` per `addressWindow`; a successful login takes its
///     own attempt back, so only failures add up. Over it, every email from
///     that address is refused.
///
/// Attempts are counted before the password is checked (one atomic
/// increment each, so concurrent guesses cannot slip past a limit), so a
/// refused attempt never costs a password hash.

#include <motel/sdk/Cache.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace motel::auth {

class LoginRateLimiter {
public:
    LoginRateLimiter(sdk::Cache& cache, std::int64_t maxAttempts, std::chrono::milliseconds window,
                     std::int64_t maxAddressFailures = kDefaultMaxAddressFailures,
                     std::chrono::milliseconds addressWindow = std::chrono::minutes(1));

    /// Counts one attempt. nullopt when it may proceed; otherwise the seconds
    /// until the window that refused it ends (for `Retry-After`, at least 1).
    std::optional<int> admit(const std::string& clientAddress, const std::string& email);
    /// After a successful login: forgets the pair's attempts and takes this
    /// attempt back from the address's count.
    void succeeded(const std::string& clientAddress, const std::string& email);

    /// The cache key of a pair: a prefix and a hash of (address, email), so
    /// keys have a bounded length whatever the client sends.
    static std::string keyFor(const std::string& clientAddress, const std::string& email);
    /// The cache key of an address's failures (same shape).
    static std::string addressKeyFor(const std::string& clientAddress);

    static constexpr std::int64_t kDefaultMaxAddressFailures = 20;

private:
    sdk::Cache& cache_;
    std::int64_t maxAttempts_;
    std::chrono::milliseconds window_;
    std::int64_t maxAddressFailures_;
    std::chrono::milliseconds addressWindow_;

    /// Seconds left in `key`'s window, at least 1.
    int secondsLeft(const std::string& key, std::chrono::milliseconds window);
};

} // namespace motel::auth
