// The suites and tasks routes and docs/openapi.yaml name the same operations:
// a route added without documentation (or documented but not registered)
// fails here. (The integration suite checks every documented operation of the
// whole API is served.)
#include "SuiteRoutes.h"
#include "TaskRoutes.h"

#include "services/PrometheusMetrics.h"

#include <Poco/Logger.h>
#include <Poco/String.h>

#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <regex>
#include <set>

namespace {

using Operation = std::pair<std::string, std::string>; // method, OpenAPI path

class RecordingRoutes : public motel::sdk::RouteRegistry {
public:
    void add(motel::sdk::Route route) override {
        // `:id` → `{id}`, as OpenAPI writes path parameters.
        operations.emplace(route.method, std::regex_replace(route.path, std::regex(":([A-Za-z]+)"), "{$1}"));
    }
    std::set<Operation> operations;
};

class UnusedDatabase : public motel::sdk::Database {
public:
    motel::sdk::Dialect dialect() const override { return motel::sdk::Dialect::sqlite; }
    void withSession(const std::function<void(motel::sdk::SqlSession&)>&) override {}
    void transaction(const std::function<void(motel::sdk::SqlSession&)>&) override {}
};

class UnusedEvents : public motel::sdk::EventBus {
public:
    void publish(const std::string&, const Poco::Dynamic::Var&) override {}
    SubscriptionId subscribe(const std::string&, Subscriber) override { return 0; }
    void unsubscribe(SubscriptionId) override {}
};

std::set<Operation> documentedDomainOperations() {
    std::ifstream file(std::string(MOTEL_TEST_SOURCE_DIR) + "/docs/openapi.yaml");
    std::set<Operation> operations;
    std::string line, current;
    static const std::regex pathLine(R"(^  (/api/(suites|tasks)[^:]*):\s*$)");
    static const std::regex otherPath(R"(^  /.*:\s*$)");
    static const std::regex methodLine(R"(^    (get|post|patch|put|delete):\s*$)");
    std::smatch match;
    while (std::getline(file, line)) {
        if (std::regex_match(line, match, pathLine))
            current = match[1];
        else if (std::regex_match(line, otherPath))
            current.clear();
        else if (!current.empty() && std::regex_match(line, match, methodLine))
            operations.emplace(Poco::toUpper(std::string(match[1])), current);
    }
    return operations;
}

} // namespace

class RoutesDocumentedTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RoutesDocumentedTest);
    CPPUNIT_TEST(registeredRoutesAreExactlyTheDocumentedOnes);
    CPPUNIT_TEST_SUITE_END();

public:
    void registeredRoutesAreExactlyTheDocumentedOnes() {
        UnusedDatabase database;
        UnusedEvents events;
        motel::host::PrometheusMetrics metrics(Poco::Logger::get("test"));
        motel::suites::SuiteService suites(database, events, metrics.untyped("motel_suites_total", "test"));
        motel::tasks::TaskCounters counters(metrics);
        motel::tasks::TaskService tasks(database, events, suites, counters, false);
        RecordingRoutes routes;
        motel::suites::SuiteRoutes::registerAll(routes, suites);
        motel::tasks::TaskRoutes::registerAll(routes, tasks);

        const auto documented = documentedDomainOperations();
        for (const auto& [method, path] : routes.operations)
            CPPUNIT_ASSERT_MESSAGE(method + " " + path + " is not in docs/openapi.yaml",
                                   documented.count({method, path}));
        for (const auto& [method, path] : documented)
            CPPUNIT_ASSERT_MESSAGE(method + " " + path + " is documented but not registered",
                                   routes.operations.count({method, path}));
        CPPUNIT_ASSERT_EQUAL(std::size_t(16), routes.operations.size());
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RoutesDocumentedTest);
