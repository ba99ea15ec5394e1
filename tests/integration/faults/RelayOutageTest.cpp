// The realtime relay between hosts survives a Redis restart (issue 15): two
// hosts share a Redis of the test's own (append-only), 20 official
// socket.io-client sockets listen on each, and a burst of writes on the
// first host runs while Redis is stopped for 3 s and started again. Every
// socket on both hosts gets every event exactly once and in order: the
// first host's own sockets at once (the relay's local fallback), the second
// host's once the relay has sent what it buffered; nothing is dropped.
#include "FaultSupport.h"
#include "RedisServerProcess.h"
#include "support/NodeClient.h"

#include <Poco/File.h>
#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <memory>
#include <thread>

#include <unistd.h>

namespace motel::test {

using namespace faults;

namespace {

constexpr int kSocketsPerHost = 20;
constexpr int kWrites = 120;

/// The `fleet` scenario on one host, in a thread of its own.
class Fleet {
public:
    Fleet(const HostProcess& host, const std::string& token, const std::string& tag, const std::string& dir)
        : ready_(dir + "/ready"), stop_(dir + "/stop") {
        Poco::File(dir).createDirectories();
        const std::string options = R"({"url":"http://127.0.0.1:)" + std::to_string(host.port()) + R"(","token":")" +
                                    token + R"(","clients":)" + std::to_string(kSocketsPerHost) + R"(,"tag":")" + tag +
                                    R"(","readyFile":")" + ready_ + R"(","stopFile":")" + stop_ +
                                    R"(","scenarioTimeoutMs":300000,"settleMs":20000})";
        thread_ = std::thread([this, options] { result_ = NodeClient::run("fleet", options); });
    }
    ~Fleet() { finish(0); }
    bool waitReady() const {
        for (int i = 0; i < 600 && !Poco::File(ready_).exists(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        return Poco::File(ready_).exists();
    }
    const ScenarioResult& finish(int written) {
        if (!Poco::File(stop_).exists()) std::ofstream(stop_) << written;
        if (thread_.joinable()) thread_.join();
        return result_;
    }

private:
    std::string ready_, stop_;
    std::thread thread_;
    ScenarioResult result_;
};

long field(const ScenarioResult& result, const std::string& name) {
    return result.result.extract<Poco::JSON::Object::Ptr>()->getValue<long>(name);
}

} // namespace

class RelayOutageTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RelayOutageTest);
    CPPUNIT_TEST(everySocketOnBothHostsGetsEveryEventOnceInOrderAcrossARedisRestart);
    CPPUNIT_TEST_SUITE_END();

public:
    void everySocketOnBothHostsGetsEveryEventOnceInOrderAcrossARedisRestart() {
        NodeClient::ensureInstalled();
        RedisServerProcess redis({"--appendonly", "yes"});
        redis.start();
        HostOptions options = hostOptions({"health", "auth", "suites", "tasks", "realtime"});
        options.properties["redis.url"] = redis.url();
        HostProcess first(options);
        HostProcess second(options);
        const std::string token = adminToken(first);
        const std::string tag = "relay" + std::to_string(::getpid());
        const std::string dir = "/tmp/motel-relay-outage-" + std::to_string(::getpid());
        struct RemoveAtEnd {
            std::string dir;
            ~RemoveAtEnd() {
                try {
                    Poco::File(dir).remove(true);
                } catch (...) {
                }
            }
        } removeAtEnd{dir};
        Fleet onFirst(first, token, tag, dir + "/first");
        Fleet onSecond(second, adminToken(second), tag, dir + "/second");
        CPPUNIT_ASSERT(onFirst.waitReady() && onSecond.waitReady());

        int written = 0;
        for (; written < kWrites; ++written) {
            if (written == 20) redis.stop();
            if (written == 80) redis.start();
            const auto created =
                first.json("POST", "/api/suites",
                           R"({"number":")" + tag + "-" + std::to_string(written) + R"(","floor":1})", token);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(created), 201, created.status);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        const auto& onFirstResult = onFirst.finish(written);
        const auto& onSecondResult = onSecond.finish(written);
        CPPUNIT_ASSERT_MESSAGE("sockets on the first host: " + onFirstResult.output + "\nhost log:\n" + first.logText(),
                               onFirstResult.ok() && field(onFirstResult, "complete") == kSocketsPerHost);
        CPPUNIT_ASSERT_MESSAGE("sockets on the second host: " + onSecondResult.output + "\nhost log:\n" +
                                   second.logText() + "\nfirst host log:\n" + first.logText(),
                               onSecondResult.ok() && field(onSecondResult, "complete") == kSocketsPerHost);
        // The outage was noticed and logged, and nothing was dropped.
        CPPUNIT_ASSERT_MESSAGE(first.logText(),
                               first.logText().find("realtime relay: Redis unreachable") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(first.logText(), first.logText().find("dropped") == std::string::npos);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RelayOutageTest);

} // namespace motel::test
