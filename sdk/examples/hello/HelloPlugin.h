#pragma once
// The SDK's example plugin. It uses every part of the platform a third
// party needs:
//   - declared settings (greeting, maxNameLength), validated by the host
//     before anything starts;
//   - a published interface of another plugin: it checks a suite through
//     the suites plugin's SuiteDirectory (include/motel/plugins/suites),
//     never through the suites table;
//   - a catalogued event: it listens to suite.checkedOut
//     (motel/plugins/Topics.h) and publishes its own hello.greeted;
//   - a realtime handler through the realtime plugin's RealtimeHub
//     (include/motel/plugins/realtime): clients send `hello:wave`, get an
//     ack, join room `lobby` and hear `hello:waved` there, on every host;
//   - routes with access rules and validated bodies, its own migration, a
//     metric and a health check;
//   - tests with the SDK's test kit (tests/HelloTest.cpp).

#include "GreetingBook.h"

#include <motel/plugins/realtime/RealtimeHub.h>
#include <motel/plugins/suites/SuiteDirectory.h>
#include <motel/sdk/Plugin.h>

#include <memory>

namespace hello {

class HelloPlugin : public motel::sdk::Plugin {
public:
    motel::sdk::PluginInfo info() const override;
    std::vector<motel::sdk::Migration> migrations() const override;
    void start(motel::sdk::PluginContext& context) override;
    void stop() noexcept override;

private:
    std::unique_ptr<GreetingBook> book_;
    std::shared_ptr<motel::plugins::suites::SuiteDirectory> suites_;
    motel::sdk::EventBus* events_ = nullptr;
    motel::sdk::EventBus::SubscriptionId farewells_ = 0;
    std::shared_ptr<motel::plugins::realtime::RealtimeChannel> channel_;

    void registerRoutes(motel::sdk::PluginContext& context);
    void registerRealtime(motel::sdk::PluginContext& context);
};

} // namespace hello
