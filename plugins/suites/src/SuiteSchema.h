#pragma once
/// The suite resource as one table of fields (JSON name, column, member):
/// the column list of every whole-suite SELECT, the row mapping and the JSON
/// of a suite, whether from a Suite or straight from a row of a list page
/// (sdk::ResourceSchema).

#include "SuiteTypes.h"

#include <motel/sdk/ResourceSchema.h>

namespace motel::suites {

const sdk::ResourceSchema<Suite>& suiteSchema();

} // namespace motel::suites
