#include "engine/CorsHeaders.h"

#include <algorithm>

namespace motel::realtime {

CorsHeaders::CorsHeaders(std::vector<std::string> origins) : origins_(std::move(origins)) {
    any_ = std::find(origins_.begin(), origins_.end(), "*") != origins_.end();
}

std::vector<std::pair<std::string, std::string>> CorsHeaders::for_(const sdk::Request& request) const {
    const std::string origin = request.header("Origin");
    if (origin.empty()) return {};
    if (any_) return {{"Access-Control-Allow-Origin", "*"}};
    if (std::find(origins_.begin(), origins_.end(), origin) == origins_.end()) return {};
    return {{"Access-Control-Allow-Origin", origin}, {"Access-Control-Allow-Credentials", "true"}, {"Vary", "Origin"}};
}

} // namespace motel::realtime
