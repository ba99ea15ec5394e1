#include "ApiDocsPlugin.h"

#include <motel/sdk/InstalledFiles.h>

namespace motel::apidocs {

namespace {
// Swagger UI loads only its own bundle, stylesheet and the document, and its
// "Try it out" talks only to this host. It sets inline style attributes,
// hence 'unsafe-inline' for styles (never for scripts).
const char* const kPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                            "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; "
                            "frame-ancestors 'none'";

/// The folder of the built files; sdk::ConfigError naming the key when a file is missing.
std::string rootOf(const sdk::Settings& settings) {
    return sdk::InstalledFiles::locate(settings, "root", ApiDocsPlugin::kDefaultRoot, {"index.html", "openapi.json"},
                                       "build the apidocs plugin with CMake");
}
} // namespace

sdk::PluginInfo ApiDocsPlugin::info() const {
    sdk::PluginInfo info{
        "apidocs", "1.0.0", "Interactive API reference at /api/docs (Swagger UI) and the OpenAPI document", {}};
    info.settings = {
        sdk::SettingSpec::boolean("enabled", true, "serve the API reference (false: the plugin registers nothing)"),
        sdk::SettingSpec::text("root", kDefaultRoot,
                               "the built reference (relative paths resolve against the install prefix)"),
    };
    return info;
}

std::vector<std::string> ApiDocsPlugin::checkSettings(const sdk::Settings& settings, const sdk::HostInfo&) const {
    if (!settings.getBool("enabled", true)) return {};
    try {
        rootOf(settings);
    } catch (const sdk::ConfigError& error) {
        return {error.what()};
    }
    return {};
}

void ApiDocsPlugin::start(sdk::PluginContext& context) {
    if (!context.config().getBool("enabled", true)) {
        context.logger().information("API reference off (plugins.apidocs.enabled = false)");
        return;
    }
    sdk::StaticFiles::Options options;
    options.root = rootOf(context.config());
    // A missing file is a 404, never the page: the document's own paths
    // (/api/docs/openapi.json) must not turn into HTML.
    options.singlePageFallback = false;
    options.htmlHeaders = {{"Content-Security-Policy", kPolicy}};
    const std::string root = options.root;
    files_ = std::make_unique<sdk::StaticFiles>(std::move(options));
    files_->mount(context.routes(), kMountPath);
    context.logger().information("API reference at %s from %s", std::string(kMountPath), root);
}

} // namespace motel::apidocs
