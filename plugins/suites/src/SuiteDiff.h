#pragma once
/// Which fields of a suite a change touched, with their old and new values as
/// JSON text (so the history keeps each field's JSON type: `floor` stays a
/// number, `name` may be null). Pure; SuiteHistoryStore writes the result.

#include "SuiteTypes.h"

#include <string>
#include <vector>

namespace motel::suites {

struct FieldChange {
    std::string field;    ///< the REST field name (`serviceState`)
    std::string fromJson; ///< JSON text of the old value
    std::string toJson;   ///< JSON text of the new value
};

class SuiteDiff {
public:
    /// One entry per field whose value differs, in the REST field order.
    static std::vector<FieldChange> between(const Suite& before, const Suite& after);
};

} // namespace motel::suites
