#pragma once
/// The naming rules of RealtimeHub channels, events and rooms (RealtimeHub.h,
/// "Names"), header-only so that the realtime plugin and the test kit's
/// FakeRealtimeHub apply the same ones.

#include <array>
#include <string>

namespace motel::plugins::realtime {

/// Channel names no plugin may open: the standard events' prefixes and the
/// server's own room prefixes.
inline const std::array<const char*, 8>& reservedChannelNames() {
    static const std::array<const char*, 8> names{"suite", "task", "realtime", "plugin",
                                                  "user",  "role", "token",    "sid"};
    return names;
}

namespace detail {
inline bool onlyChars(const std::string& text, std::size_t maxLength, const char* extra, bool upper) {
    if (text.empty() || text.size() > maxLength) return false;
    for (const char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (upper && c >= 'A' && c <= 'Z') ||
                        std::string(extra).find(c) != std::string::npos;
        if (!ok) return false;
    }
    return true;
}
} // namespace detail

/// `[a-z0-9_-]{1,64}` and not reserved.
inline bool validChannelName(const std::string& name) {
    if (!detail::onlyChars(name, 64, "_-", false)) return false;
    for (const char* reserved : reservedChannelNames())
        if (name == reserved) return false;
    return true;
}

/// `[A-Za-z0-9_.-]{1,64}`.
inline bool validEventName(const std::string& name) {
    return detail::onlyChars(name, 64, "_.-", true);
}

/// `[A-Za-z0-9_.:-]{1,128}`.
inline bool validRoomName(const std::string& name) {
    return detail::onlyChars(name, 128, "_.:-", true);
}

/// What clients see: `<channel>:<event>`.
inline std::string clientEventName(const std::string& channel, const std::string& event) {
    return channel + ":" + event;
}

} // namespace motel::plugins::realtime
