#include "SuiteDiff.h"

#include <motel/sdk/JsonObjectWriter.h>

#include <optional>

namespace motel::suites {

namespace {

std::string jsonOf(const std::string& value) {
    std::string out;
    sdk::JsonObjectWriter::appendString(out, value);
    return out;
}

std::string jsonOf(const std::optional<std::string>& value) {
    return value ? jsonOf(*value) : "null";
}

std::string jsonOf(std::int64_t value) {
    return std::to_string(value);
}

template <class T> void compare(std::vector<FieldChange>& changes, const char* field, const T& before, const T& after) {
    if (before != after) changes.push_back({field, jsonOf(before), jsonOf(after)});
}

} // namespace

std::vector<FieldChange> SuiteDiff::between(const Suite& before, const Suite& after) {
    std::vector<FieldChange> changes;
    compare(changes, "number", before.number, after.number);
    compare(changes, "name", before.name, after.name);
    compare(changes, "floor", before.floor, after.floor);
    compare(changes, "type", before.type, after.type);
    compare(changes, "occupancy", before.occupancy, after.occupancy);
    compare(changes, "condition", before.condition, after.condition);
    compare(changes, "serviceState", before.serviceState, after.serviceState);
    compare(changes, "notes", before.notes, after.notes);
    return changes;
}

} // namespace motel::suites
