// A rolling restart loses nothing (issue 15): scripts/cluster runs three
// hosts behind nginx on the fixture PostgreSQL and Redis; 200 official
// socket.io-client sockets (each from its own loopback address, so nginx's
// hash by client address spreads them over the hosts; half of them start
// with long-polling and upgrade, as browsers do) listen while REST
// load runs through nginx — a writer creating suites one after the other
// (each one a `suite:created` to every socket) and readers listing them —
// and scripts/rolling-restart restarts every host in turn. Then: no REST
// request failed, every socket whose host went away reconnected at once and
// recovered (socket.recovered) on another host, and every socket got every
// event exactly once, in order. Prints the figures (docs/RUNBOOK.md).
#include "ClusterScript.h"
#include "support/NodeClient.h"

#include "support/HostProcess.h"
#include "support/TestPostgres.h"
#include "support/TestRedis.h"

#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPClientSession.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include <unistd.h>

#include <cppunit/extensions/HelperMacros.h>

namespace motel::test {

namespace {

constexpr int kSockets = 200;
const std::string kAdminEmail = "admin@motel.test";
const std::string kAdminPassword = "rolling-test-password";

std::unique_ptr<Poco::Net::HTTPClientSession> sessionTo(std::uint16_t port) {
    auto session = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", port);
    session->setTimeout(Poco::Timespan(30, 0));
    return session;
}

/// REST through nginx until stopped: one writer creating suites `<tag>-<k>`
/// in sequence, and readers listing. Every answer that is not the expected
/// status, and every request that got no answer, counts as a failure.
class RestLoad {
public:
    RestLoad(std::uint16_t port, std::string token, std::string tag) {
        threads_.emplace_back([this, port, token, tag] {
            auto session = sessionTo(port);
            while (!stop_) {
                const std::string body =
                    R"({"number":")" + tag + "-" + std::to_string(written_.load()) + R"(","floor":1})";
                try {
                    const auto answer = sendRequest(*session, "POST", "/api/suites", body, jsonHeaders(body, token));
                    if (answer.status == 201) {
                        ++written_;
                    } else {
                        ++failed_;
                        remember("POST " + std::to_string(answer.status) + " " + answer.body);
                    }
                } catch (const std::exception& error) {
                    ++failed_; // the number is retried: a lost POST must not leave a gap
                    remember(std::string("POST: ") + error.what());
                    session = sessionTo(port);
                }
                ++requests_;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        });
        for (int i = 0; i < 3; ++i)
            threads_.emplace_back([this, port, token] {
                auto session = sessionTo(port);
                while (!stop_) {
                    try {
                        const auto answer =
                            sendRequest(*session, "GET", "/api/suites?limit=5", "", jsonHeaders("", token));
                        if (answer.status != 200) {
                            ++failed_;
                            remember("GET " + std::to_string(answer.status) + " " + answer.body);
                        }
                    } catch (const std::exception& error) {
                        ++failed_;
                        remember(std::string("GET: ") + error.what());
                        session = sessionTo(port);
                    }
                    ++requests_;
                }
            });
    }
    ~RestLoad() { finish(); }
    void finish() {
        stop_ = true;
        for (auto& thread : threads_)
            if (thread.joinable()) thread.join();
    }
    long written() const { return written_; }
    long requests() const { return requests_; }
    long failed() const { return failed_; }
    std::string firstFailure() {
        std::lock_guard<std::mutex> lock(mutex_);
        return firstFailure_;
    }

private:
    void remember(const std::string& what) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (firstFailure_.empty()) firstFailure_ = what;
    }
    std::atomic<bool> stop_{false};
    std::atomic<long> written_{0}, requests_{0}, failed_{0};
    std::mutex mutex_;
    std::string firstFailure_;
    std::vector<std::thread> threads_;
};

bool waitForFile(const std::string& path, std::chrono::seconds patience) {
    const auto deadline = std::chrono::steady_clock::now() + patience;
    while (!Poco::File(path).exists()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return true;
}

long field(const Poco::Dynamic::Var& result, const std::string& name) {
    return result.extract<Poco::JSON::Object::Ptr>()->getValue<long>(name);
}

} // namespace

class RollingRestartTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RollingRestartTest);
    CPPUNIT_TEST(restartingEveryHostInTurnLosesNothing);
    CPPUNIT_TEST_SUITE_END();

public:
    void restartingEveryHostInTurnLosesNothing() {
        NodeClient::ensureInstalled();
        const std::string pid = std::to_string(::getpid());
        ClusterScript cluster({"--hosts", "3", "--database-url", freshPostgresDatabase(),
                               // A Redis database of its own: the fixture server is shared with other suites.
                               "--redis-url", testRedisUrl() + "/8", "--property",
                               "plugins.realtime.redisChannel=motel:rolling:" + pid, "--property",
                               "plugins.realtime.maxSocketsPerUser=1000"},
                              {{"MOTEL_ADMIN_EMAIL", kAdminEmail}, {"MOTEL_ADMIN_PASSWORD", kAdminPassword}});
        const std::uint16_t nginx = cluster.nginxPort();
        const std::string credentials = R"({"email":")" + kAdminEmail + R"(","password":")" + kAdminPassword + "\"}";
        const auto login =
            sendRequest(*sessionTo(nginx), "POST", "/api/auth/login", credentials, jsonHeaders(credentials, ""));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(login.body, 200, login.status);
        const std::string token = login.object()->getValue<std::string>("accessToken");

        const std::string tag = "roll" + pid;
        const std::string readyFile = cluster.dir() + "/fleet.ready";
        const std::string stopFile = cluster.dir() + "/fleet.stop";
        ScenarioResult fleet;
        std::thread sockets([&] {
            fleet = NodeClient::run(
                "fleet", R"({"url":"http://127.0.0.1:)" + std::to_string(nginx) + R"(","token":")" + token +
                             R"(","clients":)" + std::to_string(kSockets) + R"(,"tag":")" + tag + R"(","readyFile":")" +
                             readyFile + R"(","stopFile":")" + stopFile +
                             R"(","spreadAddresses":true,"mixedTransports":true,"scenarioTimeoutMs":600000})");
        });
        struct JoinAtEnd {
            std::thread& thread;
            std::string stopFile;
            ~JoinAtEnd() {
                if (!Poco::File(stopFile).exists()) std::ofstream(stopFile) << "0";
                if (thread.joinable()) thread.join();
            }
        } joinAtEnd{sockets, stopFile};
        CPPUNIT_ASSERT_MESSAGE("the 200 sockets did not connect", waitForFile(readyFile, std::chrono::seconds(60)));

        RestLoad load(nginx, token, tag);
        std::this_thread::sleep_for(std::chrono::seconds(2));
        std::string restartOutput;
        const auto started = std::chrono::steady_clock::now();
        const int restarted = cluster.rollingRestart(restartOutput, {"--settle", "2"});
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::this_thread::sleep_for(std::chrono::seconds(2));
        load.finish();
        std::ofstream(stopFile) << load.written();
        sockets.join();

        CPPUNIT_ASSERT_EQUAL_MESSAGE(restartOutput, 0, restarted);
        CPPUNIT_ASSERT_MESSAGE("REST requests failed during the rolling restart: " + std::to_string(load.failed()) +
                                   " of " + std::to_string(load.requests()) + ", first: " + load.firstFailure(),
                               load.failed() == 0);
        CPPUNIT_ASSERT_MESSAGE("the socket fleet failed: " + fleet.output, fleet.ok());
        const auto& result = fleet.result;
        CPPUNIT_ASSERT_MESSAGE("a socket missed, repeated or reordered events: " + fleet.output,
                               field(result, "complete") == kSockets);
        CPPUNIT_ASSERT_MESSAGE("a reconnect did not recover: " + fleet.output, field(result, "notRecovered") == 0);
        CPPUNIT_ASSERT_MESSAGE("no socket changed host: " + fleet.output, field(result, "moved") > 0);

        std::cout << "\n[rolling restart] 3 hosts behind nginx, " << kSockets
                  << " Socket.IO clients: " << load.requests() << " REST requests (" << load.written()
                  << " suites written, each one event to " << kSockets << " sockets = " << load.written() * kSockets
                  << " deliveries), " << load.failed() << " failed; " << field(result, "moved")
                  << " sockets changed host, " << field(result, "reconnects") << " reconnects, "
                  << field(result, "recovered") << " recovered, " << field(result, "notRecovered") << " not; "
                  << field(result, "complete") << "/" << kSockets
                  << " sockets got every event once and in order; restart took " << seconds << " s\n"
                  << restartOutput << std::endl;
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RollingRestartTest);

} // namespace motel::test
