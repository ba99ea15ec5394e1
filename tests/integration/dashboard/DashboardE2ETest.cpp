// The dashboard plugin in a real motel-host with the standard plugins.
// - Its files are served at / beside the API, which keeps every answer it
//   had (401 before 404 under /api, the API's 404 envelope), with the
//   caching, compression and single-page fallback of sdk::StaticFiles.
// - In headless Chromium (browser/board.e2e.cjs, one scenario file each):
//   live updates between a manager's desk and a housekeeper's phone; safe
//   actions (confirmed check-in/out, the double-click case, buttons disabled
//   while in flight and saying why, the server's words for a refusal);
//   offline (actions disabled, catching up after); inspections (pass, fail
//   with a reason); a suite's live history; staff fit (assignee lists, no
//   wrapping and 44 px targets on phones, focus order); the day at a glance
//   (figures, charts, task:overdue); an axe-core scan of desk and phone
//   views with no serious violation. Screenshots of the board are kept
//   (MOTEL_DASHBOARD_SCREENSHOTS=<dir> puts them elsewhere, e.g. docs/screenshots).
#include "BrowserScript.h"

#include "support/HostProcess.h"

#include <Poco/Environment.h>
#include <Poco/File.h>
#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

#include <iostream>
#include <memory>
#include <regex>

namespace motel::test {

namespace {
const char* const kAdminEmail = "admin@motel.test";
const char* const kAdminPassword = "dashboard-e2e-password";
const std::map<std::string, std::string> kPageRequest{{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"},
                                                      {"Accept-Encoding", "gzip, deflate, br"}};

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    return out + "\"";
}
} // namespace

class DashboardE2ETest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DashboardE2ETest);
    CPPUNIT_TEST(servesTheBoardBesideTheApi);
    CPPUNIT_TEST(boardScenariosInHeadlessChromium);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        HostOptions options;
        options.plugins = {"health", "auth", "suites", "tasks", "realtime", "dashboard"};
        options.environment["MOTEL_ADMIN_EMAIL"] = kAdminEmail;
        options.environment["MOTEL_ADMIN_PASSWORD"] = kAdminPassword;
        // A dropped link is noticed within a few seconds (Engine.IO pings);
        // the browser's offline signal is noticed at once.
        options.properties["plugins.realtime.pingInterval"] = "2s";
        options.properties["plugins.realtime.pingTimeout"] = "2s";
        host_ = std::make_unique<HostProcess>(options);
    }

    void tearDown() override { host_.reset(); }

    void servesTheBoardBesideTheApi() {
        const auto page = host_->request("GET", "/", "", kPageRequest);
        CPPUNIT_ASSERT_EQUAL(200, page.status);
        CPPUNIT_ASSERT_EQUAL(std::string("text/html; charset=utf-8"), page.header("content-type"));
        CPPUNIT_ASSERT_EQUAL(std::string("no-cache"), page.header("cache-control"));
        CPPUNIT_ASSERT(page.header("content-security-policy").find("default-src 'self'") != std::string::npos);
        const auto plain = host_->request("GET", "/index.html");
        CPPUNIT_ASSERT(plain.body.find("<div id=\"app\">") != std::string::npos);

        std::smatch script;
        CPPUNIT_ASSERT(std::regex_search(plain.body, script, std::regex(R"(/assets/index-[A-Za-z0-9_-]+\.js)")));
        const auto asset = host_->request("GET", script.str(), "", {{"Accept-Encoding", "gzip"}});
        CPPUNIT_ASSERT_EQUAL(200, asset.status);
        CPPUNIT_ASSERT_EQUAL(std::string("text/javascript; charset=utf-8"), asset.header("content-type"));
        CPPUNIT_ASSERT_EQUAL(std::string("public, max-age=31536000, immutable"), asset.header("cache-control"));
        CPPUNIT_ASSERT_EQUAL(std::string("gzip"), asset.header("content-encoding"));
        const auto again = host_->request("GET", script.str(), "",
                                          {{"Accept-Encoding", "gzip"}, {"If-None-Match", asset.header("etag")}});
        CPPUNIT_ASSERT_EQUAL(304, again.status);
        CPPUNIT_ASSERT_EQUAL(200, host_->request("HEAD", script.str()).status);

        // A deep link reloads the app; a missing script is a plain 404.
        CPPUNIT_ASSERT_EQUAL(plain.body, host_->request("GET", "/board/floor/2", "", {{"Accept", "text/html"}}).body);
        CPPUNIT_ASSERT_EQUAL(404, host_->request("GET", "/assets/missing-0a1b2c3d.js").status);
        // Encoded traversal never leaves the root, nor falls back to the page.
        const auto traversal = host_->request("GET", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "", kPageRequest);
        CPPUNIT_ASSERT_EQUAL(404, traversal.status);
        CPPUNIT_ASSERT(traversal.body.find("root:") == std::string::npos);

        // The API answers exactly as without the dashboard.
        const auto anonymous = host_->request("GET", "/api/nope", "", kPageRequest);
        CPPUNIT_ASSERT_EQUAL(401, anonymous.status);
        const auto login =
            host_->json("POST", "/api/auth/login",
                        std::string(R"({"email":")") + kAdminEmail + R"(","password":")" + kAdminPassword + R"("})");
        const auto token = login.json().extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("accessToken");
        const auto unknown = host_->json("GET", "/api/nope", "", token);
        CPPUNIT_ASSERT_EQUAL(404, unknown.status);
        CPPUNIT_ASSERT(unknown.body.find("Cannot GET /api/nope") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(405, host_->json("PUT", "/api/suites", "{}", token).status);
        CPPUNIT_ASSERT_EQUAL(404,
                             host_->request("POST", "/board", "{}", {{"Content-Type", "application/json"}}).status);
        CPPUNIT_ASSERT_EQUAL(404, host_->request("GET", "/health/nope", "", kPageRequest).status);
        CPPUNIT_ASSERT_EQUAL(200, host_->request("GET", "/health/live").status);
        CPPUNIT_ASSERT_EQUAL(400, host_->request("GET", "/socket.io/").status); // Engine.IO's own answer
    }

    void boardScenariosInHeadlessChromium() {
        CPPUNIT_ASSERT_MESSAGE(std::string(BrowserScript::kChromium) +
                                   " is missing: install Debian's chromium (scripts/deps --test)",
                               Poco::File(BrowserScript::kChromium).exists());
        const std::string shots =
            Poco::Environment::get("MOTEL_DASHBOARD_SCREENSHOTS", BrowserScript::screenshotsDir());
        const std::string options = "{\"baseUrl\":" + quoted("http://127.0.0.1:" + std::to_string(host_->port())) +
                                    ",\"adminEmail\":" + quoted(kAdminEmail) +
                                    ",\"adminPassword\":" + quoted(kAdminPassword) +
                                    ",\"screenshotsDir\":" + quoted(shots) + "}";
        const BrowserRun run = BrowserScript::run(options);
        std::cout << "\n" << run.output << std::flush; // progress and latencies, for the CTest log
        CPPUNIT_ASSERT_MESSAGE(run.output, run.ok());
        CPPUNIT_ASSERT(Poco::File(shots + "/board-desk.png").exists());
        CPPUNIT_ASSERT(Poco::File(shots + "/board-phone.png").exists());
        CPPUNIT_ASSERT(Poco::File(shots + "/board-phone-manager.png").exists());
        CPPUNIT_ASSERT(Poco::File(shots + "/board-suite-history.png").exists());
    }

private:
    std::unique_ptr<HostProcess> host_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(DashboardE2ETest);

} // namespace motel::test
