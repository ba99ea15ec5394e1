#include "io/RandomId.h"

#include <array>
#include <cstdint>
#include <random>
#include <sys/random.h>

namespace motel::realtime {

std::string RandomId::make() {
    static const char* const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::array<std::uint8_t, 15> bytes{};
    // The kernel's CSPRNG: ids stand in for credentials (a sid lets its holder speak for the session).
    if (::getrandom(bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size())) {
        std::random_device device;
        for (auto& byte : bytes) byte = static_cast<std::uint8_t>(device());
    }
    std::string id;
    id.reserve(20);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::uint32_t group = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
        for (int shift = 18; shift >= 0; shift -= 6) id += alphabet[(group >> shift) & 63];
    }
    return id;
}

} // namespace motel::realtime
