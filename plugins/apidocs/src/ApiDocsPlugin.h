#pragma once
/// The `apidocs` plugin: the interactive API reference (Swagger UI) at
/// `/api/docs` and the OpenAPI document at `/api/docs/openapi.json`, both
/// built from docs/openapi.yaml into share/motel/apidocs and served through
/// sdk::StaticFiles. Public like the probes, so API users need no account to
/// read it; `plugins.apidocs.enabled = false` (e.g. in production) registers
/// no route at all, and /api/docs then answers like any unknown API path.
///
/// Settings: `enabled` (default true), `root` (the built files; relative to
/// the install prefix, default share/motel/apidocs).

#include <motel/sdk/Plugin.h>
#include <motel/sdk/StaticFiles.h>

#include <memory>

namespace motel::apidocs {

class ApiDocsPlugin : public sdk::Plugin {
public:
    static constexpr const char* kDefaultRoot = "share/motel/apidocs";
    static constexpr const char* kMountPath = "/api/docs";

    sdk::PluginInfo info() const override;
    /// The built files are where `root` says (when enabled), before any migration.
    std::vector<std::string> checkSettings(const sdk::Settings& settings, const sdk::HostInfo& host) const override;
    /// Refuses to start when the root holds no index.html or openapi.json.
    void start(sdk::PluginContext& context) override;
    void stop() noexcept override {}

private:
    std::unique_ptr<sdk::StaticFiles> files_;
};

} // namespace motel::apidocs
