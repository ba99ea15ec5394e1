#include "ServiceTestSupport.h"

#include "services/InProcessEventBus.h"

#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>
#include <thread>

using motel::host::InProcessEventBus;
using motel::sdk::Event;

class InProcessEventBusTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(InProcessEventBusTest);
    CPPUNIT_TEST(testPatternsSelectTopics);
    CPPUNIT_TEST(testDeliversInSubscriptionOrderWithPayload);
    CPPUNIT_TEST(testThrowingSubscriberIsLoggedAndSkipped);
    CPPUNIT_TEST(testUnsubscribeStopsDelivery);
    CPPUNIT_TEST(testSubscriberMaySubscribeAndUnsubscribe);
    CPPUNIT_TEST(testRejectsMalformedPatterns);
    CPPUNIT_TEST(testConcurrentPublishersAndSubscribers);
    CPPUNIT_TEST_SUITE_END();

public:
    void testPatternsSelectTopics() {
        motel::test::RecordingLogger log;
        InProcessEventBus bus(log.logger);
        std::vector<std::string> received;
        for (const std::string pattern : {"task.assigned", "task.*", "*", "suite.created"})
            bus.subscribe(pattern, [&received, pattern](const Event& event) {
                received.push_back(pattern + " <- " + event.topic);
            });

        bus.publish("task.assigned", {});
        bus.publish("task", {});
        bus.publish("taskforce.created", {});
        bus.publish("task.note.added", {});

        const std::vector<std::string> expected{
            "task.assigned <- task.assigned", "task.* <- task.assigned",   "* <- task.assigned",  "* <- task",
            "* <- taskforce.created",         "task.* <- task.note.added", "* <- task.note.added"};
        CPPUNIT_ASSERT(received == expected);
    }

    void testDeliversInSubscriptionOrderWithPayload() {
        motel::test::RecordingLogger log;
        InProcessEventBus bus(log.logger);
        std::vector<int> order;
        std::string seenName;
        for (int subscriber = 0; subscriber < 5; ++subscriber)
            bus.subscribe("suite.*", [&order, &seenName, subscriber](const Event& event) {
                order.push_back(subscriber);
                seenName = event.payload.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("name");
            });
        Poco::JSON::Object::Ptr suite = new Poco::JSON::Object;
        suite->set("name", "Lakeside");

        bus.publish("suite.created", suite);

        CPPUNIT_ASSERT((order == std::vector<int>{0, 1, 2, 3, 4}));
        CPPUNIT_ASSERT_EQUAL(std::string("Lakeside"), seenName);
    }

    void testThrowingSubscriberIsLoggedAndSkipped() {
        motel::test::RecordingLogger log;
        InProcessEventBus bus(log.logger);
        int delivered = 0;
        bus.subscribe("*", [&](const Event&) { ++delivered; });
        bus.subscribe("task.*", [](const Event&) { throw std::runtime_error("projection is broken"); });
        bus.subscribe("task.created", [](const Event&) { throw 42; });
        bus.subscribe("*", [&](const Event&) { ++delivered; });

        CPPUNIT_ASSERT_NO_THROW(bus.publish("task.created", {}));

        CPPUNIT_ASSERT_EQUAL(2, delivered);
        const auto messages = log.channel->messages();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), messages.size());
        CPPUNIT_ASSERT(messages[0].find("task.created") != std::string::npos);
        CPPUNIT_ASSERT(messages[0].find("projection is broken") != std::string::npos);
        CPPUNIT_ASSERT(messages[1].find("unknown exception") != std::string::npos);
    }

    void testUnsubscribeStopsDelivery() {
        motel::test::RecordingLogger log;
        InProcessEventBus bus(log.logger);
        int delivered = 0;
        const auto id = bus.subscribe("*", [&](const Event&) { ++delivered; });
        bus.publish("a.b", {});
        bus.unsubscribe(id);
        bus.unsubscribe(id);     // twice is harmless
        bus.unsubscribe(999999); // so is an unknown id
        bus.publish("a.b", {});

        CPPUNIT_ASSERT_EQUAL(1, delivered);
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), bus.subscriptionCount());
    }

    void testSubscriberMaySubscribeAndUnsubscribe() {
        motel::test::RecordingLogger log;
        InProcessEventBus bus(log.logger);
        int late = 0;
        int once = 0;
        InProcessEventBus::SubscriptionId onceId = 0;
        onceId = bus.subscribe("*", [&](const Event&) {
            ++once;
            bus.unsubscribe(onceId);
            bus.subscribe("*", [&](const Event&) { ++late; });
        });
        // A subscriber unsubscribed by an earlier one during the same
        // publish is not called any more.
        InProcessEventBus::SubscriptionId victimId = 0;
        int victim = 0;
        bus.subscribe("*", [&](const Event&) { bus.unsubscribe(victimId); });
        victimId = bus.subscribe("*", [&](const Event&) { ++victim; });

        bus.publish("x.y", {});
        bus.publish("x.y", {});

        CPPUNIT_ASSERT_EQUAL(1, once);
        CPPUNIT_ASSERT_EQUAL(0, victim);
        CPPUNIT_ASSERT_EQUAL(1, late); // subscribed during the first publish, so sees only the second
    }

    void testRejectsMalformedPatterns() {
        motel::test::RecordingLogger log;
        InProcessEventBus bus(log.logger);
        const auto noop = [](const Event&) {};
        for (const std::string pattern : {"", "task*", "*.created", "task.*.x", ".*", "**"})
            CPPUNIT_ASSERT_THROW_MESSAGE(pattern, bus.subscribe(pattern, noop), std::invalid_argument);
        CPPUNIT_ASSERT_THROW(bus.subscribe("task.*", nullptr), std::invalid_argument);
    }

    void testConcurrentPublishersAndSubscribers() {
        motel::test::RecordingLogger log;
        InProcessEventBus bus(log.logger);
        std::atomic<int> delivered{0};
        bus.subscribe("load.*", [&](const Event&) { ++delivered; });
        std::atomic<bool> publishing{true};
        std::thread churn([&] {
            while (publishing) bus.unsubscribe(bus.subscribe("load.*", [](const Event&) {}));
        });
        std::vector<std::thread> publishers;
        for (int thread = 0; thread < 4; ++thread)
            publishers.emplace_back([&] {
                for (int event = 0; event < 1000; ++event) bus.publish("load.tested", event);
            });
        for (auto& publisher : publishers) publisher.join();
        publishing = false;
        churn.join();

        CPPUNIT_ASSERT_EQUAL(4000, delivered.load());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), bus.subscriptionCount());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(InProcessEventBusTest);
