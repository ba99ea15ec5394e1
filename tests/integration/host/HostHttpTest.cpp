// The HTTP core seen from a client of the real host: envelopes for every
// kind of bad request, and a handler that throws does not take the host down.
#include "FixtureHost.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cppunit/extensions/HelperMacros.h>

using namespace motel::test;

namespace {
Poco::JSON::Object::Ptr object(const HttpResult& r) {
    return r.json().extract<Poco::JSON::Object::Ptr>();
}
} // namespace

class HostHttpTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HostHttpTest);
    CPPUNIT_TEST(throwingHandlerIs500AndHostKeepsServing);
    CPPUNIT_TEST(handlerErrorsUseTheEnvelope);
    CPPUNIT_TEST(unknownPathAndWrongMethod);
    CPPUNIT_TEST(bodyRules);
    CPPUNIT_TEST(idParameters);
    CPPUNIT_TEST(everyResponseHasARequestId);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        HostOptions options = fixtureHost({"fixture_base"}, "");
        options.properties["http.maxBodyBytes"] = "1024";
        host_ = std::make_unique<HostProcess>(options);
    }
    void tearDown() override { host_.reset(); }

    void throwingHandlerIs500AndHostKeepsServing() {
        auto boom = host_->request("GET", "/fixture/fixture_base/boom");
        CPPUNIT_ASSERT_EQUAL(500, boom.status);
        CPPUNIT_ASSERT_EQUAL(500, object(boom)->getValue<int>("statusCode"));
        CPPUNIT_ASSERT_EQUAL(std::string("Internal server error"), object(boom)->getValue<std::string>("message"));
        CPPUNIT_ASSERT(boom.body.find("secret internal detail") == std::string::npos);
        CPPUNIT_ASSERT(host_->waitForLog("secret internal detail"));
        for (int i = 0; i < 5; ++i) CPPUNIT_ASSERT_EQUAL(200, host_->request("GET", "/fixture/fixture_base/ok").status);
    }

    void handlerErrorsUseTheEnvelope() {
        auto conflict = host_->request("GET", "/fixture/fixture_base/conflict");
        CPPUNIT_ASSERT_EQUAL(409, conflict.status);
        CPPUNIT_ASSERT_EQUAL(std::string("application/json; charset=utf-8"), conflict.header("content-type"));
        CPPUNIT_ASSERT_EQUAL(std::string("already there"), object(conflict)->getValue<std::string>("message"));
        CPPUNIT_ASSERT_EQUAL(std::string("Conflict"), object(conflict)->getValue<std::string>("error"));
    }

    void unknownPathAndWrongMethod() {
        auto missing = host_->request("GET", "/fixture/nothing");
        CPPUNIT_ASSERT_EQUAL(404, missing.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Cannot GET /fixture/nothing"),
                             object(missing)->getValue<std::string>("message"));
        auto wrong = host_->request("DELETE", "/fixture/fixture_base/ok");
        CPPUNIT_ASSERT_EQUAL(405, wrong.status);
        CPPUNIT_ASSERT_EQUAL(std::string("GET, HEAD"), wrong.header("allow"));
    }

    void bodyRules() {
        const std::string path = "/fixture/fixture_base/echo";
        auto ok = host_->json("POST", path, R"({"name":"Suite 101","floor":1})");
        CPPUNIT_ASSERT_EQUAL(201, ok.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Suite 101"), object(ok)->getValue<std::string>("name"));
        CPPUNIT_ASSERT_EQUAL(415, host_->request("POST", path, "name=x", {{"Content-Type", "text/plain"}}).status);
        auto malformed = host_->json("POST", path, "{\"name\": ");
        CPPUNIT_ASSERT_EQUAL(400, malformed.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Bad Request"), object(malformed)->getValue<std::string>("error"));
        auto big = host_->json("POST", path, "{\"x\":\"" + std::string(2000, 'a') + "\"}");
        CPPUNIT_ASSERT_EQUAL(413, big.status);
        CPPUNIT_ASSERT_EQUAL(413, object(big)->getValue<int>("statusCode"));
        CPPUNIT_ASSERT_EQUAL(200, host_->request("GET", "/fixture/fixture_base/ok").status);
    }

    void idParameters() {
        auto notNumber = host_->request("GET", "/fixture/fixture_base/items/abc");
        CPPUNIT_ASSERT_EQUAL(400, notNumber.status);
        auto messages = object(notNumber)->getArray("message");
        CPPUNIT_ASSERT_EQUAL(std::string("id must be an integer"), messages->getElement<std::string>(0));
        CPPUNIT_ASSERT_EQUAL(404, host_->request("GET", "/fixture/fixture_base/items/99999999999999999999999").status);
        CPPUNIT_ASSERT_EQUAL(200, host_->request("GET", "/fixture/fixture_base/items/5").status);
    }

    void everyResponseHasARequestId() {
        CPPUNIT_ASSERT(!host_->request("GET", "/fixture/fixture_base/ok").header("x-request-id").empty());
        CPPUNIT_ASSERT(!host_->request("GET", "/nowhere").header("x-request-id").empty());
    }

private:
    std::unique_ptr<HostProcess> host_;
};

CPPUNIT_TEST_SUITE_REGISTRATION(HostHttpTest);
