// The apidocs plugin in a real host: the page and the document over HTTP,
// the document linted by a maintained OpenAPI validator, the page rendered
// in headless Chromium with every documented operation listed, and the
// setting that switches it off.
#include "support/HostProcess.h"

#include <Poco/File.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

using namespace motel::test;

namespace {

const char* const kAdminEmail = "docs-admin@motel.test";
const char* const kAdminPassword = "docs-admin-password-1";

HostOptions docsHost(std::map<std::string, std::string> properties = {}) {
    HostOptions options;
    options.plugins = {"auth", "health", "apidocs"};
    options.properties = std::move(properties);
    options.environment["MOTEL_ADMIN_EMAIL"] = kAdminEmail;
    options.environment["MOTEL_ADMIN_PASSWORD"] = kAdminPassword;
    return options;
}

/// `node <script> <args>` in the tools folder; returns the exit code and
/// fills `output` with what it printed.
int runNode(const std::string& script, const std::vector<std::string>& args, std::string& output) {
    std::vector<std::string> argv{script};
    argv.insert(argv.end(), args.begin(), args.end());
    Poco::Pipe out;
    Poco::ProcessHandle process =
        Poco::Process::launch(MOTEL_TEST_NODE, argv, MOTEL_TEST_APIDOCS_TOOLS, nullptr, &out, &out);
    Poco::PipeInputStream in(out);
    std::ostringstream text;
    Poco::StreamCopier::copyStream(in, text);
    output = text.str();
    return process.wait();
}

std::string describe(const HttpResult& result) {
    return std::to_string(result.status) + " " + result.body.substr(0, 300);
}

} // namespace

class ApiDocsIntegrationTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ApiDocsIntegrationTest);
    CPPUNIT_TEST(testPageAndDocumentArePublic);
    CPPUNIT_TEST(testServedDocumentIsTheSourceDocument);
    CPPUNIT_TEST(testDocumentPassesTheValidator);
    CPPUNIT_TEST(testPageRendersEveryOperationInChromium);
    CPPUNIT_TEST(testSwitchedOff);
    CPPUNIT_TEST_SUITE_END();

public:
    void testPageAndDocumentArePublic() {
        HostProcess host(docsHost());
        for (const char* path : {"/api/docs", "/api/docs/"}) {
            const HttpResult page = host.request("GET", path);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(path + describe(page), 200, page.status);
            CPPUNIT_ASSERT(page.header("content-type").rfind("text/html", 0) == 0);
            CPPUNIT_ASSERT(page.body.find("/api/docs/swagger-ui-bundle.js") != std::string::npos);
            const std::string policy = page.header("content-security-policy");
            CPPUNIT_ASSERT_MESSAGE(policy, policy.find("script-src 'self';") != std::string::npos);
        }
        const HttpResult bundle = host.request("GET", "/api/docs/swagger-ui-bundle.js");
        CPPUNIT_ASSERT_EQUAL(200, bundle.status);
        CPPUNIT_ASSERT(bundle.header("content-type").rfind("text/javascript", 0) == 0);

        const HttpResult document = host.request("GET", "/api/docs/openapi.json");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(document), 200, document.status);
        CPPUNIT_ASSERT(document.header("content-type").rfind("application/json", 0) == 0);
        const auto etag = document.header("etag");
        CPPUNIT_ASSERT(!etag.empty());
        CPPUNIT_ASSERT_EQUAL(304, host.request("GET", "/api/docs/openapi.json", "", {{"If-None-Match", etag}}).status);

        // A file that does not exist is a 404 envelope, never the page.
        const HttpResult missing = host.request("GET", "/api/docs/nothing.json", "", {{"Accept", "text/html"}});
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(missing), 404, missing.status);
        CPPUNIT_ASSERT_EQUAL(404, missing.object()->getValue<int>("statusCode"));
        const HttpResult escape = host.request("GET", "/api/docs/..%2F..%2Fetc%2Fpasswd");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(escape), 404, escape.status);
    }

    void testServedDocumentIsTheSourceDocument() {
        HostProcess host(docsHost());
        const auto document = host.request("GET", "/api/docs/openapi.json").object();
        CPPUNIT_ASSERT_EQUAL(std::string("3.0.3"), document->getValue<std::string>("openapi"));
        const auto paths = document->getObject("paths");
        for (const char* path : {"/api/auth/login", "/api/suites/{id}", "/api/tasks", "/health/ready", "/api/docs",
                                 "/api/docs/openapi.json"})
            CPPUNIT_ASSERT_MESSAGE(path, paths->has(path));
    }

    void testDocumentPassesTheValidator() {
        HostProcess host(docsHost());
        std::string output;
        const int code = runNode("lint-openapi.cjs",
                                 {std::string(MOTEL_TEST_SOURCE_DIR) + "/docs/openapi.yaml",
                                  "http://127.0.0.1:" + std::to_string(host.port()) + "/api/docs/openapi.json"},
                                 output);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(output, 0, code);
        CPPUNIT_ASSERT_MESSAGE(output, output.find("INVALID") == std::string::npos);
    }

    void testPageRendersEveryOperationInChromium() {
        CPPUNIT_ASSERT_MESSAGE("/usr/bin/chromium is missing (scripts/deps --test)",
                               Poco::File("/usr/bin/chromium").exists());
        HostProcess host(docsHost());
        std::string output;
        const int code = runNode("render-docs.cjs", {"http://127.0.0.1:" + std::to_string(host.port())}, output);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(output, 0, code);
        const auto result =
            Poco::JSON::Parser().parse(output.substr(output.find("{\"title\""))).extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_MESSAGE(output, result->getValue<int>("documented") >= 30);
        CPPUNIT_ASSERT_MESSAGE(output, result->getValue<int>("rendered") >= result->getValue<int>("documented"));
        CPPUNIT_ASSERT_EQUAL_MESSAGE(output, std::size_t(0), result->getArray("missing")->size());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(output, std::size_t(0), result->getArray("errors")->size());
        CPPUNIT_ASSERT_MESSAGE(output,
                               result->getValue<std::string>("title").find("Motel Manager") != std::string::npos);
    }

    void testSwitchedOff() {
        HostProcess host(docsHost({{"plugins.apidocs.enabled", "false"}}));
        // Like any unknown API path: 401 without a token, 404 with one.
        CPPUNIT_ASSERT_EQUAL(401, host.request("GET", "/api/docs").status);
        CPPUNIT_ASSERT_EQUAL(401, host.request("GET", "/api/docs/openapi.json").status);
        const HttpResult login =
            host.json("POST", "/api/auth/login",
                      std::string(R"({"email":")") + kAdminEmail + R"(","password":")" + kAdminPassword + R"("})");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(describe(login), 200, login.status);
        const std::string token = login.object()->getValue<std::string>("accessToken");
        CPPUNIT_ASSERT_EQUAL(404, host.json("GET", "/api/docs/openapi.json", "", token).status);
        CPPUNIT_ASSERT(host.waitForLog("API reference off"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ApiDocsIntegrationTest);
