// The relay's pieces that need no Redis: which of this host's own events its
// sockets already got (OwnEventLedger), and the publisher while Redis cannot
// be reached (local delivery at once, a bounded buffer, drops counted).
#include "application/OwnEventLedger.h"
#include "application/StreamPublisher.h"

#include <Poco/Logger.h>
#include <Poco/Net/ServerSocket.h>

#include <cppunit/extensions/HelperMacros.h>

#include <mutex>
#include <thread>
#include <vector>

namespace motel::realtime {

namespace {
RelayMessage numbered(std::uint64_t sequence) {
    RelayMessage message;
    message.sequence = sequence;
    message.event = "suite:created";
    message.payload = "{\"id\":" + std::to_string(sequence) + "}";
    return message;
}

/// A loopback port nobody listens on (bound, then released).
int closedPort() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    const int port = socket.address().port();
    socket.close();
    return port;
}
} // namespace

class RelayTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RelayTest);
    CPPUNIT_TEST(ownEventsAreDeliveredOnceWhicheverRouteComesFirst);
    CPPUNIT_TEST(eventsAppendedButNotReadBackGoLocallyFirstWhenRedisGoes);
    CPPUNIT_TEST(withoutRedisEventsGoLocallyAtOnceAndTheBufferIsBounded);
    CPPUNIT_TEST_SUITE_END();

public:
    void ownEventsAreDeliveredOnceWhicheverRouteComesFirst() {
        OwnEventLedger ledger;
        std::vector<std::uint64_t> delivered;
        const auto record = [&delivered](const RelayMessage& message) { delivered.push_back(message.sequence); };
        ledger.appended(numbered(1));
        CPPUNIT_ASSERT(ledger.readBack(numbered(1), record));
        // Redis goes away with 2 and 3 waiting: delivered here at once...
        std::deque<RelayMessage> waiting{numbered(2), numbered(3)};
        ledger.deliverLocally(waiting, record);
        ledger.deliverLocally(numbered(4), record);
        // ...and not again when Redis is back and they are read back.
        for (std::uint64_t sequence : {2, 3, 4}) CPPUNIT_ASSERT(!ledger.readBack(numbered(sequence), record));
        CPPUNIT_ASSERT(ledger.readBack(numbered(5), record));
        CPPUNIT_ASSERT((delivered == std::vector<std::uint64_t>{1, 2, 3, 4, 5}));
    }

    void eventsAppendedButNotReadBackGoLocallyFirstWhenRedisGoes() {
        OwnEventLedger ledger;
        std::vector<std::uint64_t> delivered;
        const auto record = [&delivered](const RelayMessage& message) { delivered.push_back(message.sequence); };
        ledger.appended(numbered(1)); // in the stream, but the reader lost Redis before reading it
        ledger.deliverLocally(std::deque<RelayMessage>{numbered(2)}, record);
        CPPUNIT_ASSERT(!ledger.readBack(numbered(1), record));
        CPPUNIT_ASSERT((delivered == std::vector<std::uint64_t>{1, 2}));
    }

    void withoutRedisEventsGoLocallyAtOnceAndTheBufferIsBounded() {
        StreamPublisher::Options options;
        options.stream = "motel:relay-test";
        options.maxBuffered = 3;
        StreamPublisher publisher(sdk::RedisUrl::parse("redis://127.0.0.1:" + std::to_string(closedPort())), options,
                                  "origin-1", Poco::Logger::get("relay-test"));
        std::mutex mutex;
        std::vector<std::uint64_t> delivered;
        publisher.setLocalDelivery([&](const RelayMessage& message) {
            std::lock_guard<std::mutex> lock(mutex);
            delivered.push_back(message.sequence);
        });
        publisher.start();
        publisher.publish(numbered(0));
        // The publisher finds Redis away and delivers what waits here.
        for (int i = 0; i < 100; ++i) {
            {
                std::lock_guard<std::mutex> lock(mutex);
                if (!delivered.empty()) break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        for (int i = 0; i < 4; ++i) publisher.publish(numbered(0));
        {
            std::lock_guard<std::mutex> lock(mutex);
            CPPUNIT_ASSERT((delivered == std::vector<std::uint64_t>{1, 2, 3, 4, 5}));
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), publisher.buffered()); // the newest three wait for Redis
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), publisher.dropped());
        publisher.stop(std::chrono::milliseconds(0));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RelayTest);

} // namespace motel::realtime
