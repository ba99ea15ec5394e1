#include "SuiteInput.h"

#include <motel/sdk/BodyReader.h>

#include <cstdint>

namespace motel::suites {

namespace {

using motel::sdk::BodyReader;
using motel::sdk::Required;

const std::vector<std::string> kFields{"number",    "name",      "floor",        "type",
                                       "occupancy", "condition", "serviceState", "notes"};
constexpr std::size_t kNumberMax = 50;
constexpr std::size_t kTextMax = 200;
constexpr std::size_t kNotesMax = 5000;
constexpr std::int64_t kFloorMin = INT32_MIN;
constexpr std::int64_t kFloorMax = INT32_MAX;

} // namespace

Suite SuiteInput::readNew(const sdk::Request& request) {
    BodyReader body(request.jsonObject(), kFields);
    Suite suite;
    auto number = body.string("number", Required::yes, true, kNumberMax);
    auto floor = body.integer("floor", Required::yes, kFloorMin, kFloorMax);
    auto name = body.nullableString("name", kTextMax);
    auto type = body.string("type", Required::no, true, kTextMax);
    auto occupancy = body.oneOf("occupancy", occupancyValues());
    auto condition = body.oneOf("condition", conditionValues());
    auto serviceState = body.oneOf("serviceState", serviceStateValues());
    auto notes = body.nullableString("notes", kNotesMax);
    body.finish();

    suite.number = *number;
    suite.floor = *floor;
    if (name) suite.name = *name;
    if (type) suite.type = *type;
    if (occupancy) suite.occupancy = *occupancy;
    if (condition) suite.condition = *condition;
    if (serviceState) suite.serviceState = *serviceState;
    if (notes) suite.notes = *notes;
    return suite;
}

SuiteChange SuiteInput::readChange(const sdk::Request& request) {
    BodyReader body(request.jsonObject(), kFields);
    for (const char* field : {"number", "floor", "type", "occupancy", "condition", "serviceState"})
        body.refuseNull(field);
    SuiteChange change;
    change.number = body.string("number", Required::no, true, kNumberMax);
    change.floor = body.integer("floor", Required::no, kFloorMin, kFloorMax);
    change.name = body.nullableString("name", kTextMax);
    change.type = body.string("type", Required::no, true, kTextMax);
    change.occupancy = body.oneOf("occupancy", occupancyValues());
    change.condition = body.oneOf("condition", conditionValues());
    change.serviceState = body.oneOf("serviceState", serviceStateValues());
    change.notes = body.nullableString("notes", kNotesMax);
    body.finish();
    return change;
}

} // namespace motel::suites
