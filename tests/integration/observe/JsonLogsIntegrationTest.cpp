// Structured logs in a real host: `log.format = json` (and LOG_FORMAT) gives
// one JSON object per line that a JSON parser takes as it is, access lines
// carry the request's fields, per-logger levels apply, no secret reaches the
// log, and SIGHUP (`systemctl reload`) reopens log.file and re-reads levels.
#include "ObserveTestSupport.h"

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/JSON/Parser.h>
#include <Poco/StringTokenizer.h>

#include <cppunit/extensions/HelperMacros.h>

#include <csignal>
#include <functional>
#include <unistd.h>
#include <fstream>
#include <sstream>
#include <thread>

using namespace motel::test;
using namespace motel::test::observe;

namespace {

const char* const kAdminEmail = "logs-admin@motel.test";
const char* const kAdminPassword = "logs-admin-password-7f3a";
const char* const kJwtSecret = "integration-test-secret-integration-test-secret-integration-test-0001";

HostOptions jsonHost(std::map<std::string, std::string> properties = {}) {
    HostOptions options = hostWith({"auth", "suites", "health"}, std::move(properties));
    options.environment["LOG_FORMAT"] = "json";
    options.environment["MOTEL_ADMIN_EMAIL"] = kAdminEmail;
    options.environment["MOTEL_ADMIN_PASSWORD"] = kAdminPassword;
    return options;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Every non-empty line parsed as a JSON object (fails the test on one that
/// is not).
std::vector<Poco::JSON::Object::Ptr> parseLines(const std::string& text) {
    std::vector<Poco::JSON::Object::Ptr> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        try {
            lines.push_back(Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>());
        } catch (const std::exception& e) {
            CPPUNIT_FAIL("log line is not a JSON object: " + line);
        }
    }
    return lines;
}

/// The first access line for `method` `route` with `status`, or null.
Poco::JSON::Object::Ptr accessLine(const std::vector<Poco::JSON::Object::Ptr>& lines, const std::string& method,
                                   const std::string& route) {
    for (const auto& line : lines)
        if (line->optValue<std::string>("logger", "") == "motel.access" &&
            line->optValue<std::string>("method", "") == method && line->optValue<std::string>("route", "") == route)
            return line;
    return nullptr;
}

std::string login(const HostProcess& host) {
    const HttpResult result =
        host.json("POST", "/api/auth/login",
                  std::string(R"({"email":")") + kAdminEmail + R"(","password":")" + kAdminPassword + R"("})");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(result), 200, result.status);
    return result.object()->getValue<std::string>("accessToken");
}

bool waitUntil(const std::function<bool()>& condition) {
    for (int i = 0; i < 100; ++i) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

} // namespace

class JsonLogsIntegrationTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(JsonLogsIntegrationTest);
    CPPUNIT_TEST(testEveryLineIsAJsonObject);
    CPPUNIT_TEST(testAccessLinesCarryTheRequest);
    CPPUNIT_TEST(testSecretsNeverAppear);
    CPPUNIT_TEST(testPerLoggerLevel);
    CPPUNIT_TEST(testBadFormatStopsTheHost);
    CPPUNIT_TEST(testReloadReopensTheFileAndRereadsLevels);
    CPPUNIT_TEST(testTextLinesCannotBeForged);
    CPPUNIT_TEST_SUITE_END();

public:
    void testEveryLineIsAJsonObject() {
        HostProcess host(jsonHost());
        host.request("GET", "/health/ready");
        host.request("GET", "/no/such/path?with=query");
        CPPUNIT_ASSERT(host.waitForLog("/no/such/path"));
        const auto lines = parseLines(host.logText());
        CPPUNIT_ASSERT(lines.size() >= 3);
        for (const auto& line : lines) {
            for (const char* field : {"time", "level", "logger", "message"})
                CPPUNIT_ASSERT_MESSAGE(field, line->has(field));
            const std::string time = line->getValue<std::string>("time");
            CPPUNIT_ASSERT_MESSAGE(time, time.size() == 24 && time[10] == 'T' && time.back() == 'Z');
        }
        bool listening = false;
        for (const auto& line : lines)
            listening = listening || (line->getValue<std::string>("logger") == "motel.host" &&
                                      line->getValue<std::string>("level") == "info" &&
                                      line->getValue<std::string>("message").find("listening") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(host.logText(), listening);
    }

    void testAccessLinesCarryTheRequest() {
        HostProcess host(jsonHost());
        const std::string token = login(host);
        const HttpResult suite = host.request("GET", "/api/suites/4711", "",
                                              {{"Authorization", "Bearer " + token}, {"X-Request-Id", "trace-me-1"}});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(suite), 404, suite.status);
        CPPUNIT_ASSERT(host.waitForLog("trace-me-1"));
        const auto line = accessLine(parseLines(host.logText()), "GET", "/api/suites/:id");
        CPPUNIT_ASSERT_MESSAGE(host.logText(), line);
        CPPUNIT_ASSERT_EQUAL(std::string("trace-me-1"), line->getValue<std::string>("requestId"));
        CPPUNIT_ASSERT_EQUAL(std::string("/api/suites/4711"), line->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(404, line->getValue<int>("status"));
        CPPUNIT_ASSERT(line->getValue<double>("durationMs") >= 0);
        CPPUNIT_ASSERT(line->getValue<int>("userId") > 0);
        CPPUNIT_ASSERT_EQUAL(std::string("info"), line->getValue<std::string>("level"));

        const auto anonymous = accessLine(parseLines(host.logText()), "POST", "/api/auth/login");
        CPPUNIT_ASSERT(anonymous);
        CPPUNIT_ASSERT_MESSAGE("an anonymous request has no user id", !anonymous->has("userId"));
    }

    void testSecretsNeverAppear() {
        HostProcess host(jsonHost({{"log.level", "trace"}}));
        const std::string token = login(host);
        host.json("POST", "/api/auth/login", R"({"email":"nobody@motel.test","password":"wrong-secret-9b1c"})");
        host.request("GET", "/api/suites?token=" + token, "", {{"Authorization", "Bearer " + token}});
        CPPUNIT_ASSERT(host.waitForLog("/api/suites"));
        const std::string log = host.logText();
        for (const std::string& secret :
             {std::string(kAdminPassword), std::string("wrong-secret-9b1c"), token, std::string(kJwtSecret)})
            CPPUNIT_ASSERT_MESSAGE("secret in the log: " + secret, log.find(secret) == std::string::npos);
    }

    void testPerLoggerLevel() {
        HostProcess host(jsonHost({{"log.level.motel.access", "warning"}}));
        host.request("GET", "/no/such/path");
        host.request("GET", "/health/ready");
        // A line from another logger after the request proves the queue was written.
        CPPUNIT_ASSERT_EQUAL(0, host.stop());
        const auto lines = parseLines(host.logText());
        bool stopped = false;
        for (const auto& line : lines) {
            CPPUNIT_ASSERT_MESSAGE(host.logText(), line->getValue<std::string>("logger") != "motel.access");
            stopped = stopped || line->getValue<std::string>("message") == "stopped";
        }
        CPPUNIT_ASSERT_MESSAGE(host.logText(), stopped);
    }

    void testBadFormatStopsTheHost() {
        HostOptions options = jsonHost();
        options.environment["LOG_FORMAT"] = "xml";
        std::string output;
        options.command = "migrate";
        const int code = HostProcess::runCommand(options, {"migrate"}, output);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(output, 78, code); // EX_CONFIG
        CPPUNIT_ASSERT_MESSAGE(output, output.find("log.format='xml'") != std::string::npos);
    }

    void testReloadReopensTheFileAndRereadsLevels() {
        Poco::File placeholder(Poco::Path::temp() + "motel-json-logs-" + std::to_string(::getpid()));
        placeholder.createDirectories();
        const std::string file = placeholder.path() + "/host.log";
        HostProcess host(jsonHost({{"log.file", file}}));
        host.request("GET", "/first/request");
        CPPUNIT_ASSERT(waitUntil([&] { return readFile(file).find("/first/request") != std::string::npos; }));

        // What logrotate does: move the file away, then tell the host. Also
        // turn the access log down in the config file it re-reads.
        Poco::File(file).renameTo(file + ".1");
        std::ofstream(host.workDir() + "/motel.properties", std::ios::app) << "log.level.motel.access = warning\n";
        host.request("GET", "/second/request");
        ::kill(host.pid(), SIGHUP);
        CPPUNIT_ASSERT_MESSAGE(readFile(file + ".1"), waitUntil([&] {
                                   return readFile(file).find("reload: log files reopened") != std::string::npos;
                               }));
        host.request("GET", "/third/request");
        CPPUNIT_ASSERT_EQUAL(0, host.stop());
        const std::string rotated = readFile(file + ".1");
        const std::string current = readFile(file);
        CPPUNIT_ASSERT(rotated.find("/first/request") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE("the level re-read on reload applies",
                               current.find("/third/request") == std::string::npos);
        parseLines(current);
        placeholder.remove(true);
    }

    void testTextLinesCannotBeForged() {
        HostProcess host(hostWith({"health"}));
        host.request("GET", "/probe%0A2026-01-01T00:00:00.000Z%20Information%20motel.host:%20forged");
        CPPUNIT_ASSERT_MESSAGE(host.logText(), host.waitForLog("/probe\\x0A2026"));
        std::istringstream lines(host.logText());
        for (std::string line; std::getline(lines, line);)
            CPPUNIT_ASSERT_MESSAGE(line, line.rfind("2026-01-01T00:00:00.000Z", 0) != 0);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonLogsIntegrationTest);
