#include "SuiteSchema.h"

namespace motel::suites {

const sdk::ResourceSchema<Suite>& suiteSchema() {
    static const sdk::ResourceSchema<Suite> schema("suites",
                                                   {
                                                       {"id", "id", &Suite::id},
                                                       {"number", "number", &Suite::number},
                                                       {"name", "name", &Suite::name},
                                                       {"floor", "floor", &Suite::floor},
                                                       {"type", "type", &Suite::type},
                                                       {"occupancy", "occupancy", &Suite::occupancy},
                                                       {"condition", "condition", &Suite::condition},
                                                       {"serviceState", "service_state", &Suite::serviceState},
                                                       {"notes", "notes", &Suite::notes},
                                                       {"version", "version", &Suite::version},
                                                       {"createdAt", "created_at", &Suite::createdAt},
                                                       {"updatedAt", "updated_at", &Suite::updatedAt},
                                                   });
    return schema;
}

} // namespace motel::suites
