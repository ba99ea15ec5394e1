#include "RandomHex.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace motel::auth {

std::string randomHex(std::size_t bytes) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    std::vector<unsigned char> random(bytes);
    randombytes_buf(random.data(), random.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
    hex.pop_back(); // the terminating NUL
    return hex;
}

} // namespace motel::auth
