#include "PasswordHasher.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace motel::auth {

PasswordHasher::PasswordHasher(PasswordStrength strength, int maxConcurrent)
    : opsLimit_(strength == PasswordStrength::moderate ? crypto_pwhash_OPSLIMIT_MODERATE
                                                       : crypto_pwhash_OPSLIMIT_INTERACTIVE),
      memLimit_(strength == PasswordStrength::moderate ? crypto_pwhash_MEMLIMIT_MODERATE
                                                       : crypto_pwhash_MEMLIMIT_INTERACTIVE),
      slots_(std::max(1, maxConcurrent), std::max(1, maxConcurrent)) {
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
        Slot slot(slots_);
        rc = crypto_pwhash_str(out, password.data(), password.size(), opsLimit_, memLimit_);
    }
    if (rc != 0) throw std::runtime_error("password hashing failed (out of memory)");
    return std::string(out);
}

bool PasswordHasher::verify(const std::string& storedHash, const std::string& password) const {
    // crypto_pwhash_str_verify needs a NUL-terminated string of bounded size.
    if (storedHash.empty() || storedHash.size() >= crypto_pwhash_STRBYTES) return false;
    Slot slot(slots_);
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
