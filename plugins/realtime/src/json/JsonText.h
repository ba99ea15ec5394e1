#pragma once
/// JSON as Socket.IO puts it on the wire: parsed with object keys kept in the
/// order they arrived, written compactly the way JavaScript's JSON.stringify
/// does (no `\/` escapes, UTF-8 kept as is, shortest round-trip numbers).
/// The official test suites compare echoed packets byte for byte, and
/// Poco's own stringifier differs on escaping and key order.

#include <Poco/Dynamic/Var.h>

#include <string>

namespace motel::realtime {

class JsonText {
public:
    /// Parses any JSON value (objects keep their key order). Throws
    /// std::invalid_argument on malformed text or trailing garbage.
    static Poco::Dynamic::Var parse(const std::string& text);
    /// Compact JSON for `value`: Object::Ptr, Array::Ptr, strings, numbers,
    /// booleans; an empty Var is `null`.
    static std::string write(const Poco::Dynamic::Var& value);
    static void write(const Poco::Dynamic::Var& value, std::string& out);
    /// `"text"` with JSON escapes.
    static void writeString(const std::string& text, std::string& out);
};

} // namespace motel::realtime
