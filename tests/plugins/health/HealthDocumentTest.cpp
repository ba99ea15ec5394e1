#include "HealthDocument.h"
#include "HealthFakes.h"

#include <Poco/JSON/Stringifier.h>

#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

using namespace motel;
using namespace motel::health;
using motel::health::test::resultOf;

namespace {

std::string text(const Poco::Dynamic::Var& value) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(value, out);
    return out.str();
}

std::vector<std::string> names(const CheckResults& results) {
    std::vector<std::string> result;
    for (const auto& entry : results) result.push_back(entry.first);
    return result;
}

sdk::HealthResult database(double ms) {
    sdk::HealthResult result;
    result.responseTimeMs = ms;
    return result;
}

sdk::HealthResult withDetail(const std::string& key, int value) {
    sdk::HealthResult result;
    result.details = new Poco::JSON::Object;
    result.details->set(key, value);
    return result;
}

} // namespace

class HealthDocumentTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HealthDocumentTest);
    CPPUNIT_TEST(testDocumentedShapeExactly);
    CPPUNIT_TEST(testDocumentedChecksComeFirst);
    CPPUNIT_TEST(testRegisteredWebsocketCheckIsKept);
    CPPUNIT_TEST(testDownCheckRendersDownWithDetails);
    CPPUNIT_TEST_SUITE_END();

public:
    void testDocumentedShapeExactly() {
        const CheckResults arranged =
            HealthDocument::arrange({{"database", database(1.25)}, {"memory", withDetail("heapUsedMB", 12)}});
        const auto document =
            HealthDocument::render(arranged, OverallHealth::healthy, "2026-01-01T09:30:00.000Z", "1.2.3", 42.5);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"status\":\"healthy\",\"timestamp\":\"2026-01-01T09:30:00.000Z\","
                                         "\"version\":\"1.2.3\",\"uptime\":42.5,\"checks\":{"
                                         "\"database\":{\"status\":\"up\",\"responseTime\":1.25},"
                                         "\"websocket\":{\"status\":\"up\",\"details\":{\"connectedUsers\":0}},"
                                         "\"memory\":{\"status\":\"up\",\"details\":{\"heapUsedMB\":12}}}}"),
                             text(document));
    }

    void testDocumentedChecksComeFirst() {
        const CheckResults arranged =
            HealthDocument::arrange({{"http", {}}, {"redis", {}}, {"memory", {}}, {"queue", {}}, {"database", {}}});
        const std::vector<std::string> expected{"database", "websocket", "memory", "http", "redis", "queue"};
        CPPUNIT_ASSERT(expected == names(arranged));
    }

    void testRegisteredWebsocketCheckIsKept() {
        const CheckResults arranged =
            HealthDocument::arrange({{"database", {}}, {"memory", {}}, {"websocket", withDetail("connectedUsers", 7)}});
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), arranged.size());
        CPPUNIT_ASSERT_EQUAL(std::string("websocket"), arranged[1].first);
        CPPUNIT_ASSERT_EQUAL(7, arranged[1].second.details->getValue<int>("connectedUsers"));
    }

    void testDownCheckRendersDownWithDetails() {
        sdk::HealthResult down = resultOf(false, sdk::HealthLevel::critical);
        down.responseTimeMs = 2000;
        down.details = new Poco::JSON::Object;
        down.details->set("error", "no answer within 2000 ms");
        CPPUNIT_ASSERT_EQUAL(
            std::string(
                "{\"status\":\"down\",\"responseTime\":2000,\"details\":{\"error\":\"no answer within 2000 ms\"}}"),
            text(HealthDocument::renderCheck(down)));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HealthDocumentTest);
