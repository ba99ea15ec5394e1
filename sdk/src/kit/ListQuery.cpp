#include <motel/sdk/Errors.h>
#include <motel/sdk/ListQuery.h>
#include <motel/sdk/Settings.h>

#include <Poco/NumberParser.h>
#include <Poco/String.h>

#include <algorithm>
#include <limits>

namespace motel::sdk {

namespace {
constexpr std::int64_t kDefaultLimit = 50;
constexpr std::int64_t kMaxLimit = 200;

std::string joinedValues(const std::vector<std::string>& values) {
    std::string list;
    for (const auto& v : values) list += (list.empty() ? "" : ", ") + v;
    return list;
}

// Parses an optionally signed decimal integer. One beyond 64 bits is still a
// number: with `saturate` it becomes the nearest 64-bit value (so `limit`
// clamps to its cap and an `offset` past the end gives an empty page, as the
// contract's clamping rule wants); without, it is refused like text.
bool parseInteger(const std::string& text, std::int64_t& out, bool saturate) {
    Poco::Int64 value = 0;
    const std::string trimmed = Poco::trim(text);
    const std::size_t digitsFrom = !trimmed.empty() && (trimmed[0] == '+' || trimmed[0] == '-') ? 1 : 0;
    if (trimmed.size() == digitsFrom || trimmed.find_first_not_of("0123456789", digitsFrom) != std::string::npos)
        return false;
    if (Poco::NumberParser::tryParse64(trimmed, value)) {
        out = value;
        return true;
    }
    if (!saturate) return false;
    out = trimmed[0] == '-' ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
    return true;
}
} // namespace

ListQuery::ListQuery(const Request& request, const std::vector<std::string>& sortFields)
    : request_(request), limit_(kDefaultLimit) {
    limit_ = pagingNumber("limit").value_or(kDefaultLimit);
    if (request.queryValue("limit") && limit_ < 1) problems_.push_back("limit must not be less than 1");
    limit_ = std::clamp<std::int64_t>(limit_, 1, kMaxLimit);

    offset_ = pagingNumber("offset").value_or(0);
    if (offset_ < 0) {
        problems_.push_back("offset must not be less than 0");
        offset_ = 0;
    }

    if (auto sort = request.queryValue("sort")) {
        std::string field = Poco::trim(*sort);
        const bool descending = !field.empty() && field[0] == '-';
        if (descending) field = field.substr(1);
        if (std::find(sortFields.begin(), sortFields.end(), field) == sortFields.end()) {
            problems_.push_back(sortFields.empty() ? std::string("sort is not supported here")
                                                   : "sort must be one of the following values: " +
                                                         joinedValues(sortFields) + " (prefix with - for descending)");
        } else {
            sort_ = SortOrder{field, descending};
        }
    }
}

std::optional<std::string> ListQuery::enumFilter(const std::string& name, const std::vector<std::string>& allowed) {
    auto value = request_.queryValue(name);
    if (!value) return std::nullopt;
    if (std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
        problems_.push_back(name + " must be one of the following values: " + joinedValues(allowed));
        return std::nullopt;
    }
    return value;
}

std::optional<std::vector<std::string>> ListQuery::enumListFilter(const std::string& name,
                                                                  const std::vector<std::string>& allowed) {
    auto value = request_.queryValue(name);
    if (!value) return std::nullopt;
    std::vector<std::string> items;
    bool bad = false;
    for (const auto& part : Settings("", {{"v", *value}}).getList("v")) {
        if (std::find(allowed.begin(), allowed.end(), part) == allowed.end())
            bad = true;
        else if (std::find(items.begin(), items.end(), part) == items.end())
            items.push_back(part);
    }
    if (bad || items.empty()) {
        problems_.push_back("each value in " + name + " must be one of the following values: " + joinedValues(allowed));
        return std::nullopt;
    }
    return items;
}

std::optional<std::int64_t> ListQuery::integerFilter(const std::string& name) {
    return integer(name, false);
}

std::optional<std::int64_t> ListQuery::pagingNumber(const std::string& name) {
    return integer(name, true);
}

std::optional<std::int64_t> ListQuery::integer(const std::string& name, bool saturate) {
    auto value = request_.queryValue(name);
    if (!value) return std::nullopt;
    std::int64_t number = 0;
    if (!parseInteger(*value, number, saturate)) {
        problems_.push_back(name + " must be an integer");
        return std::nullopt;
    }
    return number;
}

std::optional<bool> ListQuery::booleanFilter(const std::string& name) {
    auto value = request_.queryValue(name);
    if (!value) return std::nullopt;
    if (*value == "true") return true;
    if (*value == "false") return false;
    problems_.push_back(name + " must be a boolean value");
    return std::nullopt;
}

void ListQuery::finish() const {
    if (!problems_.empty()) throw ValidationError(problems_);
}

Poco::JSON::Object::Ptr ListQuery::envelope(Poco::JSON::Array::Ptr data, std::int64_t total) const {
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set("data", data);
    out->set("total", total);
    out->set("limit", limit_);
    out->set("offset", offset_);
    return out;
}

} // namespace motel::sdk
