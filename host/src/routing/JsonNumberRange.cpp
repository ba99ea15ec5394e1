#include "routing/JsonNumberRange.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/NumberParser.h>

#include <cctype>
#include <limits>
#include <vector>

namespace motel::host::JsonNumberRange {

namespace {

// A NUL cannot reach a handler (JsonBody refuses it in any string), so a
// body that already held these texts is refused either way.
const char* const kPositiveMarker = "\\u0000motel:+inf";
const char* const kNegativeMarker = "\\u0000motel:-inf";
const std::string kPositiveValue = std::string(1, '\0') + "motel:+inf";
const std::string kNegativeValue = std::string(1, '\0') + "motel:-inf";

bool isDigit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

/// RFC 8259's number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool isJsonNumber(const std::string& token) {
    std::size_t i = 0;
    const auto digits = [&] {
        const std::size_t start = i;
        while (i < token.size() && isDigit(token[i])) ++i;
        return i > start;
    };
    if (i < token.size() && token[i] == '-') ++i;
    if (i < token.size() && token[i] == '0')
        ++i;
    else if (!digits())
        return false;
    if (i < token.size() && token[i] == '.') {
        ++i;
        if (!digits()) return false;
    }
    if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
        ++i;
        if (i < token.size() && (token[i] == '+' || token[i] == '-')) ++i;
        if (!digits()) return false;
    }
    return i == token.size();
}

/// What the parser accepts: a float that a double holds (underflow reads as
/// 0), an integer that Int64 or UInt64 holds.
bool parserHolds(const std::string& token) {
    if (token.find_first_of(".eE") != std::string::npos) {
        double value = 0;
        return Poco::NumberParser::tryParseFloat(token, value);
    }
    Poco::Int64 signedValue = 0;
    Poco::UInt64 unsignedValue = 0;
    return Poco::NumberParser::tryParse64(token, signedValue) ||
           Poco::NumberParser::tryParseUnsigned64(token, unsignedValue);
}

bool isNumberCharacter(char c) {
    return isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

} // namespace

std::optional<std::string> markOutOfRange(const std::string& json) {
    std::string marked;
    bool found = false;
    std::size_t copiedUpTo = 0;
    for (std::size_t i = 0; i < json.size();) {
        if (json[i] == '"') { // skip the string, escapes included
            for (++i; i < json.size() && json[i] != '"'; ++i)
                if (json[i] == '\\') ++i;
            ++i;
            continue;
        }
        if (json[i] != '-' && !isDigit(json[i])) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        while (i < json.size() && isNumberCharacter(json[i])) ++i;
        const std::string token = json.substr(start, i - start);
        if (!isJsonNumber(token) || parserHolds(token)) continue;
        marked.append(json, copiedUpTo, start - copiedUpTo);
        marked += '"';
        marked += token[0] == '-' ? kNegativeMarker : kPositiveMarker;
        marked += '"';
        copiedUpTo = i;
        found = true;
    }
    if (!found) return std::nullopt;
    marked.append(json, copiedUpTo, std::string::npos);
    return marked;
}

void replaceMarkers(Poco::Dynamic::Var& value) {
    const auto infinity = [](const Poco::Dynamic::Var& marker) -> std::optional<double> {
        if (!marker.isString()) return std::nullopt;
        const auto& text = marker.extract<std::string>();
        if (text == kPositiveValue) return std::numeric_limits<double>::infinity();
        if (text == kNegativeValue) return -std::numeric_limits<double>::infinity();
        return std::nullopt;
    };
    if (const auto number = infinity(value)) {
        value = *number;
        return;
    }
    // Nested objects and arrays are shared pointers: recursing changes them in place.
    if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
        auto object = value.extract<Poco::JSON::Object::Ptr>();
        if (!object) return;
        std::vector<std::string> names;
        object->getNames(names);
        for (const auto& name : names) {
            auto member = object->get(name);
            if (const auto number = infinity(member))
                object->set(name, *number);
            else
                replaceMarkers(member);
        }
    } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
        auto array = value.extract<Poco::JSON::Array::Ptr>();
        if (!array) return;
        for (unsigned index = 0; index < array->size(); ++index) {
            auto element = array->get(index);
            if (const auto number = infinity(element))
                array->set(index, *number);
            else
                replaceMarkers(element);
        }
    }
}

} // namespace motel::host::JsonNumberRange
