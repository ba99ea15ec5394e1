#pragma once
/// The one argument a plugin event's ack carries (RealtimeHub.h, "Acks"):
/// `{"ok":true,"data":...}` or `{"ok":false,"error":{"statusCode","message","error"}}`
/// with the HTTP API's error envelope inside.

#include <Poco/Dynamic/Var.h>

#include <string>
#include <vector>

namespace motel::realtime {

class AckReply {
public:
    static std::string ok(const Poco::Dynamic::Var& data);
    static std::string error(int status, const std::string& message);
    /// `message` an array when `asList` (validation errors), else its only entry.
    static std::string error(int status, const std::vector<std::string>& messages, bool asList);
};

} // namespace motel::realtime
