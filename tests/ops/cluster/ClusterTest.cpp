// Scale-out on one machine, for real: scripts/cluster starts three hosts on
// the fixture PostgreSQL and Redis behind nginx (the production proxy rules
// of docker/nginx/locations.conf), plus the opsprobe test plugin. Checks what
// an operator relies on when running several hosts:
//   1. a Socket.IO client connected through nginx receives the events of
//      writes made on every host;
//   2. a scheduled job runs once per tick across the hosts;
//   3. stopping a host (SIGTERM) under load loses no request nginx can retry
//      (idempotent ones) and no queued job.
// Each phase prints a short summary (recorded in docs/RUNBOOK.md).
#include "ClusterScript.h"
#include "support/NodeClient.h"

#include "support/HostProcess.h"
#include "support/TestPostgres.h"
#include "support/TestRedis.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <thread>

#include <unistd.h>

#include <cppunit/extensions/HelperMacros.h>

namespace motel::test {

namespace {

constexpr int kHosts = 3;
const std::string kAdminEmail = "admin@motel.test";
const std::string kAdminPassword = "cluster-test-password";

using Answer = HttpResult;

Answer call(Poco::Net::HTTPClientSession& session, const std::string& method, const std::string& path,
            const std::string& body = "", const std::string& token = "") {
    return sendRequest(session, method, path, body, jsonHeaders(body, token));
}

Answer call(std::uint16_t port, const std::string& method, const std::string& path, const std::string& body = "",
            const std::string& token = "") {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(30, 0));
    return call(session, method, path, body, token);
}

/// The cluster every test of this suite shares (starting it is the slow
/// part); the last test stops it.
std::unique_ptr<ClusterScript> shared;

ClusterScript& cluster() {
    if (!shared) {
        const std::string channel = "motel:realtime:cluster-test:" + std::to_string(::getpid());
        shared = std::make_unique<ClusterScript>(
            std::vector<std::string>{"--hosts", std::to_string(kHosts), "--database-url", freshPostgresDatabase(),
                                     // A Redis database of its own: the fixture server is shared with other suites.
                                     "--redis-url", testRedisUrl() + "/7", "--plugin-dir",
                                     std::string(MOTEL_TEST_BUILD_DIR) + "/tests/ops-plugins", "--plugins",
                                     "auth,suites,tasks,realtime,health,metrics,opsprobe", "--property",
                                     "plugins.opsprobe.hostName=host-{n}", "--property",
                                     "plugins.realtime.redisChannel=" + channel},
            std::map<std::string, std::string>{{"MOTEL_ADMIN_EMAIL", kAdminEmail},
                                               {"MOTEL_ADMIN_PASSWORD", kAdminPassword}});
    }
    return *shared;
}

std::string login(std::uint16_t port) {
    const auto answer = call(port, "POST", "/api/auth/login",
                             R"({"email":")" + kAdminEmail + R"(","password":")" + kAdminPassword + "\"}");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(answer.body, 200, answer.status);
    return answer.object()->getValue<std::string>("accessToken");
}

std::string url(std::uint16_t port) {
    return "http://127.0.0.1:" + std::to_string(port);
}

/// Slots of `ops.tick` runs that appear more than once (a tick run twice).
std::map<std::int64_t, std::vector<std::string>> ticksBySlot(std::uint16_t port) {
    const auto report = call(port, "GET", "/ops/report").object();
    std::map<std::int64_t, std::vector<std::string>> slots;
    const auto ticks = report->getArray("ticks");
    for (std::size_t i = 0; i < ticks->size(); ++i) {
        const auto tick = ticks->getObject(static_cast<unsigned>(i));
        slots[tick->getValue<std::int64_t>("slot")].push_back(tick->getValue<std::string>("host"));
    }
    return slots;
}

std::string describe(const std::map<std::int64_t, std::vector<std::string>>& slots) {
    std::ostringstream text;
    for (const auto& [slot, hosts] : slots) {
        text << slot << ":";
        for (const auto& host : hosts) text << " " << host;
        text << "\n";
    }
    return text.str();
}

/// GET requests through nginx from a few keep-alive clients until stopped.
class Load {
public:
    Load(std::uint16_t port, std::string token) {
        for (int i = 0; i < 4; ++i)
            threads_.emplace_back([this, port, token] {
                auto session = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", port);
                session->setTimeout(Poco::Timespan(30, 0));
                while (!stop_) {
                    try {
                        const auto answer = call(*session, "GET", "/api/suites?limit=5", "", token);
                        (answer.status == 200 ? ok_ : notOk_)++;
                    } catch (const std::exception&) {
                        ++failed_;
                        session = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", port);
                        session->setTimeout(Poco::Timespan(30, 0));
                    }
                }
            });
    }
    ~Load() { finish(); }
    void finish() {
        stop_ = true;
        for (auto& thread : threads_)
            if (thread.joinable()) thread.join();
    }
    long ok() const { return ok_; }
    long notOk() const { return notOk_; }
    long failed() const { return failed_; }

private:
    std::atomic<bool> stop_{false};
    std::atomic<long> ok_{0}, notOk_{0}, failed_{0};
    std::vector<std::thread> threads_;
};

} // namespace

class ClusterTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ClusterTest);
    CPPUNIT_TEST(socketThroughNginxHearsWritesOnEveryHost);
    CPPUNIT_TEST(scheduledTickRunsOnceAcrossHosts);
    CPPUNIT_TEST(stoppingAHostLosesNoRetriedRequestAndNoQueuedJob);
    CPPUNIT_TEST_SUITE_END();

public:
    void socketThroughNginxHearsWritesOnEveryHost() {
        NodeClient::ensureInstalled();
        auto& hosts = cluster();
        const std::string token = login(hosts.nginxPort());
        for (int n = 1; n <= hosts.hosts(); ++n) {
            // The socket goes through nginx to whichever host it picks; the
            // write goes straight to host n, so at least two of the three
            // runs cross hosts.
            const auto run = NodeClient::run("crossHost", R"({"url":")" + url(hosts.nginxPort()) + R"(","token":")" +
                                                              token + R"(","otherUrl":")" + url(hosts.hostPort(n)) +
                                                              R"(","otherToken":")" + token + "\"}");
            CPPUNIT_ASSERT_MESSAGE("write on host-" + std::to_string(n) + ": " + run.output + "\n" + hosts.hostLog(n),
                                   run.ok());
        }
        std::cout << "\n[cluster] " << hosts.hosts() << " hosts behind nginx :" << hosts.nginxPort()
                  << "; a Socket.IO client through nginx received suite:created for a write on each host, once"
                  << std::endl;
    }

    void scheduledTickRunsOnceAcrossHosts() {
        auto& hosts = cluster();
        std::map<std::int64_t, std::vector<std::string>> slots;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (std::chrono::steady_clock::now() < deadline) {
            slots = ticksBySlot(hosts.hostPort(1));
            if (slots.size() >= 6) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
        }
        CPPUNIT_ASSERT_MESSAGE("ops.tick ran fewer than 6 times in 60 s:\n" + describe(slots), slots.size() >= 6);
        std::set<std::string> runners;
        for (const auto& [slot, ran] : slots) {
            CPPUNIT_ASSERT_MESSAGE("tick " + std::to_string(slot) + " ran on several hosts:\n" + describe(slots),
                                   ran.size() == 1);
            runners.insert(ran.front());
        }
        std::cout << "\n[cluster] ops.tick (every 2 s): " << slots.size() << " ticks, each run once, on "
                  << runners.size() << " host(s)" << std::endl;
    }

    void stoppingAHostLosesNoRetriedRequestAndNoQueuedJob() {
        struct StopClusterAtEnd {
            ~StopClusterAtEnd() { shared.reset(); }
        } stopAtEnd;
        auto& hosts = cluster();
        const std::string token = login(hosts.nginxPort());
        const std::string batch = "stop-" + std::to_string(::getpid());
        constexpr int kJobs = 60;
        const auto enqueued =
            call(hosts.hostPort(1), "POST", "/ops/jobs",
                 R"({"batch":")" + batch + R"(","count":)" + std::to_string(kJobs) + R"(,"workMs":250})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(enqueued.body, 202, enqueued.status);

        Load load(hosts.nginxPort(), token);
        std::this_thread::sleep_for(std::chrono::milliseconds(700));
        const long beforeStop = load.ok();
        const bool clean = hosts.stopHost(1);
        std::this_thread::sleep_for(std::chrono::seconds(2));
        load.finish();
        const std::string counts = "ok " + std::to_string(load.ok()) + ", not 200 " + std::to_string(load.notOk()) +
                                   ", failed " + std::to_string(load.failed());
        CPPUNIT_ASSERT_MESSAGE("host-1 did not exit within 30 s of SIGTERM:\n" + hosts.hostLog(1), clean);
        CPPUNIT_ASSERT_MESSAGE("requests lost while host-1 stopped (" + counts + ")\nnginx:\n" +
                                   hosts.nginxAccessLog().substr(0, 4000),
                               load.notOk() == 0 && load.failed() == 0);
        CPPUNIT_ASSERT_MESSAGE("no requests after the stop: " + counts, load.ok() > beforeStop);

        // Every queued job ran, on the hosts left (at least once).
        std::set<std::int64_t> done;
        std::map<std::string, int> byHost;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
        while (std::chrono::steady_clock::now() < deadline) {
            const auto report = call(hosts.hostPort(2), "GET", "/ops/report?batch=" + batch).object();
            const auto jobs = report->getArray("jobs");
            done.clear();
            byHost.clear();
            for (std::size_t i = 0; i < jobs->size(); ++i) {
                const auto job = jobs->getObject(static_cast<unsigned>(i));
                done.insert(job->getValue<std::int64_t>("seq"));
                ++byHost[job->getValue<std::string>("host")];
            }
            if (static_cast<int>(done.size()) == kJobs) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
        }
        std::ostringstream spread;
        for (const auto& [host, n] : byHost) spread << " " << host << "=" << n;
        CPPUNIT_ASSERT_MESSAGE("queued jobs lost: " + std::to_string(done.size()) + " of " + std::to_string(kJobs) +
                                   " ran (" + spread.str() + ")\nhost-1:\n" + hosts.hostLog(1),
                               static_cast<int>(done.size()) == kJobs);

        // Ticks go on without host-1, still once each.
        const auto slots = ticksBySlot(hosts.hostPort(2));
        for (const auto& [slot, ran] : slots)
            CPPUNIT_ASSERT_MESSAGE("tick ran twice after the stop:\n" + describe(slots), ran.size() == 1);

        std::cout << "\n[cluster] SIGTERM to host-1 under load through nginx: " << counts << " ("
                  << load.ok() - beforeStop << " after the stop began); " << done.size() << "/" << kJobs
                  << " queued jobs ran:" << spread.str() << std::endl;
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ClusterTest);

} // namespace motel::test
