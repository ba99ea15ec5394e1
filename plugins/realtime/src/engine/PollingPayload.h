#pragma once
/// The body of an Engine.IO v4 long-polling request or response: packets
/// separated by the record separator `\x1e`, binary ones as `b` + base64.

#include "engine/EnginePacket.h"

#include <string>
#include <vector>

namespace motel::realtime {

class PollingPayload {
public:
    static constexpr char kSeparator = '\x1e';

    /// Joins already encoded entries (EnginePacket::encodeForPolling()).
    static std::string join(const std::vector<std::string>& entries);
    /// Splits and decodes a POST body. Throws MalformedPacket when the body is
    /// empty or any entry is malformed.
    static std::vector<EnginePacket> decode(const std::string& body);
};

} // namespace motel::realtime
