#include <motel/sdk/BodyReader.h>
#include <motel/sdk/Errors.h>
#include <motel/sdk/Time.h>

#include <Poco/String.h>

#include <algorithm>
#include <cmath>

namespace motel::sdk {

BodyReader::BodyReader(Poco::JSON::Object::Ptr body, const std::vector<std::string>& allowedFields)
    : body_(body ? body : Poco::JSON::Object::Ptr(new Poco::JSON::Object)) {
    std::vector<std::string> names;
    body_->getNames(names);
    for (const auto& name : names)
        if (std::find(allowedFields.begin(), allowedFields.end(), name) == allowedFields.end())
            problems_.push_back("property " + name + " should not exist");
}

bool BodyReader::has(const std::string& field) const {
    return body_->has(field);
}

bool BodyReader::isNull(const std::string& field) const {
    return body_->has(field) && body_->isNull(field);
}

// True when the field is absent or null, recording a problem when it was required.
bool BodyReader::missing(const std::string& field, Required required) {
    if (has(field) && !isNull(field)) return false;
    if (required == Required::yes) problems_.push_back(field + " must not be empty");
    return true;
}

std::optional<std::string> BodyReader::string(const std::string& field, Required required, bool nonEmpty,
                                              std::size_t maxLength) {
    if (missing(field, required)) return std::nullopt;
    const Poco::Dynamic::Var value = body_->get(field);
    if (!value.isString()) {
        problems_.push_back(field + " must be a string");
        return std::nullopt;
    }
    std::string text = value.extract<std::string>();
    if (nonEmpty && Poco::trim(text).empty()) {
        problems_.push_back(field + " must not be empty");
        return std::nullopt;
    }
    if (text.size() > maxLength) {
        problems_.push_back(field + " must be shorter than or equal to " + std::to_string(maxLength) + " characters");
        return std::nullopt;
    }
    return text;
}

std::optional<std::int64_t> BodyReader::integer(const std::string& field, Required required, std::int64_t min,
                                                std::int64_t max) {
    if (missing(field, required)) return std::nullopt;
    const Poco::Dynamic::Var value = body_->get(field);
    std::optional<std::int64_t> number;
    if (value.isInteger() && !value.isBoolean()) {
        if (value.isSigned()) {
            number = value.convert<Poco::Int64>();
        } else {
            const auto u = value.convert<Poco::UInt64>();
            if (u <= static_cast<Poco::UInt64>(INT64_MAX)) number = static_cast<std::int64_t>(u);
        }
    } else if (value.isNumeric() && !value.isBoolean()) {
        const double d = value.convert<double>();
        if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.0e15) number = static_cast<std::int64_t>(d);
    }
    if (!number) {
        problems_.push_back(field + " must be an integer");
        return std::nullopt;
    }
    if (*number < min) {
        problems_.push_back(field + " must not be less than " + std::to_string(min));
        return std::nullopt;
    }
    if (*number > max) {
        problems_.push_back(field + " must not be greater than " + std::to_string(max));
        return std::nullopt;
    }
    return number;
}

std::optional<bool> BodyReader::boolean(const std::string& field, Required required) {
    if (missing(field, required)) return std::nullopt;
    const Poco::Dynamic::Var value = body_->get(field);
    if (!value.isBoolean()) {
        problems_.push_back(field + " must be a boolean value");
        return std::nullopt;
    }
    return value.extract<bool>();
}

std::optional<std::string> BodyReader::oneOf(const std::string& field, const std::vector<std::string>& allowed,
                                             Required required) {
    if (missing(field, required)) return std::nullopt;
    const Poco::Dynamic::Var value = body_->get(field);
    if (value.isString()) {
        const std::string text = value.extract<std::string>();
        if (std::find(allowed.begin(), allowed.end(), text) != allowed.end()) return text;
    }
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    problems_.push_back(field + " must be one of the following values: " + list);
    return std::nullopt;
}

std::optional<std::string> BodyReader::timestamp(const std::string& field, Required required) {
    if (missing(field, required)) return std::nullopt;
    const Poco::Dynamic::Var value = body_->get(field);
    if (value.isString()) {
        if (auto parsed = parseTimestamp(value.extract<std::string>())) return formatTimestamp(*parsed);
    }
    problems_.push_back(field + " must be a valid ISO 8601 date string");
    return std::nullopt;
}

void BodyReader::problem(std::string message) {
    problems_.push_back(std::move(message));
}

void BodyReader::finish() const {
    if (!problems_.empty()) throw ValidationError(problems_);
}

namespace {

/// Absent: nullopt; null: a present nullopt; otherwise what `read` makes of
/// it (nullopt when it recorded a problem).
template <class T, class Read> Nullable<T> readNullable(const BodyReader& body, const std::string& field, Read read) {
    if (!body.has(field)) return std::nullopt;
    if (body.isNull(field)) return std::optional<T>();
    auto value = read();
    if (!value) return std::nullopt;
    return std::optional<T>(std::move(*value));
}

} // namespace

Nullable<std::string> BodyReader::nullableString(const std::string& field, std::size_t maxLength) {
    return readNullable<std::string>(*this, field, [&] { return string(field, Required::no, false, maxLength); });
}

Nullable<std::int64_t> BodyReader::nullableInteger(const std::string& field, std::int64_t min, std::int64_t max) {
    return readNullable<std::int64_t>(*this, field, [&] { return integer(field, Required::no, min, max); });
}

Nullable<std::string> BodyReader::nullableTimestamp(const std::string& field) {
    return readNullable<std::string>(*this, field, [&] { return timestamp(field); });
}

void BodyReader::refuseNull(const std::string& field) {
    if (isNull(field)) problems_.push_back(field + " must not be empty");
}

} // namespace motel::sdk
