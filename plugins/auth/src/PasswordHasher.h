#pragma once
/// Slow, salted password hashes: argon2id through libsodium's
/// crypto_pwhash_str. Used by login, user creation and the first-admin
/// bootstrap; nothing else ever sees a password.
///
/// verifyUnknownUser() spends the same effort as a real verification (it
/// checks the password against a hash made at construction with the same
/// limits), so a login for an unknown email takes as long as one with a wrong
/// password. Each hash takes tens of megabytes of memory for a moment, so
/// concurrent hashing is bounded by a semaphore.

#include <Poco/Semaphore.h>

#include <cstddef>
#include <string>

namespace motel::auth {

/// libsodium's INTERACTIVE (64 MiB, fast enough for a small host) or MODERATE
/// (256 MiB, about a second per hash on a two-core machine) limits.
enum class PasswordStrength { interactive, moderate };

class PasswordHasher {
public:
    /// `maxConcurrent` bounds how many hashes run at once (memory ceiling).
    explicit PasswordHasher(PasswordStrength strength = PasswordStrength::interactive, int maxConcurrent = 2);
    PasswordHasher(const PasswordHasher&) = delete;
    PasswordHasher& operator=(const PasswordHasher&) = delete;

    /// A `$argon2id$...` string with its own random salt. Throws std::runtime_error
    /// when the hash cannot be computed (out of memory).
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
    mutable Poco::Semaphore slots_;

    /// Holds one hashing slot for its lifetime.
    class Slot {
    public:
        explicit Slot(Poco::Semaphore& semaphore) : semaphore_(semaphore) { semaphore_.wait(); }
        ~Slot() { semaphore_.set(); }
        Slot(const Slot&) = delete;
        Slot& operator=(const Slot&) = delete;

    private:
        Poco::Semaphore& semaphore_;
    };
};

} // namespace motel::auth
