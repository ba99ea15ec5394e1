#pragma once
// The names under which a request's facts travel in a Poco::Message (set by
// the dispatcher, read by JsonLogFormatter). One list, so the producer and
// the formatter cannot drift apart.

namespace motel::host::logfields {

inline constexpr const char* requestId = "requestId";
inline constexpr const char* method = "method";
inline constexpr const char* route = "route";           ///< the route template, e.g. /api/suites/:id
inline constexpr const char* path = "path";             ///< the path as requested (no query string)
inline constexpr const char* status = "status";         ///< number
inline constexpr const char* durationMs = "durationMs"; ///< number
inline constexpr const char* userId = "userId";         ///< number; absent for anonymous requests
inline constexpr const char* client = "client";         ///< the client address

} // namespace motel::host::logfields
