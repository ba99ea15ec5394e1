#pragma once
// How a job's payload is stored: as JSON text.

#include <Poco/Dynamic/Var.h>

#include <string>

namespace motel::host {

/// Job payloads are copied as JSON text when enqueued (so a caller may
/// change its object afterwards, and so the payload can live in Redis) and
/// read back into a fresh Var for the handler. Shared by both job engines.
class JobPayload {
public:
    /// Throws std::invalid_argument when `payload` cannot be written as JSON.
    static std::string toJson(const Poco::Dynamic::Var& payload);
    /// Any JSON value, scalars included. Throws Poco::JSON::JSONException
    /// (a Poco::Exception) for malformed text.
    static Poco::Dynamic::Var fromJson(const std::string& json);
};

} // namespace motel::host
