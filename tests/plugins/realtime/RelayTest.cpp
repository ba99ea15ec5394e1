// The relay's pieces that need no Redis: which of this host's own events its
// sockets already got (OwnEventLedger), the publisher while Redis cannot
// be reached (local delivery at once, a bounded buffer, drops counted), and
// the stream entries of plugin room changes.
#include "application/OwnEventLedger.h"
#include "application/StreamPublisher.h"

#include <Poco/Logger.h>
#include <Poco/Net/ServerSocket.h>

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <memory>
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

/// A hiredis array reply of `strings`, as XRANGE returns an entry's fields.
struct FakeReply {
    std::vector<std::string> strings;
    std::vector<redisReply> elements;
    std::vector<redisReply*> pointers;
    redisReply array{};
    const redisReply* get() const { return &array; }
};
std::unique_ptr<FakeReply> asReply(std::vector<std::string> strings) {
    auto reply = std::make_unique<FakeReply>();
    reply->strings = std::move(strings);
    reply->elements.resize(reply->strings.size());
    for (std::size_t i = 0; i < reply->strings.size(); ++i) {
        reply->elements[i].type = REDIS_REPLY_STRING;
        reply->elements[i].str = reply->strings[i].data();
        reply->elements[i].len = reply->strings[i].size();
        reply->pointers.push_back(&reply->elements[i]);
    }
    reply->array.type = REDIS_REPLY_ARRAY;
    reply->array.elements = reply->pointers.size();
    reply->array.element = reply->pointers.data();
    return reply;
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
    CPPUNIT_TEST(roomChangesTravelAsEntriesOlderHostsSkip);
    CPPUNIT_TEST(heldAnswersGoOnceRedisIsFoundAwayAndAtOnceWhileItIs);
    CPPUNIT_TEST_SUITE_END();

public:
    void roomChangesTravelAsEntriesOlderHostsSkip() {
        RelayMessage join = RelayMessage::membership(true, "user:8", "plugin:hello:lobby");
        join.origin = "host-a";
        join.sequence = 3;
        const auto read = RelayMessage::fromFields(asReply(join.fields())->get());
        CPPUNIT_ASSERT(read && read->isMembership());
        CPPUNIT_ASSERT_EQUAL(std::string("join"), read->op);
        CPPUNIT_ASSERT_EQUAL(std::string("user:8"), read->target);
        CPPUNIT_ASSERT_EQUAL(std::string("plugin:hello:lobby"), read->payload);
        // What an older host checks before delivering: no event, and a room no socket is in.
        CPPUNIT_ASSERT(read->event.empty());
        CPPUNIT_ASSERT_EQUAL(std::string(RelayMessage::kMembershipRoom), read->room);
        // A broadcast carries no op fields, so older hosts read it as before.
        const auto plain = numbered(4).fields();
        CPPUNIT_ASSERT(std::find(plain.begin(), plain.end(), "op") == plain.end());
        CPPUNIT_ASSERT(!RelayMessage::fromFields(asReply(numbered(4).fields())->get())->isMembership());
        // An op this release does not know is not applied.
        auto unknown = join.fields();
        unknown[unknown.size() - 3] = "kick";
        CPPUNIT_ASSERT(!RelayMessage::fromFields(asReply(unknown)->get()));
    }

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

    void heldAnswersGoOnceRedisIsFoundAwayAndAtOnceWhileItIs() {
        StreamPublisher::Options options;
        options.stream = "motel:relay-test";
        StreamPublisher publisher(sdk::RedisUrl::parse("redis://127.0.0.1:" + std::to_string(closedPort())), options,
                                  "origin-1", Poco::Logger::get("relay-test"));
        publisher.setLocalDelivery([](const RelayMessage&) {});
        const auto first = std::make_shared<sdk::AnswerHolds>();
        publisher.publish(numbered(0), first->take());
        publisher.start();
        // Not in the stream, but delivered here once Redis is found away: the
        // answer stops waiting then, not after the host's bound.
        for (int i = 0; i < 100 && first->pending() > 0; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), first->pending());
        const auto second = std::make_shared<sdk::AnswerHolds>();
        publisher.publish(numbered(0), second->take());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), second->pending());
        publisher.stop(std::chrono::milliseconds(0));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RelayTest);

} // namespace motel::realtime
