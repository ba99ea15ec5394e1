#include "json/JsonText.h"

#include <motel/sdk/JsonString.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/ParseHandler.h>
#include <Poco/JSON/Parser.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace motel::realtime {

namespace {

void writeNumber(double value, std::string& out) {
    if (!std::isfinite(value)) {
        out += "null"; // what JSON.stringify does with NaN and Infinity
        return;
    }
    if (value == std::floor(value) && std::fabs(value) < 1e15) {
        out += std::to_string(static_cast<long long>(value));
        return;
    }
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

void writeObject(const Poco::JSON::Object& object, std::string& out) {
    out += '{';
    bool first = true;
    for (const auto& name : object.getNames()) {
        if (!first) out += ',';
        first = false;
        JsonText::writeString(name, out);
        out += ':';
        JsonText::write(object.get(name), out);
    }
    out += '}';
}

void writeArray(const Poco::JSON::Array& array, std::string& out) {
    out += '[';
    for (std::size_t i = 0; i < array.size(); ++i) {
        if (i > 0) out += ',';
        JsonText::write(array.get(static_cast<unsigned>(i)), out);
    }
    out += ']';
}

} // namespace

Poco::Dynamic::Var JsonText::parse(const std::string& text) {
    try {
        Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
        const auto first = text.find_first_not_of(" \t\r\n");
        if (first != std::string::npos && text[first] != '{' && text[first] != '[') {
            // Poco 1.11 parses only objects and arrays at the top level.
            const auto wrapped = parser.parse("[" + text + "]").extract<Poco::JSON::Array::Ptr>();
            if (wrapped->size() != 1) throw std::invalid_argument("malformed JSON");
            return wrapped->get(0);
        }
        return parser.parse(text);
    } catch (const Poco::Exception& error) {
        throw std::invalid_argument("malformed JSON: " + error.displayText());
    }
}

std::string JsonText::write(const Poco::Dynamic::Var& value) {
    std::string out;
    write(value, out);
    return out;
}

void JsonText::write(const Poco::Dynamic::Var& value, std::string& out) {
    if (value.isEmpty()) {
        out += "null";
    } else if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
        const auto& object = value.extract<Poco::JSON::Object::Ptr>();
        if (object)
            writeObject(*object, out);
        else
            out += "null";
    } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
        const auto& array = value.extract<Poco::JSON::Array::Ptr>();
        if (array)
            writeArray(*array, out);
        else
            out += "null";
    } else if (value.type() == typeid(Poco::JSON::Object)) {
        writeObject(value.extract<Poco::JSON::Object>(), out);
    } else if (value.type() == typeid(Poco::JSON::Array)) {
        writeArray(value.extract<Poco::JSON::Array>(), out);
    } else if (value.type() == typeid(bool)) {
        out += value.extract<bool>() ? "true" : "false";
    } else if (value.isString()) {
        writeString(value.convert<std::string>(), out);
    } else if (value.isInteger()) {
        out += value.isSigned() ? std::to_string(value.convert<Poco::Int64>())
                                : std::to_string(value.convert<Poco::UInt64>());
    } else if (value.isNumeric()) {
        writeNumber(value.convert<double>(), out);
    } else {
        writeString(value.convert<std::string>(), out);
    }
}

void JsonText::writeString(const std::string& text, std::string& out) {
    motel::sdk::appendJsonString(out, text);
}

} // namespace motel::realtime
