#pragma once
/// A statement and its parameters, built by the list query builders of the
/// suites and tasks plugins. Placeholders are numbered `$1, $2, ...` in the
/// order of `params`.

#include <motel/sdk/Database.h>

#include <string>

namespace motel::suites {

struct SqlQuery {
    std::string sql;
    sdk::SqlParams params;

    /// Appends a parameter and returns its placeholder (`$3`).
    std::string bind(sdk::SqlValue value) {
        params.push_back(std::move(value));
        return "$" + std::to_string(params.size());
    }
};

} // namespace motel::suites
