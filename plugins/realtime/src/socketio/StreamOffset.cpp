#include "socketio/StreamOffset.h"

namespace motel::realtime {

namespace {
std::optional<std::uint64_t> digits(const std::string& text, std::size_t from, std::size_t to) {
    if (from >= to || to - from > 19) return std::nullopt; // 19 digits always fit in 64 bits
    std::uint64_t value = 0;
    for (std::size_t i = from; i < to; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + static_cast<std::uint64_t>(text[i] - '0');
    }
    return value;
}
} // namespace

std::optional<StreamOffset> StreamOffset::parse(const std::string& text) {
    const auto dash = text.find('-');
    if (dash == std::string::npos) return std::nullopt;
    const auto millis = digits(text, 0, dash);
    const auto sequence = digits(text, dash + 1, text.size());
    if (!millis || !sequence) return std::nullopt;
    return StreamOffset{*millis, *sequence};
}

} // namespace motel::realtime
