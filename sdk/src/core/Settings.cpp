#include <motel/sdk/Settings.h>

#include <Poco/NumberParser.h>
#include <Poco/String.h>

#include <limits>

namespace motel::sdk {

ConfigError::ConfigError(const std::string& message) : std::runtime_error(message) {}
ConfigError::~ConfigError() = default;

Settings::Settings(std::string prefix, std::map<std::string, std::string> values)
    : prefix_(std::move(prefix)), values_(std::move(values)) {}

bool Settings::has(const std::string& key) const {
    return values_.count(key) != 0;
}

std::string Settings::getString(const std::string& key, const std::string& fallback) const {
    auto it = values_.find(key);
    return it == values_.end() ? fallback : it->second;
}

std::string Settings::requireString(const std::string& key) const {
    const std::string value = Poco::trim(getString(key));
    if (value.empty()) throw ConfigError(prefix_ + key + " is required but not set");
    return value;
}

void Settings::fail(const std::string& key, const std::string& value, const std::string& expected) const {
    throw ConfigError(prefix_ + key + "='" + value + "': expected " + expected);
}

std::int64_t Settings::getInt(const std::string& key, std::int64_t fallback, std::int64_t min, std::int64_t max) const {
    auto it = values_.find(key);
    if (it == values_.end() || Poco::trim(it->second).empty()) return fallback;
    Poco::Int64 value = 0;
    const std::string text = Poco::trim(it->second);
    if (!Poco::NumberParser::tryParse64(text, value)) fail(key, it->second, "an integer");
    if (value < min || value > max)
        fail(key, it->second, "an integer between " + std::to_string(min) + " and " + std::to_string(max));
    return value;
}

double Settings::getDouble(const std::string& key, double fallback) const {
    auto it = values_.find(key);
    if (it == values_.end() || Poco::trim(it->second).empty()) return fallback;
    double value = 0;
    if (!Poco::NumberParser::tryParseFloat(Poco::trim(it->second), value)) fail(key, it->second, "a number");
    return value;
}

bool Settings::getBool(const std::string& key, bool fallback) const {
    auto it = values_.find(key);
    if (it == values_.end() || Poco::trim(it->second).empty()) return fallback;
    const std::string text = Poco::toLower(Poco::trim(it->second));
    if (text == "true" || text == "yes" || text == "on" || text == "1") return true;
    if (text == "false" || text == "no" || text == "off" || text == "0") return false;
    fail(key, it->second, "true or false");
}

std::chrono::milliseconds Settings::getDuration(const std::string& key, std::chrono::milliseconds fallback) const {
    auto it = values_.find(key);
    if (it == values_.end() || Poco::trim(it->second).empty()) return fallback;
    try {
        return parseDuration(it->second);
    } catch (const std::invalid_argument&) {
        fail(key, it->second, "a duration such as 250ms, 45s, 30m, 12h, 1d or plain seconds");
    }
}

std::vector<std::string> Settings::getList(const std::string& key) const {
    std::vector<std::string> items;
    const std::string text = getString(key);
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        const std::string item = Poco::trim(text.substr(start, comma - start));
        if (!item.empty()) items.push_back(item);
        start = comma + 1;
    }
    return items;
}

std::chrono::milliseconds parseDuration(const std::string& input) {
    const std::string text = Poco::trim(input);
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits == 0 || digits > 12) throw std::invalid_argument("not a duration: '" + input + "'");
    const long long amount = std::stoll(text.substr(0, digits));
    const std::string unit = text.substr(digits);
    long long factor = 0;
    if (unit.empty() || unit == "s")
        factor = 1000;
    else if (unit == "ms")
        factor = 1;
    else if (unit == "m")
        factor = 60 * 1000;
    else if (unit == "h")
        factor = 60LL * 60 * 1000;
    else if (unit == "d")
        factor = 24LL * 60 * 60 * 1000;
    else
        throw std::invalid_argument("unknown duration unit in '" + input + "'");
    return std::chrono::milliseconds(amount * factor);
}

} // namespace motel::sdk
