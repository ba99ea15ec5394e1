#pragma once
/// The suites plugin's schema: the `suites` table (unique `number`, an index
/// for every documented filter and sort) and `suite_history`.

#include <motel/sdk/Database.h>

#include <vector>

namespace motel::suites {

class SuiteMigrations {
public:
    static std::vector<sdk::Migration> all();
};

} // namespace motel::suites
