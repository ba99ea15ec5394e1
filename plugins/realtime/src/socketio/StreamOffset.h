#pragma once
/// The offsets of broadcasts that went through a Redis stream are the
/// stream's entry ids, `<milliseconds>-<sequence>`, which every host sees in
/// the same order. Comparing them tells a host whether a client has already
/// seen a broadcast. In-process offsets are not stream ids and never compare.

#include <cstdint>
#include <optional>
#include <string>

namespace motel::realtime {

struct StreamOffset {
    std::uint64_t millis = 0;
    std::uint64_t sequence = 0;

    /// Nullopt when `text` is not `<digits>-<digits>`.
    static std::optional<StreamOffset> parse(const std::string& text);
    std::string text() const { return std::to_string(millis) + "-" + std::to_string(sequence); }

    bool operator<(const StreamOffset& other) const {
        return millis != other.millis ? millis < other.millis : sequence < other.sequence;
    }
    bool operator<=(const StreamOffset& other) const { return !(other < *this); }
    bool operator==(const StreamOffset& other) const { return millis == other.millis && sequence == other.sequence; }
};

} // namespace motel::realtime
