#pragma once
// What the Redis fault suites stand on: a Redis server of their own
// (append-only, so a restart keeps the queue; the shared fixture server is
// never stopped) and a plugin folder holding the standard plugins and the
// fault probe side by side (symbolic links).

#include "FaultSupport.h"
#include "RedisServerProcess.h"

#include <string>
#include <vector>

namespace motel::test::faults {

class OwnRedis {
public:
    /// Starts the server; `name` tells the plugin folders of the suites apart.
    explicit OwnRedis(const std::string& name);
    /// Stops the server and removes the plugin folder.
    ~OwnRedis();

    OwnRedis(const OwnRedis&) = delete;
    OwnRedis& operator=(const OwnRedis&) = delete;

    RedisServerProcess& server() { return server_; }
    /// hostOptions() for hosts on this Redis, loading from the plugin folder.
    HostOptions hostOptions(std::vector<std::string> plugins, const std::string& databaseUrl = "") const;

private:
    RedisServerProcess server_;
    std::string pluginDir_;
};

} // namespace motel::test::faults
