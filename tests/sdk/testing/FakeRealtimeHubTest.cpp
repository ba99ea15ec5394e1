// The test kit's FakeRealtimeHub behaves like the realtime plugin's hub in
// what a plugin author relies on: the name rules, one channel per name and
// one handler per event, the access rule, the ack of a failing handler, and
// close() unregistering everything.
#include <motel/sdk/testing/Callers.h>
#include <motel/sdk/testing/FakeRealtimeHub.h>

#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>

namespace motel::sdk::testing {

namespace rt = plugins::realtime;

class FakeRealtimeHubTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(FakeRealtimeHubTest);
    CPPUNIT_TEST(namesFollowTheHubsRules);
    CPPUNIT_TEST(callsCheckAccessAndMapFailures);
    CPPUNIT_TEST(recordsEmitsAndRoomChangesUntilClosed);
    CPPUNIT_TEST_SUITE_END();

public:
    void namesFollowTheHubsRules() {
        auto hub = std::make_shared<FakeRealtimeHub>();
        for (const char* bad : {"suite", "task", "sid", "Upper", "a:b", ""})
            CPPUNIT_ASSERT_THROW_MESSAGE(bad, hub->open(bad), std::logic_error);
        auto channel = hub->open("notes");
        CPPUNIT_ASSERT_THROW(hub->open("notes"), std::logic_error);
        channel->on("add", Access::authenticated(), [](const rt::ClientEvent&) { return Poco::Dynamic::Var(); });
        CPPUNIT_ASSERT_THROW(
            channel->on("add", Access::authenticated(), [](const rt::ClientEvent&) { return Poco::Dynamic::Var(); }),
            std::logic_error);
        CPPUNIT_ASSERT_THROW(channel->on("no spaces", Access::authenticated(),
                                         [](const rt::ClientEvent&) { return Poco::Dynamic::Var(); }),
                             std::logic_error);
        CPPUNIT_ASSERT(hub->handlers() == std::vector<std::string>{"notes:add"});
    }

    void callsCheckAccessAndMapFailures() {
        auto hub = std::make_shared<FakeRealtimeHub>();
        auto channel = hub->open("notes");
        channel->on("pin", Access::anyRole({"manager"}),
                    [](const rt::ClientEvent& event) { return Poco::Dynamic::Var(event.principal.id); });
        channel->on("missing", Access::authenticated(),
                    [](const rt::ClientEvent&) -> Poco::Dynamic::Var { throw NotFound("Note 3 not found"); });
        channel->on("boom", Access::authenticated(),
                    [](const rt::ClientEvent&) -> Poco::Dynamic::Var { throw std::runtime_error("internal"); });
        const Principal staff = motel::sdk::testing::caller(7, "s@motel.test", "Staff", "staff", {"staff"});
        const Principal admin =
            motel::sdk::testing::caller(1, "a@motel.test", "Admin", "admin", {"admin", "manager", "staff"});
        const auto refused = hub->call("notes:pin", staff);
        CPPUNIT_ASSERT(!refused.ok && refused.statusCode == 403);
        const auto pinned = hub->call("notes:pin", admin);
        CPPUNIT_ASSERT(pinned.ok && pinned.data.convert<int>() == 1);
        const auto missing = hub->call("notes:missing", staff);
        CPPUNIT_ASSERT(missing.statusCode == 404 && missing.messages.at(0) == "Note 3 not found");
        const auto boom = hub->call("notes:boom", staff);
        CPPUNIT_ASSERT(boom.statusCode == 500 && boom.messages.at(0) == "Internal server error");
        CPPUNIT_ASSERT_THROW(hub->call("notes:unknown", staff), std::logic_error);
    }

    void recordsEmitsAndRoomChangesUntilClosed() {
        auto hub = std::make_shared<FakeRealtimeHub>();
        auto channel = hub->open("notes");
        CPPUNIT_ASSERT(channel->emit(rt::Audience::role("manager"), "pinned", 1));
        CPPUNIT_ASSERT(channel->join(rt::Audience::user(7), "board"));
        CPPUNIT_ASSERT(!channel->join(rt::Audience::everyone(), "board")); // only sockets and users move
        CPPUNIT_ASSERT(!channel->emit(rt::Audience::room("bad room"), "pinned", 1));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), hub->emits().size());
        CPPUNIT_ASSERT_EQUAL(std::string("notes:pinned"), hub->emits()[0].event);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), hub->roomChanges().size());
        channel->on("add", Access::authenticated(), [](const rt::ClientEvent&) { return Poco::Dynamic::Var(); });
        channel.reset(); // what a plugin's stop() does
        CPPUNIT_ASSERT(!hub->isOpen("notes"));
        CPPUNIT_ASSERT(hub->handlers().empty());
        hub->open("notes"); // free again
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FakeRealtimeHubTest);

} // namespace motel::sdk::testing
