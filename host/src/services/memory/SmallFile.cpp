#include "services/memory/SmallFile.h"

#include <fstream>

namespace motel::host {

std::optional<std::string> readSmallFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    constexpr std::size_t maxBytes = 64 * 1024;
    std::string content;
    char buffer[4096];
    while (content.size() < maxBytes) {
        in.read(buffer, sizeof buffer);
        if (in.gcount() <= 0) break;
        content.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    return content;
}

} // namespace motel::host
