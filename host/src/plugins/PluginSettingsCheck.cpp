#include "plugins/PluginSettingsCheck.h"

#include "services/ExceptionText.h"

#include <motel/sdk/SettingSpec.h>

#include <Poco/Logger.h>

namespace motel::host {

namespace {

/// The first SDK ABI minor whose Plugin has checkSettings().
constexpr std::int32_t kCheckSettingsMinor = 1;

void checkAcrossSettings(const LoadedPlugin& plugin, const sdk::Settings& settings, const sdk::HostInfo& host,
                         std::vector<std::string>& errors) {
    if (plugin.stamp.sdkMinor < kCheckSettingsMinor) return;
    try {
        for (auto& problem : plugin.instance->checkSettings(settings, host)) errors.push_back(std::move(problem));
    } catch (...) {
        errors.push_back("plugin '" + plugin.name + "': checkSettings() threw: " + describeCurrentException());
    }
}

} // namespace

std::string SettingsReport::errorText() const {
    std::string text = std::to_string(errors.size()) + " invalid plugin setting(s):";
    for (const auto& error : errors) text += "\n  " + error;
    return text;
}

SettingsReport PluginSettingsCheck::run(const PluginSet& plugins, const HostConfig& config, const sdk::HostInfo& host) {
    SettingsReport report;
    for (const LoadedPlugin* plugin : plugins.ordered()) {
        const auto& specs = plugin->info.settings;
        const sdk::Settings settings = config.pluginSettings(plugin->name);
        auto problems = sdk::validateSettings(specs, settings);
        // Cross-setting rules see only values that passed their own checks.
        if (problems.empty()) checkAcrossSettings(*plugin, sdk::withDefaults(specs, settings), host, problems);
        for (auto& problem : problems) report.errors.push_back(std::move(problem));
        // A plugin that declares nothing (SDK 2 habits) is not second-guessed.
        if (specs.empty()) continue;
        for (const auto& key : sdk::undeclaredSettings(specs, settings))
            report.warnings.push_back(key + " is not a setting of plugin '" + plugin->name + "' (ignored)");
    }
    return report;
}

void PluginSettingsCheck::enforce(const PluginSet& plugins, const HostConfig& config, const sdk::HostInfo& host) {
    const SettingsReport report = run(plugins, config, host);
    auto& log = Poco::Logger::get("motel.config");
    for (const auto& warning : report.warnings) log.warning(warning);
    if (!report.errors.empty()) throw sdk::ConfigError(report.errorText());
}

} // namespace motel::host
