#include "SuitesPlugin.h"

#include <motel/plugins/Topics.h>

#include "SuiteMigrations.h"
#include "SuiteRoutes.h"
#include "SuiteSeeder.h"

#include <motel/sdk/Metrics.h>

#include <chrono>

namespace motel::suites {

SuitesPlugin::SuitesPlugin() = default;

SuitesPlugin::~SuitesPlugin() = default;

sdk::PluginInfo SuitesPlugin::info() const {
    namespace topics = plugins::topics;
    sdk::PluginInfo info{"suites", "1.0.0", "Suites: occupancy, condition, service state and their history", {"auth"}};
    info.settings = {sdk::SettingSpec::duration(
        "recountInterval", "15s", "the motel_suites_total gauge is recounted before a scrape at most this often")};
    info.publishes = {topics::kSuiteCreated, topics::kSuiteUpdated, topics::kSuiteCheckedOut, topics::kSuiteCheckedIn,
                      topics::kSuiteDeleted};
    return info;
}

std::vector<sdk::Migration> SuitesPlugin::migrations() const {
    return SuiteMigrations::all();
}

void SuitesPlugin::start(sdk::PluginContext& context) {
    auto& suitesTotal = context.metrics().untyped("motel_suites_total", "Suites currently in the motel");
    service_ = std::make_shared<SuiteService>(context.database(), context.events(), suitesTotal);
    service_->countSuites();
    // Other hosts add and delete suites too: recount before a scrape, at most
    // every `recountInterval`, so the gauge converges on every host.
    const auto recountInterval = context.config().getDuration("recountInterval", std::chrono::seconds(15));
    context.metrics().onScrape(sdk::atMostEvery(recountInterval, [service = service_] { service->countSuites(); }));
    SuiteRoutes::registerAll(context.routes(), *service_);
    context.services().publish<SuiteDirectory>(service_);
}

void SuitesPlugin::stop() noexcept {
    if (service_) service_->setTaskHooks(nullptr);
}

void SuitesPlugin::seed(sdk::PluginContext& context) {
    const int added = SuiteSeeder::seed(context.database());
    if (added > 0) {
        context.logger().information("seeded %d suites", added);
        if (service_) service_->countSuites();
    } else {
        context.logger().information("suites already present; nothing seeded");
    }
}

} // namespace motel::suites
