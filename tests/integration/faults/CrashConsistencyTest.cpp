// The host killed with SIGKILL in the middle of writes (power cut, OOM
// killer, `kill -9`): after a restart on the same database nothing is half
// applied and nothing acknowledged is lost. The write is the check-out, which
// in one transaction makes the suite vacant and dirty, creates its cleaning
// task and records history; several clients hammer it while the host dies.
// Afterwards every suite is either untouched (occupied, clean, no task) or
// fully checked out (vacant, dirty, exactly one cleaning task), and every
// check-out the host answered 200 for is there. On SQLite and PostgreSQL.
#include "FaultSupport.h"

#include "support/TestPostgres.h"

#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Path.h>

#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <unistd.h>

namespace motel::test {

using namespace faults;

class CrashConsistencyScenario : public CppUnit::TestFixture {
public:
    void tearDown() override {
        if (!scratch_.empty()) {
            try {
                Poco::File(scratch_).remove(true);
            } catch (...) {
            }
        }
    }

    void sigkillMidWriteLeavesNothingHalfApplied() {
        const std::string databaseUrl = freshDatabaseUrl();
        const HostOptions options = hostOptions({"health", "auth", "suites", "tasks"}, databaseUrl);
        constexpr int kSuites = 240;
        std::vector<std::int64_t> ids;
        std::set<std::int64_t> acknowledged;
        {
            HostProcess host(options);
            const std::string token = adminToken(host);
            for (int i = 0; i < kSuites; ++i) {
                const auto created =
                    host.json("POST", "/api/suites",
                              R"({"number":"c)" + std::to_string(i) + R"(","floor":1,"occupancy":"occupied"})", token);
                CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(created), 201, created.status);
                ids.push_back(created.json().extract<Poco::JSON::Object::Ptr>()->getValue<std::int64_t>("id"));
            }
            acknowledged = hammerAndKill(host, token, ids);
        }
        HostProcess restarted(options);
        const std::string token = adminToken(restarted);
        const auto suites = all(restarted, token, "/api/suites");
        const auto tasks = all(restarted, token, "/api/tasks?type=cleaning");
        CPPUNIT_ASSERT_EQUAL(static_cast<std::size_t>(kSuites), suites.size());

        std::map<std::int64_t, int> tasksOfSuite;
        for (const auto& task : tasks) ++tasksOfSuite[task->getValue<std::int64_t>("suiteId")];
        int checkedOut = 0;
        for (const auto& suite : suites) {
            const auto id = suite->getValue<std::int64_t>("id");
            const std::string occupancy = suite->getValue<std::string>("occupancy");
            const std::string condition = suite->getValue<std::string>("condition");
            const std::string what = "suite " + std::to_string(id) + ": " + occupancy + ", " + condition + ", " +
                                     std::to_string(tasksOfSuite[id]) + " cleaning task(s)";
            if (occupancy == "vacant") {
                ++checkedOut;
                CPPUNIT_ASSERT_EQUAL_MESSAGE(what, std::string("dirty"), condition);
                CPPUNIT_ASSERT_EQUAL_MESSAGE(what, 1, tasksOfSuite[id]);
            } else {
                CPPUNIT_ASSERT_EQUAL_MESSAGE(what, std::string("clean"), condition);
                CPPUNIT_ASSERT_EQUAL_MESSAGE(what, 0, tasksOfSuite[id]);
                CPPUNIT_ASSERT_MESSAGE("acknowledged check-out lost: " + what, acknowledged.count(id) == 0);
            }
        }
        std::cout << "\n  SIGKILL after " << acknowledged.size() << " acknowledged check-outs; " << checkedOut << " of "
                  << kSuites << " committed, all whole" << std::endl;
        CPPUNIT_ASSERT_EQUAL(static_cast<std::size_t>(checkedOut), tasks.size());
        CPPUNIT_ASSERT(checkedOut >= static_cast<int>(acknowledged.size()));
    }

protected:
    virtual std::string freshDatabaseUrl() = 0;
    std::string scratch_;

private:
    /// Four clients check suites out until a quarter are acknowledged, then
    /// the host gets SIGKILL while they keep going. Returns the ids the host
    /// answered 200 for.
    static std::set<std::int64_t> hammerAndKill(HostProcess& host, const std::string& token,
                                                const std::vector<std::int64_t>& ids) {
        std::mutex mutex;
        std::set<std::int64_t> acknowledged;
        std::atomic<std::size_t> next{0};
        std::atomic<bool> dead{false};
        std::vector<std::thread> clients;
        for (int c = 0; c < 4; ++c)
            clients.emplace_back([&] {
                for (std::size_t i = next++; i < ids.size() && !dead; i = next++) {
                    try {
                        const auto result = host.json("PATCH", "/api/suites/" + std::to_string(ids[i]),
                                                      R"({"occupancy":"vacant"})", token);
                        if (result.status == 200) {
                            std::lock_guard<std::mutex> lock(mutex);
                            acknowledged.insert(ids[i]);
                        }
                    } catch (...) {
                        // the host is gone: the answer never came
                    }
                }
            });
        const int pid = host.pid();
        while (!dead) {
            {
                std::lock_guard<std::mutex> lock(mutex);
                if (acknowledged.size() >= ids.size() / 4) break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        ::kill(pid, SIGKILL);
        dead = true;
        for (auto& client : clients) client.join();
        std::lock_guard<std::mutex> lock(mutex);
        return acknowledged;
    }

    /// Every item of a list endpoint (pages of 200).
    static std::vector<Poco::JSON::Object::Ptr> all(const HostProcess& host, const std::string& token,
                                                    const std::string& path) {
        std::vector<Poco::JSON::Object::Ptr> items;
        const std::string separator = path.find('?') == std::string::npos ? "?" : "&";
        for (int offset = 0;; offset += 200) {
            const auto page =
                host.json("GET", path + separator + "limit=200&offset=" + std::to_string(offset), "", token);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(page), 200, page.status);
            const auto data = page.json().extract<Poco::JSON::Object::Ptr>()->getArray("data");
            for (std::size_t i = 0; i < data->size(); ++i) items.push_back(data->getObject(static_cast<unsigned>(i)));
            if (data->size() < 200) return items;
        }
    }
};

class CrashConsistencySqliteTest : public CrashConsistencyScenario {
    CPPUNIT_TEST_SUITE(CrashConsistencySqliteTest);
    CPPUNIT_TEST(sigkillMidWriteLeavesNothingHalfApplied);
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override {
        // Outside the host's own folder, which goes away with the host.
        scratch_ = Poco::Path::temp() + "motel-crash-" + std::to_string(::getpid());
        Poco::File(scratch_).createDirectories();
        return "sqlite:" + scratch_ + "/motel.db";
    }
};

class CrashConsistencyPostgresTest : public CrashConsistencyScenario {
    CPPUNIT_TEST_SUITE(CrashConsistencyPostgresTest);
    CPPUNIT_TEST(sigkillMidWriteLeavesNothingHalfApplied);
    CPPUNIT_TEST_SUITE_END();

protected:
    std::string freshDatabaseUrl() override { return freshPostgresDatabase(); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CrashConsistencySqliteTest);
CPPUNIT_TEST_SUITE_REGISTRATION(CrashConsistencyPostgresTest);

} // namespace motel::test
