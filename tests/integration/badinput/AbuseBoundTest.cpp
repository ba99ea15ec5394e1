// What a stranger can do without an account stays small: invented HTTP
// methods and random paths never add metric series; a body with 90,000
// unknown keys gets a small validation reply; every /api answer says
// `Cache-Control: no-store`; a client over the per-address connection cap
// gets a 429 envelope while its other connections keep working.
#include "BadInputFixture.h"
#include "RawHttpClient.h"

#include <Poco/JSON/Array.h>

#include <chrono>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace motel::test {

class AbuseBoundTest : public BadInputFixture {
    CPPUNIT_TEST_SUITE(AbuseBoundTest);
    CPPUNIT_TEST(inventedMethodsAndRandomPathsAddNoMetricSeries);
    CPPUNIT_TEST(aHugeValidationFailureGetsASmallReply);
    CPPUNIT_TEST(apiAnswersAreNeverCached);
    CPPUNIT_TEST(oneAddressCannotHoldEveryConnection);
    CPPUNIT_TEST_SUITE_END();

public:
    std::map<std::string, std::string> hostProperties() override { return {{"http.maxConnectionsPerAddress", "8"}}; }

    void inventedMethodsAndRandomPathsAddNoMetricSeries() {
        // Every kind of request once, so each closed label value exists.
        for (const std::string request : {"BREW /api/suites HTTP/1.1\r\n\r\n", "GET /no/such/path HTTP/1.1\r\n\r\n",
                                          "PROPFIND /x HTTP/1.1\r\n\r\n", "GET /api/nothing HTTP/1.1\r\n\r\n"})
            RawHttpClient::exchange(host_->port(), request);
        prometheus(); // the scrape's own series appear in the next one
        const std::size_t before = seriesCount();
        std::mt19937 random(20);
        for (int i = 0; i < 300; ++i) {
            const std::string n = std::to_string(random());
            const std::string method = "M" + n.substr(0, 6) + "X";
            RawHttpClient::exchange(host_->port(), method + " /api/suites HTTP/1.1\r\n\r\n");
            RawHttpClient::exchange(host_->port(), "GET /random/" + n + " HTTP/1.1\r\n\r\n");
            RawHttpClient::exchange(host_->port(), method + " /p" + n + " HTTP/1.1\r\n\r\n");
            RawHttpClient::exchange(host_->port(),
                                    "GET /api/x" + n + " HTTP/1.1\r\nAuthorization: Bearer " + admin_ + "\r\n\r\n");
        }
        const std::string text = prometheus();
        CPPUNIT_ASSERT_EQUAL_MESSAGE("series were added", before, seriesCount());
        CPPUNIT_ASSERT(text.find("method=\"other\"") != std::string::npos);
        CPPUNIT_ASSERT(text.find("route=\"unmatched\"") != std::string::npos);
        CPPUNIT_ASSERT(text.find("/random/") == std::string::npos);
        CPPUNIT_ASSERT(text.find("BREW") == std::string::npos);
    }

    void aHugeValidationFailureGetsASmallReply() {
        std::string body = R"({"email":"a@b.c","password":"x")";
        for (int i = 0; i < 90000; ++i) body += ",\"k" + std::to_string(i) + "\":1";
        body += "}";
        const auto reply = host_->request("POST", "/api/auth/login", body, {{"Content-Type", "application/json"}});
        expectClientError(reply, "90k unknown keys", 400);
        CPPUNIT_ASSERT_MESSAGE(std::to_string(reply.body.size()) + " bytes", reply.body.size() < 4096);
        const auto messages = reply.object()->getArray("message");
        CPPUNIT_ASSERT_EQUAL(std::size_t(21), messages->size());
        CPPUNIT_ASSERT_EQUAL(std::string("property k0 should not exist"), messages->getElement<std::string>(0));
        CPPUNIT_ASSERT_EQUAL(std::string("and 89980 more problems"), messages->getElement<std::string>(20));
        // A key as long as the body allows is cut in the reply.
        const auto longKey = host_->request(
            "POST", "/api/auth/login", R"({"email":"a@b.c","password":"x",")" + std::string(500000, 'k') + R"(":1})",
            {{"Content-Type", "application/json"}});
        expectClientError(longKey, "a 500 KB key", 400);
        CPPUNIT_ASSERT_MESSAGE(std::to_string(longKey.body.size()) + " bytes", longKey.body.size() < 1024);
        expectHostServes();
    }

    void apiAnswersAreNeverCached() {
        for (const auto& answer : {call("GET", "/api/suites"), call("GET", "/api/auth/me"), call("GET", "/api/nowhere"),
                                   call("GET", "/api/suites/424242"), host_->request("GET", "/api/suites"),
                                   call("POST", "/api/suites", R"({"number":"1","floor":1})")})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(answer.body, std::string("no-store"), answer.header("cache-control"));
    }

    void oneAddressCannotHoldEveryConnection() {
        std::vector<std::unique_ptr<RawHttpClient>> held;
        for (int i = 0; i < 8; ++i) {
            held.push_back(std::make_unique<RawHttpClient>(host_->port()));
            held.back()->send("GET /health/live HTTP/1.1\r\n\r\n");
            CPPUNIT_ASSERT_EQUAL(200, held.back()->readResponse().status);
        }
        RawHttpClient extra(host_->port());
        extra.send("GET /health/live HTTP/1.1\r\n\r\n");
        const auto refused = extra.readResponse();
        CPPUNIT_ASSERT_EQUAL(429, refused.status);
        CPPUNIT_ASSERT(!refused.header("retry-after").empty());
        CPPUNIT_ASSERT_EQUAL(std::string("Too many connections from your address"),
                             refused.object()->getValue<std::string>("message"));
        // The connections the address already holds are served as before.
        held.front()->send("GET /health/live HTTP/1.1\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL(200, held.front()->readResponse().status);
        held.clear();
        for (int i = 0; i < 100; ++i) { // the host sees the closes a moment later
            if (RawHttpClient::exchange(host_->port(), "GET /health/live HTTP/1.1\r\n\r\n").status == 200) return;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        CPPUNIT_FAIL("the address never got its connections back");
    }

private:
    std::string prometheus() const {
        const auto scrape = host_->request("GET", "/metrics/prometheus");
        CPPUNIT_ASSERT_EQUAL(200, scrape.status);
        return scrape.body;
    }

    /// Samples of the HTTP metrics in a scrape.
    std::size_t seriesCount() const {
        std::istringstream lines(prometheus());
        std::string line;
        std::size_t count = 0;
        while (std::getline(lines, line))
            if (line.rfind("http_", 0) == 0) ++count;
        return count;
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AbuseBoundTest);

} // namespace motel::test
