#include "db/ConfiguredSessionPool.h"

namespace motel::host {

ConfiguredSessionPool::ConfiguredSessionPool(const std::string& connector, const std::string& connectionString,
                                             int maxSessions, int idleSeconds, Setup setup)
    : Poco::Data::SessionPool(connector, connectionString, 1, maxSessions, idleSeconds), setup_(std::move(setup)) {}

void ConfiguredSessionPool::customizeSession(Poco::Data::Session& session) {
    if (setup_) setup_(session);
}

} // namespace motel::host
