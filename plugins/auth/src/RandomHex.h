#pragma once
// Random identifiers and secrets from libsodium's CSPRNG.

#include <cstddef>
#include <string>

namespace motel::auth {

/// `bytes` random bytes as lowercase hex (2 * `bytes` characters).
/// std::runtime_error when libsodium cannot be initialised.
std::string randomHex(std::size_t bytes);

} // namespace motel::auth
