#include "db/SqlValues.h"

#include "db/DatabaseErrors.h"

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
        if (!value.isSigned() &&
            value.convert<Poco::UInt64>() > static_cast<Poco::UInt64>(std::numeric_limits<Poco::Int64>::max()))
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

} // namespace motel::host
