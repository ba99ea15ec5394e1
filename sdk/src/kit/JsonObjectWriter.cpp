#include <motel/sdk/JsonObjectWriter.h>

#include <motel/sdk/JsonString.h>

#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

namespace motel::sdk {

JsonObjectWriter::JsonObjectWriter(std::string& out) : out_(out) {
    out_ += '{';
}

void JsonObjectWriter::key(const char* name) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += name;
    out_ += "\":";
}

JsonObjectWriter& JsonObjectWriter::field(const char* name, const std::string& value) {
    key(name);
    appendString(out_, value);
    return *this;
}

JsonObjectWriter& JsonObjectWriter::field(const char* name, const std::optional<std::string>& value) {
    key(name);
    if (value)
        appendString(out_, *value);
    else
        out_ += "null";
    return *this;
}

JsonObjectWriter& JsonObjectWriter::field(const char* name, std::int64_t value) {
    key(name);
    out_ += std::to_string(value);
    return *this;
}

JsonObjectWriter& JsonObjectWriter::field(const char* name, const std::optional<std::int64_t>& value) {
    key(name);
    out_ += value ? std::to_string(*value) : std::string("null");
    return *this;
}

JsonObjectWriter& JsonObjectWriter::field(const char* name, bool value) {
    key(name);
    out_ += value ? "true" : "false";
    return *this;
}

JsonObjectWriter& JsonObjectWriter::rawField(const char* name, const std::string& rawJson) {
    key(name);
    out_ += rawJson;
    return *this;
}

void JsonObjectWriter::close() {
    out_ += '}';
}

void JsonObjectWriter::appendString(std::string& out, const std::string& text) {
    appendJsonString(out, text);
}

Poco::JSON::Object::Ptr JsonObjectWriter::parseObject(const std::string& text) {
    Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true)); // keep the field order
    return parser.parse(text).extract<Poco::JSON::Object::Ptr>();
}

} // namespace motel::sdk
