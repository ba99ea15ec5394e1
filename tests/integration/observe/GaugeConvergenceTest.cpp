// Two hosts sharing one database: the suites and tasks gauges of a host that
// made no change itself still converge on what the other host committed
// (they are recounted before a scrape, at most every `recountInterval`),
// `motel_tasks_overdue` included although the job that announces overdue
// tasks runs on one host only.
#include "ObserveTestSupport.h"

#include <Poco/File.h>
#include <Poco/JSON/Parser.h>
#include <Poco/TemporaryFile.h>

#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <thread>

using namespace motel::test;
using namespace motel::test::observe;

namespace {

const char* const kAdminEmail = "gauges-admin@motel.test";
const char* const kAdminPassword = "gauges-admin-password";

HostOptions hostOn(const std::string& databaseUrl, const std::string& recountInterval) {
    HostOptions options =
        hostWith({"auth", "suites", "tasks", "metrics"}, {{"plugins.suites.recountInterval", recountInterval},
                                                          {"plugins.tasks.recountInterval", recountInterval}});
    options.databaseUrl = databaseUrl;
    options.environment["MOTEL_ADMIN_EMAIL"] = kAdminEmail;
    options.environment["MOTEL_ADMIN_PASSWORD"] = kAdminPassword;
    return options;
}

/// The value of an unlabelled series in a Prometheus scrape, or -1.
double seriesValue(const HostProcess& host, const std::string& name) {
    const std::string text = host.request("GET", "/metrics/prometheus").body;
    const std::string prefix = "\n" + name + " ";
    const auto at = text.find(prefix);
    if (at == std::string::npos) return -1;
    return std::stod(text.substr(at + prefix.size()));
}

/// Whether `name` reaches `expected` on `host` within a few seconds.
bool converges(const HostProcess& host, const std::string& name, double expected) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
        if (seriesValue(host, name) == expected) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

} // namespace

class GaugeConvergenceTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(GaugeConvergenceTest);
    CPPUNIT_TEST(testIdleHostSeesTheOtherHostsCommits);
    CPPUNIT_TEST_SUITE_END();

public:
    void testIdleHostSeesTheOtherHostsCommits() {
        Poco::TemporaryFile directory;
        directory.createDirectories();
        const std::string databaseUrl = "sqlite:" + directory.path() + "/shared.db";
        HostProcess writer(hostOn(databaseUrl, "200ms"));
        HostProcess watcher(hostOn(databaseUrl, "200ms"));
        CPPUNIT_ASSERT_EQUAL(0.0, seriesValue(watcher, "motel_suites_total"));

        const HttpResult login =
            writer.json("POST", "/api/auth/login",
                        std::string(R"({"email":")") + kAdminEmail + R"(","password":")" + kAdminPassword + R"("})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(login), 200, login.status);
        const std::string token = Poco::JSON::Parser()
                                      .parse(login.body)
                                      .extract<Poco::JSON::Object::Ptr>()
                                      ->getValue<std::string>("accessToken");
        for (const char* number : {"101", "102", "103"}) {
            const HttpResult created =
                writer.json("POST", "/api/suites",
                            std::string(R"({"number":")") + number + R"(","floor":1,"type":"standard"})", token);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(created), 201, created.status);
        }
        const HttpResult task =
            writer.json("POST", "/api/tasks", R"({"suiteId":1,"type":"cleaning","title":"Fresh towels"})", token);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(task), 201, task.status);

        CPPUNIT_ASSERT_EQUAL(3.0, seriesValue(writer, "motel_suites_total"));
        CPPUNIT_ASSERT_MESSAGE("the idle host's suites gauge reaches 3", converges(watcher, "motel_suites_total", 3));
        CPPUNIT_ASSERT_MESSAGE("the idle host's tasks gauge reaches 1", converges(watcher, "motel_tasks_total", 1));
        CPPUNIT_ASSERT_MESSAGE("the idle host counts the task as pending",
                               converges(watcher, "motel_tasks_pending", 1));

        // Overdue: whichever host runs tasks.overdue, the other one knows too.
        const HttpResult late = writer.json(
            "POST", "/api/tasks",
            R"({"suiteId":2,"type":"maintenance","title":"Fix the lamp","dueAt":"2020-01-01T00:00:00.000Z"})", token);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(late), 201, late.status);
        CPPUNIT_ASSERT_MESSAGE("the idle host's overdue gauge reaches 1", converges(watcher, "motel_tasks_overdue", 1));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(GaugeConvergenceTest);
