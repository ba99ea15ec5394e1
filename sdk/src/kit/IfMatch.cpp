#include <motel/sdk/Errors.h>
#include <motel/sdk/IfMatch.h>

#include <Poco/String.h>

#include <cerrno>
#include <cstdlib>

namespace motel::sdk {

namespace {

const char* const kMalformed = "If-Match must be a list of quoted version numbers";

/// A version: digits only (no sign), within 64 bits.
std::int64_t versionOf(const std::string& text) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) throw ValidationError(kMalformed);
    errno = 0;
    const long long value = std::strtoll(text.c_str(), nullptr, 10);
    if (errno == ERANGE) throw ValidationError(kMalformed);
    return static_cast<std::int64_t>(value);
}

} // namespace

IfMatch::IfMatch(std::int64_t version) : tags_{{version, false}} {}

std::optional<IfMatch> IfMatch::of(const Request& request) {
    if (!request.hasHeader("If-Match")) return std::nullopt;
    const std::string value = Poco::trim(request.header("If-Match"));
    if (value == "*") return std::nullopt;
    return parse(value);
}

IfMatch IfMatch::parse(const std::string& value) {
    IfMatch condition;
    std::size_t start = 0;
    while (start <= value.size()) {
        const std::size_t comma = value.find(',', start);
        const std::size_t end = comma == std::string::npos ? value.size() : comma;
        std::string tag = Poco::trim(value.substr(start, end - start));
        start = end + 1;
        if (tag.empty()) continue; // RFC 9110 5.6.1: empty list elements are allowed and ignored
        const bool weak = tag.rfind("W/", 0) == 0;
        if (weak) tag.erase(0, 2);
        if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"')
            tag = tag.substr(1, tag.size() - 2);
        else if (weak)
            throw ValidationError(kMalformed); // W/ needs a quoted tag
        condition.tags_.push_back(Tag{versionOf(tag), weak});
    }
    if (condition.tags_.empty()) throw ValidationError(kMalformed);
    return condition;
}

bool IfMatch::matches(std::int64_t version) const {
    for (const auto& tag : tags_)
        if (!tag.weak && tag.version == version) return true;
    return false;
}

void IfMatch::require(const std::string& resource, std::int64_t current) const {
    if (!matches(current))
        throw PreconditionFailed(resource + " is at version " + std::to_string(current) + ", not " + tags());
}

std::string IfMatch::tags() const {
    std::string text;
    for (const auto& tag : tags_) {
        if (!text.empty()) text += ", ";
        text += tag.weak ? "W/\"" + std::to_string(tag.version) + "\"" : std::to_string(tag.version);
    }
    return text;
}

} // namespace motel::sdk
