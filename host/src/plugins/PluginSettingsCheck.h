#pragma once
// Validates every loaded plugin's `plugins.<name>.*` block against the
// settings the plugin declares (PluginInfo::settings) before any migration
// runs or any plugin starts, so a bad value never stops a host halfway
// through changing its database. Then each plugin's own cross-setting rules
// (Plugin::checkSettings, SDK ABI 3.1; never called on an older plugin,
// whose vtable has no such slot) for the plugins whose declared settings
// passed. Every problem of every plugin is collected and reported together.

#include "config/HostConfig.h"
#include "plugins/PluginSet.h"

#include <motel/sdk/HostInfo.h>

#include <string>
#include <vector>

namespace motel::host {

struct SettingsReport {
    std::vector<std::string> errors;   ///< each names the full key, the value and what was expected
    std::vector<std::string> warnings; ///< keys no plugin declares (usually a typo)

    /// The errors as one message, one per line.
    std::string errorText() const;
};

class PluginSettingsCheck {
public:
    static SettingsReport run(const PluginSet& plugins, const HostConfig& config, const sdk::HostInfo& host);
    /// run(), logging the warnings; throws sdk::ConfigError with every error.
    static void enforce(const PluginSet& plugins, const HostConfig& config, const sdk::HostInfo& host);
};

} // namespace motel::host
