// PostgreSQL goes away under a running host and comes back (an upgrade, a
// failover, a crash). While it is away the host keeps serving: liveness 200,
// readiness 503, every API call a 503 envelope within a bounded time (no
// hang, no crash, no 500). When it returns, readiness and the API recover by
// themselves within seconds, and no change acknowledged before or refused
// during the outage is lost or half-applied.
//
// The database server is the test's own (PrivatePostgres): the shared
// fixture server is never stopped.
#include "FaultSupport.h"
#include "PrivatePostgres.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <iostream>
#include <memory>

namespace motel::test {

using namespace faults;

class PostgresOutageTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PostgresOutageTest);
    CPPUNIT_TEST(outageAnswers503QuicklyAndRecoversByItself);
    CPPUNIT_TEST(writesAroundAnOutageAreAllOrNothing);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        postgres_ = std::make_unique<PrivatePostgres>();
        host_ = std::make_unique<HostProcess>(
            hostOptions({"health", "auth", "suites", "tasks"}, postgres_->freshDatabase()));
        token_ = adminToken(*host_);
    }

    void tearDown() override {
        host_.reset();
        postgres_.reset();
    }

    void outageAnswers503QuicklyAndRecoversByItself() {
        CPPUNIT_ASSERT_EQUAL(201, api("POST", "/api/suites", R"({"number":"101","floor":1})").status);
        postgres_->stop();

        const auto ready = until([this] { return host_->request("GET", "/health/ready"); },
                                 [](const HttpResult& r) { return r.status == 503; });
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(ready), 503, ready.status);
        CPPUNIT_ASSERT_EQUAL(200, host_->request("GET", "/health/live").status);

        // Every kind of call, several times: a 503 envelope, quickly.
        for (int round = 0; round < 3; ++round) {
            expectUnavailable("GET", "/api/suites", "");
            expectUnavailable("GET", "/api/suites/1", "");
            expectUnavailable("POST", "/api/suites", R"({"number":"102","floor":1})");
            expectUnavailable("PATCH", "/api/suites/1", R"({"occupancy":"occupied"})");
            expectUnavailable("GET", "/api/tasks", "");
            std::chrono::milliseconds took{};
            const auto login = timed([this] { return adminLogin(); }, took);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(login), 503, login.status);
        }
        CPPUNIT_ASSERT_EQUAL(200, host_->request("GET", "/health/live").status);

        postgres_->start();
        const auto started = std::chrono::steady_clock::now();
        const auto back = until([this] { return host_->request("GET", "/health/ready"); },
                                [](const HttpResult& r) { return r.status == 200; });
        const auto recovery =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(back) + "\n" + host_->logText(), 200, back.status);
        std::cout << "\n  slowest 503 during the outage: " << slowest_.count() << " ms; readiness back "
                  << recovery.count() << " ms after PostgreSQL" << std::endl;
        CPPUNIT_ASSERT_MESSAGE("readiness took " + std::to_string(recovery.count()) + " ms to recover",
                               recovery < std::chrono::seconds(15));
        const auto list = until([this] { return api("GET", "/api/suites", ""); },
                                [](const HttpResult& r) { return r.status == 200; }, std::chrono::seconds(10));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(list), 200, list.status);
        CPPUNIT_ASSERT_EQUAL(1, list.json().extract<Poco::JSON::Object::Ptr>()->getValue<int>("total"));
        CPPUNIT_ASSERT_EQUAL(201, api("POST", "/api/suites", R"({"number":"102","floor":1})").status);
        CPPUNIT_ASSERT_EQUAL(200, adminLogin().status);
    }

    void writesAroundAnOutageAreAllOrNothing() {
        // Ten occupied suites; check out five before the outage, try the
        // other five during it, then look at everything after.
        std::vector<std::string> ids;
        for (int i = 0; i < 10; ++i) {
            const auto created = api("POST", "/api/suites",
                                     R"({"number":"s)" + std::to_string(i) + R"(","floor":1,"occupancy":"occupied"})");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(created), 201, created.status);
            ids.push_back(created.json().extract<Poco::JSON::Object::Ptr>()->get("id").toString());
        }
        for (int i = 0; i < 5; ++i)
            CPPUNIT_ASSERT_EQUAL(200, api("PATCH", "/api/suites/" + ids[i], R"({"occupancy":"vacant"})").status);
        postgres_->stop();
        for (int i = 5; i < 10; ++i) {
            const auto refused = api("PATCH", "/api/suites/" + ids[i], R"({"occupancy":"vacant"})");
            CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(refused), 503, refused.status);
        }
        postgres_->start();
        until([this] { return api("GET", "/api/suites", ""); }, [](const HttpResult& r) { return r.status == 200; });

        for (int i = 0; i < 10; ++i) {
            const auto suite = api("GET", "/api/suites/" + ids[i], "").json().extract<Poco::JSON::Object::Ptr>();
            const auto tasks = api("GET", "/api/tasks?suiteId=" + ids[i], "").json().extract<Poco::JSON::Object::Ptr>();
            const bool checkedOut = i < 5;
            CPPUNIT_ASSERT_EQUAL(std::string(checkedOut ? "vacant" : "occupied"),
                                 suite->getValue<std::string>("occupancy"));
            CPPUNIT_ASSERT_EQUAL(std::string(checkedOut ? "dirty" : "clean"),
                                 suite->getValue<std::string>("condition"));
            CPPUNIT_ASSERT_EQUAL(checkedOut ? 1 : 0, tasks->getValue<int>("total"));
        }
    }

private:
    std::unique_ptr<PrivatePostgres> postgres_;
    std::unique_ptr<HostProcess> host_;
    std::string token_;
    std::chrono::milliseconds slowest_{0};

    HttpResult api(const std::string& method, const std::string& path, const std::string& body) const {
        return host_->json(method, path, body, token_);
    }

    HttpResult adminLogin() const {
        return host_->json("POST", "/api/auth/login",
                           std::string(R"({"email":")") + kAdminEmail + R"(","password":")" + kAdminPassword + R"("})");
    }

    void expectUnavailable(const std::string& method, const std::string& path, const std::string& body) {
        std::chrono::milliseconds took{};
        const auto result = timed([&] { return api(method, path, body); }, took);
        const std::string what =
            method + " " + path + " -> " + describe(result) + " in " + std::to_string(took.count()) + " ms";
        slowest_ = std::max(slowest_, took);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(what, 503, result.status);
        const auto envelope = result.json().extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL_MESSAGE(what, 503, envelope->getValue<int>("statusCode"));
        // Bounded: the pool must not wait for a server that is not there.
        CPPUNIT_ASSERT_MESSAGE(what, took < std::chrono::seconds(10));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PostgresOutageTest);

} // namespace motel::test
