#include "db/SqlValues.h"

#include "db/DatabaseErrors.h"

#include <Poco/Data/Date.h>
#include <Poco/Data/LOB.h>
#include <Poco/Data/Time.h>
#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/UUID.h>

#include <limits>
#include <typeinfo>

namespace motel::host {

sdk::SqlValue SqlValues::parameter(const sdk::SqlValue& value, std::size_t position) {
    if (value.isEmpty()) return {};
    const std::type_info& type = value.type();
    if (type == typeid(bool)) return Poco::Int64(value.extract<bool>() ? 1 : 0);
    if (type == typeid(std::string)) return value;
    if (type == typeid(float) || type == typeid(double)) return value.convert<double>();
    if (value.isInteger()) {
        if (!value.isSigned() && value.convert<Poco::UInt64>() > static_cast<Poco::UInt64>(std::numeric_limits<Poco::Int64>::max()))
            throw DatabaseError("parameter $" + std::to_string(position) + " does not fit in a 64-bit signed integer");
        return value.convert<Poco::Int64>();
    }
    throw DatabaseError("parameter $" + std::to_string(position) + " has type " + type.name() +
                        "; bind Int64/int, double, std::string, bool or an empty Var (NULL)");
}

SqlValues::Kind SqlValues::kindOf(const sdk::SqlValue& normalised) {
    if (normalised.isEmpty()) return Kind::null;
    const std::type_info& type = normalised.type();
    if (type == typeid(Poco::Int64)) return Kind::integer;
    if (type == typeid(double)) return Kind::real;
    return Kind::text;
}

sdk::SqlValue SqlValues::result(const sdk::SqlValue& value) {
    if (value.isEmpty()) return {};
    const std::type_info& type = value.type();
    if (type == typeid(std::string) || type == typeid(Poco::Int64) || type == typeid(double)) return value;
    if (type == typeid(bool)) return Poco::Int64(value.extract<bool>() ? 1 : 0);
    if (type == typeid(float)) return static_cast<double>(value.extract<float>());
    if (type == typeid(Poco::Data::CLOB)) {
        const auto& clob = value.extract<Poco::Data::CLOB>();
        return std::string(clob.rawContent(), clob.size());
    }
    if (type == typeid(Poco::Data::BLOB)) {
        const auto& blob = value.extract<Poco::Data::BLOB>();
        return std::string(reinterpret_cast<const char*>(blob.rawContent()), blob.size());
    }
    if (type == typeid(Poco::DateTime))
        return Poco::DateTimeFormatter::format(value.extract<Poco::DateTime>(), "%Y-%m-%dT%H:%M:%S.%iZ");
    if (type == typeid(Poco::Data::Date)) {
        const auto& date = value.extract<Poco::Data::Date>();
        return Poco::DateTimeFormatter::format(Poco::DateTime(date.year(), date.month(), date.day()), "%Y-%m-%d");
    }
    if (type == typeid(Poco::Data::Time)) {
        const auto& time = value.extract<Poco::Data::Time>();
        return Poco::DateTimeFormatter::format(Poco::DateTime(1970, 1, 1, time.hour(), time.minute(), time.second()),
                                               "%H:%M:%S");
    }
    if (type == typeid(Poco::UUID)) return value.extract<Poco::UUID>().toString();
    if (value.isInteger()) return value.convert<Poco::Int64>();
    if (value.isNumeric()) return value.convert<double>();
    return value.convert<std::string>();
}

} // namespace motel::host
