#include "SuiteJson.h"

#include "SuiteHistoryStore.h"
#include "SuiteSchema.h"

#include <motel/sdk/JsonObjectWriter.h>

namespace motel::suites {

void SuiteJson::append(std::string& out, const Suite& suite) {
    suiteSchema().appendJson(out, suite);
}

std::string SuiteJson::text(const Suite& suite) {
    return suiteSchema().json(suite);
}

Poco::JSON::Object::Ptr SuiteJson::object(const Suite& suite) {
    return suiteSchema().object(suite);
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
