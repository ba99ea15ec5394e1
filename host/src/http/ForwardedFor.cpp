#include "http/ForwardedFor.h"

#include <arpa/inet.h>
#include <netinet/in.h>

namespace motel::host {

namespace {
std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}
} // namespace

std::optional<std::string> ForwardedFor::canonicalAddress(std::string_view text) {
    // INET6_ADDRSTRLEN bounds every textual address inet_pton accepts.
    if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
    const std::string candidate(text);
    char canonical[INET6_ADDRSTRLEN] = {};
    in_addr v4{};
    if (::inet_pton(AF_INET, candidate.c_str(), &v4) == 1 &&
        ::inet_ntop(AF_INET, &v4, canonical, sizeof canonical) != nullptr)
        return std::string(canonical);
    in6_addr v6{};
    if (::inet_pton(AF_INET6, candidate.c_str(), &v6) == 1 &&
        ::inet_ntop(AF_INET6, &v6, canonical, sizeof canonical) != nullptr)
        return std::string(canonical);
    return std::nullopt;
}

std::optional<std::string> ForwardedFor::lastAddress(std::string_view headerValue) {
    const std::size_t comma = headerValue.rfind(',');
    return canonicalAddress(trimmed(comma == std::string_view::npos ? headerValue : headerValue.substr(comma + 1)));
}

} // namespace motel::host
