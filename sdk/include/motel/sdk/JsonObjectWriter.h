#pragma once
/// Kit (Motel::sdk_kit). Writes one JSON object as text, field by field,
/// straight into a string, so a list of 200 rows costs one string and no tree
/// of Poco::JSON objects per row (list endpoints are the hot path; the suites
/// and tasks plugins render their resources with it). Events and tests that
/// need an object parse the same text, so there is one rendering of each
/// resource.

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <string>

namespace motel::sdk {

class JsonObjectWriter {
public:
    /// Appends `{` to `out`; close() appends `}`.
    explicit JsonObjectWriter(std::string& out);

    JsonObjectWriter& field(const char* name, const std::string& value);
    JsonObjectWriter& field(const char* name, const std::optional<std::string>& value); ///< null when empty
    JsonObjectWriter& field(const char* name, std::int64_t value);
    JsonObjectWriter& field(const char* name, const std::optional<std::int64_t>& value);
    JsonObjectWriter& field(const char* name, bool value);
    /// `rawJson` must already be valid JSON text (a nested value).
    JsonObjectWriter& rawField(const char* name, const std::string& rawJson);
    void close();

    /// `text` as a quoted, escaped JSON string appended to `out`.
    static void appendString(std::string& out, const std::string& text);
    /// Parses JSON object text (as produced here) into an object for events.
    static Poco::JSON::Object::Ptr parseObject(const std::string& text);

private:
    std::string& out_;
    bool first_ = true;
    void key(const char* name);
};

} // namespace motel::sdk
