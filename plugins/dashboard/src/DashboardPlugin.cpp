#include "DashboardPlugin.h"

#include <motel/sdk/InstalledFiles.h>

namespace motel::dashboard {

namespace {
// The board loads only its own scripts and styles and talks only to this
// host (REST and the Socket.IO WebSocket; CSP 'self' covers ws(s) to the
// same host).
const char* const kPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                            "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The folder of the built files; sdk::ConfigError naming the key when a file is missing.
std::string rootOf(const sdk::Settings& settings) {
    return sdk::InstalledFiles::locate(settings, "root", DashboardPlugin::kDefaultRoot, {"index.html"},
                                       "build the dashboard with CMake");
}
} // namespace

sdk::PluginInfo DashboardPlugin::info() const {
    // No load-time dependencies: the plugin only serves files. The board in
    // the browser needs auth, suites and tasks (and realtime for live
    // updates: without it the board says "Offline" and still works by
    // refetching), but a host without them still serves the page.
    sdk::PluginInfo info{"dashboard", "1.0.0", "The staff web board, served at /", {}};
    info.settings = {sdk::SettingSpec::text("root", kDefaultRoot,
                                            "the built web board (relative paths resolve against the install prefix)")};
    return info;
}

std::vector<std::string> DashboardPlugin::checkSettings(const sdk::Settings& settings, const sdk::HostInfo&) const {
    try {
        rootOf(settings);
    } catch (const sdk::ConfigError& error) {
        return {error.what()};
    }
    return {};
}

void DashboardPlugin::start(sdk::PluginContext& context) {
    sdk::StaticFiles::Options options;
    options.root = rootOf(context.config());
    options.htmlHeaders = {{"Content-Security-Policy", kPolicy}};
    const std::string root = options.root;
    files_ = std::make_unique<sdk::StaticFiles>(std::move(options));
    files_->mount(context.routes(), "/");
    context.logger().information("web board at / from %s", root);
}

} // namespace motel::dashboard
