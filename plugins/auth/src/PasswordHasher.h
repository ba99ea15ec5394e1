#pragma once
/// Slow, salted password hashes: argon2id through libsodium's
/// crypto_pwhash_str. Used by login, user creation and the first-admin
/// bootstrap; nothing else ever sees a password.
///
/// verifyUnknownUser() spends the same effort as a real verification (it
/// checks the password against a hash made at construction with the same
/// limits), so a login for an unknown email takes as long as one with a wrong
/// password.
///
/// Each hash takes tens of megabytes and tens of milliseconds of a core, and
/// runs on the caller's thread (an HTTP worker for logins), so admission is
/// bounded and never blocks for long: at most `maxConcurrent` hashes run,
/// at most `maxWaiting` callers wait for a slot, and any caller beyond that
/// gets sdk::TooManyRequests (429, `Retry-After: 1`) at once. A login flood
/// therefore holds at most maxConcurrent + maxWaiting request workers; the
/// others keep serving the API.

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>

namespace motel::auth {

/// libsodium's INTERACTIVE (64 MiB, fast enough for a small host) or MODERATE
/// (256 MiB, about a second per hash on a two-core machine) limits.
enum class PasswordStrength { interactive, moderate };

class PasswordHasher {
public:
    /// `maxConcurrent` bounds how many hashes run at once (memory and CPU
    /// ceiling), `maxWaiting` how many callers may wait for one.
    explicit PasswordHasher(PasswordStrength strength = PasswordStrength::interactive, int maxConcurrent = 2,
                            int maxWaiting = 4);
    PasswordHasher(const PasswordHasher&) = delete;
    PasswordHasher& operator=(const PasswordHasher&) = delete;

    /// A `$argon2id$...` string with its own random salt. Throws std::runtime_error
    /// when the hash cannot be computed (out of memory), and, like verify(),
    /// sdk::TooManyRequests when every slot and every waiting place is taken.
    std::string hash(const std::string& password) const;
    /// Constant-time verification (inside libsodium). False for a malformed hash.
    bool verify(const std::string& storedHash, const std::string& password) const;
    /// Burns the same effort as verify() and returns false: for unknown emails.
    bool verifyUnknownUser(const std::string& password) const;
    /// True when `storedHash` was made with other limits than the current ones.
    bool needsRehash(const std::string& storedHash) const;

private:
    unsigned long long opsLimit_;
    std::size_t memLimit_;
    std::string dummyHash_;
    const int maxRunning_;
    const int maxWaiting_;
    mutable std::mutex mutex_;
    mutable std::condition_variable freed_;
    mutable int running_ = 0;
    mutable int waiting_ = 0;

    /// Holds one hashing slot for its lifetime; refuses at once when the queue is full.
    class Slot {
    public:
        explicit Slot(const PasswordHasher& hasher);
        ~Slot();
        Slot(const Slot&) = delete;
        Slot& operator=(const Slot&) = delete;

    private:
        const PasswordHasher& hasher_;
    };

public:
    static constexpr const char* kBusy = "Too many password checks in progress, please try again shortly";
};

} // namespace motel::auth
