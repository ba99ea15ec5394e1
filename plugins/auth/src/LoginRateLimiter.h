#pragma once
/// Throttles password guessing: counts login attempts per (client address,
/// lower-cased email) pair in the shared sdk::Cache (Redis when configured,
/// so the limit holds across hosts; memory otherwise), in fixed windows.
///
/// An attempt is counted before the password is checked (one atomic
/// increment, so concurrent guesses cannot slip past the limit) and the pair
/// is cleared again by a successful login. Only the attacked pair is
/// throttled: other emails from the same address, and the same email from
/// other addresses, are not affected.

#include <motel/sdk/Cache.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace motel::auth {

class LoginRateLimiter {
public:
    LoginRateLimiter(sdk::Cache& cache, std::int64_t maxAttempts, std::chrono::milliseconds window);

    /// Counts one attempt. nullopt when it may proceed; otherwise the seconds
    /// until the window ends (for `Retry-After`, at least 1).
    std::optional<int> admit(const std::string& clientAddress, const std::string& email);
    /// Forgets the pair's attempts after a successful login.
    void succeeded(const std::string& clientAddress, const std::string& email);

    /// The cache key of a pair: a prefix and a hash of (address, email), so
    /// keys have a bounded length whatever the client sends.
    static std::string keyFor(const std::string& clientAddress, const std::string& email);

private:
    sdk::Cache& cache_;
    std::int64_t maxAttempts_;
    std::chrono::milliseconds window_;
};

} // namespace motel::auth
