#include <motel/sdk/Database.h>

#include <stdexcept>

namespace motel::sdk {

Row::Row(std::shared_ptr<const std::vector<std::string>> columns, std::vector<SqlValue> values)
    : columns_(std::move(columns)), values_(std::move(values)) {}

std::size_t Row::indexOf(const std::string& column) const {
    const auto& names = *columns_;
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == column) return i;
    throw std::out_of_range("no column named '" + column + "' in the result");
}

const SqlValue& Row::operator[](const std::string& column) const {
    return values_.at(indexOf(column));
}

bool Row::isNull(const std::string& column) const {
    return (*this)[column].isEmpty();
}

std::int64_t Row::integer(const std::string& column) const {
    const SqlValue& v = (*this)[column];
    return v.isEmpty() ? 0 : v.convert<Poco::Int64>();
}

double Row::real(const std::string& column) const {
    const SqlValue& v = (*this)[column];
    return v.isEmpty() ? 0.0 : v.convert<double>();
}

std::string Row::text(const std::string& column) const {
    const SqlValue& v = (*this)[column];
    return v.isEmpty() ? std::string() : v.convert<std::string>();
}

bool Row::boolean(const std::string& column) const {
    const SqlValue& v = (*this)[column];
    if (v.isEmpty()) return false;
    if (v.isBoolean()) return v.extract<bool>();
    if (v.isString()) {
        const std::string s = v.extract<std::string>();
        return s == "1" || s == "t" || s == "true";
    }
    return v.convert<Poco::Int64>() != 0;
}

std::optional<std::int64_t> Row::optInteger(const std::string& column) const {
    const SqlValue& v = (*this)[column];
    if (v.isEmpty()) return std::nullopt;
    return v.convert<Poco::Int64>();
}

std::optional<std::string> Row::optText(const std::string& column) const {
    const SqlValue& v = (*this)[column];
    if (v.isEmpty()) return std::nullopt;
    return v.convert<std::string>();
}

} // namespace motel::sdk
