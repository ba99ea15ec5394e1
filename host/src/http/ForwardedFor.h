#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace motel::host {

/// Reads the client address from `X-Forwarded-For` when the host trusts its
/// proxy (`http.trustProxy`). Only the last entry counts (the one our own
/// proxy appended; whatever the client sent sits before it), and only when it
/// parses as an IPv4 or IPv6 address: it is then returned in canonical form,
/// so what reaches the rate limits, the access log and the audit log is
/// always a plain address, never text a client made up. nullopt otherwise
/// (the caller falls back to the peer address).
class ForwardedFor {
public:
    static std::optional<std::string> lastAddress(std::string_view headerValue);
    /// `text` as a canonical IPv4 or IPv6 address; nullopt when it is not one.
    static std::optional<std::string> canonicalAddress(std::string_view text);
};

} // namespace motel::host
