// The metrics plugin in a real host: every documented name in a scrape that
// `promtool check metrics` accepts after real traffic, the JSON view, and the
// optional bearer token.
#include "ObserveTestSupport.h"

#include <Poco/File.h>
#include <Poco/JSON/Object.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

using namespace motel::test;
using namespace motel::test::observe;

namespace {

const char* const promtool = "/usr/bin/promtool";

/// Runs `promtool check metrics` on `exposition`; returns its exit code and
/// fills `output` with what it said.
int promtoolCheck(const std::string& exposition, std::string& output) {
    Poco::Pipe input;
    Poco::Pipe outputPipe;
    Poco::ProcessHandle process =
        Poco::Process::launch(promtool, {"check", "metrics"}, &input, &outputPipe, &outputPipe);
    {
        Poco::PipeOutputStream in(input);
        in << exposition;
    }
    input.close(Poco::Pipe::CLOSE_WRITE);
    Poco::PipeInputStream out(outputPipe);
    std::ostringstream text;
    Poco::StreamCopier::copyStream(out, text);
    output = text.str();
    return process.wait();
}

bool hasSeries(const std::string& exposition, const std::string& prefix) {
    return exposition.find("\n" + prefix) != std::string::npos || exposition.rfind(prefix, 0) == 0;
}

} // namespace

class MetricsIntegrationTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(MetricsIntegrationTest);
    CPPUNIT_TEST(testEveryDocumentedNameIsScraped);
    CPPUNIT_TEST(testPromtoolAcceptsALiveScrape);
    CPPUNIT_TEST(testJsonHasTheSameFigures);
    CPPUNIT_TEST(testTokenProtectsBothEndpoints);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEveryDocumentedNameIsScraped() {
        HostProcess host(hostWith({"health", "metrics"}));
        host.request("GET", "/health/live");
        const HttpResult result = host.request("GET", "/metrics/prometheus");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(result), 200, result.status);
        CPPUNIT_ASSERT_EQUAL(std::string("text/plain; version=0.0.4; charset=utf-8"), result.header("content-type"));
        for (const char* name :
             {"motel_uptime_seconds", "motel_memory_heap_used_bytes", "motel_memory_resident_bytes",
              "motel_websocket_connections", "motel_websocket_users", "motel_suites_total", "motel_tasks_total",
              "motel_tasks_pending", "motel_tasks_in_progress", "http_requests_total",
              "http_request_duration_seconds_bucket", "process_cpu_seconds_total", "process_resident_memory_bytes",
              "process_virtual_memory_bytes", "process_open_fds", "process_max_fds", "process_start_time_seconds",
              "motel_build_info{"})
            CPPUNIT_ASSERT_MESSAGE(name, hasSeries(result.body, name));
        // Families labelled by their owners (realtime's disconnects by
        // reason, the job engine's by queue) have no unlabelled zero series.
        for (const char* unlabelled :
             {"motel_websocket_disconnects_total ", "motel_jobs_queued ", "motel_jobs_failed_total "})
            CPPUNIT_ASSERT_MESSAGE(unlabelled, !hasSeries(result.body, unlabelled));
        CPPUNIT_ASSERT_MESSAGE(result.body, result.body.find("# TYPE motel_suites_total untyped") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(result.body, result.body.find("route=\"/health/live\"") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(result.body,
                               result.body.find("# TYPE process_cpu_seconds_total counter") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(result.body, result.body.find("sdk=\"") != std::string::npos);
    }

    void testPromtoolAcceptsALiveScrape() {
        if (!Poco::File(promtool).exists()) CPPUNIT_FAIL("promtool is not installed (Debian package prometheus)");
        HostProcess host(hostWith({"health", "metrics"}));
        // Real traffic: successes, a 404, a 405 and the health report.
        host.request("GET", "/health");
        host.request("GET", "/health/ready");
        host.request("GET", "/no/such/path");
        host.request("DELETE", "/health/live");
        host.request("GET", "/metrics");
        const HttpResult result = host.request("GET", "/metrics/prometheus");
        CPPUNIT_ASSERT_EQUAL(200, result.status);
        std::string output;
        const int code = promtoolCheck(result.body, output);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(output + "\n--- scrape:\n" + result.body, 0, code);
    }

    void testJsonHasTheSameFigures() {
        HostProcess host(hostWith({"health", "metrics"}));
        const HttpResult result = host.request("GET", "/metrics");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(result), 200, result.status);
        CPPUNIT_ASSERT(result.header("content-type").rfind("application/json", 0) == 0);
        const auto body = result.json().extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT(body->getValue<double>("motel_uptime_seconds") >= 0);
        CPPUNIT_ASSERT(body->getValue<double>("motel_memory_heap_used_bytes") > 0);
        CPPUNIT_ASSERT(body->getValue<double>("motel_memory_resident_bytes") > 0);
        CPPUNIT_ASSERT_EQUAL(0.0, body->getValue<double>("motel_tasks_pending"));
        CPPUNIT_ASSERT(body->has("motel_suites_total"));
        CPPUNIT_ASSERT(body->has("http_requests_total"));
    }

    void testTokenProtectsBothEndpoints() {
        HostProcess host(hostWith({"health", "metrics"}, {{"plugins.metrics.token", "scrape-secret"}}));
        for (const char* path : {"/metrics", "/metrics/prometheus"}) {
            const HttpResult anonymous = host.request("GET", path);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(anonymous), 401, anonymous.status);
            const auto envelope = anonymous.json().extract<Poco::JSON::Object::Ptr>();
            CPPUNIT_ASSERT_EQUAL(401, envelope->getValue<int>("statusCode"));
            CPPUNIT_ASSERT_EQUAL(std::string("Unauthorized"), envelope->getValue<std::string>("error"));

            const HttpResult wrong = host.request("GET", path, "", {{"Authorization", "Bearer scrape-secreT"}});
            CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(wrong), 401, wrong.status);

            const HttpResult allowed = host.request("GET", path, "", {{"Authorization", "Bearer scrape-secret"}});
            CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(allowed), 200, allowed.status);
        }
        CPPUNIT_ASSERT_EQUAL(200, host.request("GET", "/health").status); // the probes stay public
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MetricsIntegrationTest);
