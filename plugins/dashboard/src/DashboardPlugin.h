#pragma once
/// The `dashboard` plugin: serves the staff web board (plugins/dashboard/web,
/// built by CMake into share/motel/dashboard) at `/` through sdk::StaticFiles.
/// It only serves files; the board itself talks to the standard API
/// (`/api/auth`, `/api/suites`, `/api/tasks`, `/api/users`) and to the
/// realtime plugin's Socket.IO endpoint from the browser.

#include <motel/sdk/Plugin.h>
#include <motel/sdk/StaticFiles.h>

#include <memory>

namespace motel::dashboard {

class DashboardPlugin : public sdk::Plugin {
public:
    /// Relative to the install prefix (sdk::InstalledFiles).
    static constexpr const char* kDefaultRoot = "share/motel/dashboard";

    sdk::PluginInfo info() const override;
    /// The built files are where `root` says (when enabled), before any migration.
    std::vector<std::string> checkSettings(const sdk::Settings& settings, const sdk::HostInfo& host) const override;
    /// Resolves the asset folder (`plugins.dashboard.root`), refuses to start
    /// when it holds no index.html, and mounts the files at `/`.
    void start(sdk::PluginContext& context) override;
    void stop() noexcept override {}

private:
    std::unique_ptr<sdk::StaticFiles> files_;
};

} // namespace motel::dashboard
