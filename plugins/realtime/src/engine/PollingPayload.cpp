#include "engine/PollingPayload.h"

namespace motel::realtime {

std::string PollingPayload::join(const std::vector<std::string>& entries) {
    std::size_t size = entries.size();
    for (const auto& entry : entries) size += entry.size();
    std::string out;
    out.reserve(size);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i > 0) out += kSeparator;
        out += entries[i];
    }
    return out;
}

std::vector<EnginePacket> PollingPayload::decode(const std::string& body) {
    if (body.empty()) throw MalformedPacket("empty payload");
    std::vector<EnginePacket> packets;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = body.find(kSeparator, start);
        packets.push_back(EnginePacket::decodePollingEntry(body.substr(start, end - start)));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return packets;
}

} // namespace motel::realtime
