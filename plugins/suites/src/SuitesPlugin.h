#pragma once
/// The `suites` plugin: the motel's rooms with their occupancy, condition and
/// service state (`/api/suites*`), their history, the `suite.*` events, the
/// `motel_suites_total` metric, and the SuiteDirectory service through which
/// the tasks plugin changes suites inside its own transactions.

#include "SuiteService.h"

#include <motel/sdk/Plugin.h>

#include <memory>

namespace motel::suites {

class SuitesPlugin : public sdk::Plugin {
public:
    SuitesPlugin();
    ~SuitesPlugin() override;

    sdk::PluginInfo info() const override;
    std::vector<sdk::Migration> migrations() const override;
    void start(sdk::PluginContext& context) override;
    void stop() noexcept override;
    void seed(sdk::PluginContext& context) override;

private:
    std::shared_ptr<SuiteService> service_;
};

} // namespace motel::suites
