#include "SuiteJson.h"

#include "SuiteHistoryStore.h"

#include <motel/sdk/JsonObjectWriter.h>

namespace motel::suites {

void SuiteJson::append(std::string& out, const Suite& suite) {
    sdk::JsonObjectWriter writer(out);
    writer.field("id", suite.id)
        .field("number", suite.number)
        .field("name", suite.name)
        .field("floor", suite.floor)
        .field("type", suite.type)
        .field("occupancy", suite.occupancy)
        .field("condition", suite.condition)
        .field("serviceState", suite.serviceState)
        .field("notes", suite.notes)
        .field("version", suite.version)
        .field("createdAt", suite.createdAt)
        .field("updatedAt", suite.updatedAt)
        .close();
}

std::string SuiteJson::text(const Suite& suite) {
    std::string out;
    out.reserve(320);
    append(out, suite);
    return out;
}

Poco::JSON::Object::Ptr SuiteJson::object(const Suite& suite) {
    return sdk::JsonObjectWriter::parseObject(text(suite));
}

void SuiteJson::append(std::string& out, const HistoryRow& row) {
    sdk::JsonObjectWriter writer(out);
    writer.field("field", row.field)
        .rawField("from", row.fromJson)
        .rawField("to", row.toJson)
        .field("actorId", row.actorId)
        .field("source", row.source)
        .field("taskId", row.taskId)
        .field("at", row.at)
        .close();
}

} // namespace motel::suites
