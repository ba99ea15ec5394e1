#include "PasswordHasher.h"

#include <motel/sdk/Errors.h>

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace motel::auth {

PasswordHasher::Slot::Slot(const PasswordHasher& hasher) : hasher_(hasher) {
    std::unique_lock<std::mutex> lock(hasher_.mutex_);
    if (hasher_.running_ >= hasher_.maxRunning_) {
        if (hasher_.waiting_ >= hasher_.maxWaiting_) throw sdk::TooManyRequests(kBusy, 1);
        ++hasher_.waiting_;
        hasher_.freed_.wait(lock, [this] { return hasher_.running_ < hasher_.maxRunning_; });
        --hasher_.waiting_;
    }
    ++hasher_.running_;
}

PasswordHasher::Slot::~Slot() {
    {
        std::lock_guard<std::mutex> lock(hasher_.mutex_);
        --hasher_.running_;
    }
    hasher_.freed_.notify_one();
}

PasswordHasher::PasswordHasher(PasswordStrength strength, int maxConcurrent, int maxWaiting)
    : opsLimit_(strength == PasswordStrength::moderate ? crypto_pwhash_OPSLIMIT_MODERATE
                                                       : crypto_pwhash_OPSLIMIT_INTERACTIVE),
      memLimit_(strength == PasswordStrength::moderate ? crypto_pwhash_MEMLIMIT_MODERATE
                                                       : crypto_pwhash_MEMLIMIT_INTERACTIVE),
      maxRunning_(std::max(1, maxConcurrent)), maxWaiting_(std::max(0, maxWaiting)) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    unsigned char random[32];
    randombytes_buf(random, sizeof random);
    dummyHash_ = hash(std::string(reinterpret_cast<const char*>(random), sizeof random));
    sodium_memzero(random, sizeof random);
}

std::string PasswordHasher::hash(const std::string& password) const {
    char out[crypto_pwhash_STRBYTES];
    int rc;
    {
        Slot slot(*this);
        rc = crypto_pwhash_str(out, password.data(), password.size(), opsLimit_, memLimit_);
    }
    if (rc != 0) throw std::runtime_error("password hashing failed (out of memory)");
    return std::string(out);
}

bool PasswordHasher::verify(const std::string& storedHash, const std::string& password) const {
    // crypto_pwhash_str_verify needs a NUL-terminated string of bounded size.
    if (storedHash.empty() || storedHash.size() >= crypto_pwhash_STRBYTES) return false;
    Slot slot(*this);
    return crypto_pwhash_str_verify(storedHash.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::verifyUnknownUser(const std::string& password) const {
    (void)verify(dummyHash_, password);
    return false;
}

bool PasswordHasher::needsRehash(const std::string& storedHash) const {
    if (storedHash.empty() || storedHash.size() >= crypto_pwhash_STRBYTES) return true;
    return crypto_pwhash_str_needs_rehash(storedHash.c_str(), opsLimit_, memLimit_) != 0;
}

} // namespace motel::auth
