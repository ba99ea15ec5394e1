#pragma once
/// Kit (Motel::sdk_kit). A statement and its parameters, as list query
/// builders assemble them. Placeholders are numbered `$1, $2, ...` in the
/// order of `params`.

#include <motel/sdk/Database.h>

#include <string>

namespace motel::sdk {

struct SqlQuery {
    std::string sql;
    SqlParams params;

    /// Appends a parameter and returns its placeholder (`$3`).
    std::string bind(SqlValue value) {
        params.push_back(std::move(value));
        return "$" + std::to_string(params.size());
    }
};

} // namespace motel::sdk
