#pragma once
// Operator commands about plugins that need no database and no server:
//   motel-host config check [--config=FILE]
//     loads every plugin of plugins.load (ABI stamps, dependencies) and
//     validates the host's and every plugin's declared settings; prints each
//     problem, exits non-zero when there is one. Opens no database.
//   motel-host plugins describe NAME
//     prints a plugin's version, dependencies, declared settings,
//     published topics and operator commands (flagging one its file does
//     not declare), then starts it (and what it depends on) in a sandbox
//     (in-memory SQLite, no Redis, no HTTP server) to list what it registers:
//     routes, event subscriptions, jobs, metrics, health checks and services.

#include "config/HostConfig.h"

#include <iosfwd>
#include <string>

namespace motel::host {

class PluginCommands {
public:
    /// 0 when valid, 78 (EX_CONFIG) otherwise.
    static int checkConfig(const HostConfig& config, std::ostream& out);
    /// 0, or 64 when NAME is not a plugin in the plugin folders. A refused
    /// setting of NAME or a dependency throws sdk::ConfigError (exit 78).
    static int describe(const HostConfig& config, const std::string& name, std::ostream& out);
};

} // namespace motel::host
