#include "plugins/PluginSettingsCheck.h"

#include <motel/sdk/SettingSpec.h>

#include <Poco/Logger.h>

namespace motel::host {

std::string SettingsReport::errorText() const {
    std::string text = std::to_string(errors.size()) + " invalid plugin setting(s):";
    for (const auto& error : errors) text += "\n  " + error;
    return text;
}

SettingsReport PluginSettingsCheck::run(const PluginSet& plugins, const HostConfig& config) {
    SettingsReport report;
    for (const LoadedPlugin* plugin : plugins.ordered()) {
        const auto& specs = plugin->info.settings;
        const sdk::Settings settings = config.pluginSettings(plugin->name);
        for (auto& problem : sdk::validateSettings(specs, settings)) report.errors.push_back(std::move(problem));
        // A plugin that declares nothing (SDK 2 habits) is not second-guessed.
        if (specs.empty()) continue;
        for (const auto& key : sdk::undeclaredSettings(specs, settings))
            report.warnings.push_back(key + " is not a setting of plugin '" + plugin->name + "' (ignored)");
    }
    return report;
}

void PluginSettingsCheck::enforce(const PluginSet& plugins, const HostConfig& config) {
    const SettingsReport report = run(plugins, config);
    auto& log = Poco::Logger::get("motel.config");
    for (const auto& warning : report.warnings) log.warning(warning);
    if (!report.errors.empty()) throw sdk::ConfigError(report.errorText());
}

} // namespace motel::host
