// The realtime plugin on the host's event loops (sdk::EventLoops): it needs
// them to start, says so by name when they are missing, and its stop()
// leaves nothing on them (the host's loops outlive it).
#include "RealtimePlugin.h"

#include <motel/sdk/testing/TestContext.h>
#include <motel/sdk/testing/ThreadEventLoops.h>

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <memory>
#include <string>

namespace motel::realtime {

class PluginLoopsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PluginLoopsTest);
    CPPUNIT_TEST(startNamesTheMissingEventLoops);
    CPPUNIT_TEST(runsOnTheHostLoopsAndLeavesNothingThere);
    CPPUNIT_TEST_SUITE_END();

public:
    void startNamesTheMissingEventLoops() {
        RealtimePlugin plugin; // outlives the context, which stops what it started
        sdk::testing::TestContext context("realtime", {{"mode", "compliance"}});
        std::string message;
        try {
            context.start(plugin);
        } catch (const std::exception& error) {
            message = error.what();
        }
        CPPUNIT_ASSERT_MESSAGE(message, message.find("host.eventLoops") != std::string::npos);
    }

    void runsOnTheHostLoopsAndLeavesNothingThere() {
        auto loops = std::make_shared<sdk::testing::ThreadEventLoops>(2);
        loops->start();
        {
            RealtimePlugin plugin;
            sdk::testing::TestContext context("realtime", {{"mode", "compliance"}});
            context.services().publish<sdk::EventLoops>(loops);
            context.start(plugin);
            const auto routes = context.routeList();
            CPPUNIT_ASSERT(std::any_of(routes.begin(), routes.end(), [](const std::string& route) {
                return route.find("/socket.io") != std::string::npos;
            }));
        }
        for (std::size_t i = 0; i < loops->size(); ++i) {
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), loops->watchCount(i));
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), loops->timerCount(i));
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), loops->failures());
        loops->stop();
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PluginLoopsTest);

} // namespace motel::realtime
