#include "routing/Router.h"

#include <cppunit/extensions/HelperMacros.h>

using motel::host::RouteMatch;
using motel::host::Router;
using motel::sdk::Access;

namespace {
motel::sdk::Route route(const std::string& method, const std::string& path) {
    return {method, path, Access::publicRoute(), [](const auto&, auto&) {}};
}
} // namespace

class RouterTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RouterTest);
    CPPUNIT_TEST(bindsPathParameters);
    CPPUNIT_TEST(literalSegmentsBeatParameters);
    CPPUNIT_TEST(unknownPathIsNotFound);
    CPPUNIT_TEST(otherMethodListsAllowed);
    CPPUNIT_TEST(headFollowsGet);
    CPPUNIT_TEST(trailingSlashIsIgnored);
    CPPUNIT_TEST(duplicatesAndLateRoutesAreRefused);
    CPPUNIT_TEST(catchAllBindsTheRestOfThePath);
    CPPUNIT_TEST(everyOtherRouteBeatsACatchAll);
    CPPUNIT_TEST(catchAllLeavesOtherNamespacesAlone);
    CPPUNIT_TEST(catchAllNeverAnswersWithMethodNotAllowed);
    CPPUNIT_TEST(longerCatchAllPrefixWins);
    CPPUNIT_TEST(malformedCatchAllsAreRefused);
    CPPUNIT_TEST(literalRoutesMatchWhateverWayThePathIsWritten);
    CPPUNIT_TEST(literalRouteOfAnotherMethodStillGivesMethodNotAllowed);
    CPPUNIT_TEST(rootRouteIsALiteral);
    CPPUNIT_TEST_SUITE_END();

public:
    void bindsPathParameters() {
        Router router;
        router.add(route("POST", "/api/tasks/:id/start"), "tasks");
        auto m = router.match("POST", "/api/tasks/17/start");
        CPPUNIT_ASSERT(m.kind == RouteMatch::Kind::found);
        CPPUNIT_ASSERT_EQUAL(std::string("17"), m.params.at("id"));
        CPPUNIT_ASSERT_EQUAL(std::string("tasks"), m.route->owner);
    }

    void literalSegmentsBeatParameters() {
        Router router;
        router.add(route("GET", "/api/suites/:id"), "suites");
        router.add(route("GET", "/api/suites/stats"), "suites");
        CPPUNIT_ASSERT_EQUAL(std::string("/api/suites/stats"),
                             router.match("GET", "/api/suites/stats").route->route.path);
        CPPUNIT_ASSERT_EQUAL(std::string("/api/suites/:id"), router.match("GET", "/api/suites/5").route->route.path);
    }

    void unknownPathIsNotFound() {
        Router router;
        router.add(route("GET", "/api/suites"), "suites");
        CPPUNIT_ASSERT(router.match("GET", "/api/rooms").kind == RouteMatch::Kind::notFound);
        CPPUNIT_ASSERT(router.match("GET", "/api/suites/1/2").kind == RouteMatch::Kind::notFound);
    }

    void otherMethodListsAllowed() {
        Router router;
        router.add(route("GET", "/api/suites/:id"), "suites");
        router.add(route("PATCH", "/api/suites/:id"), "suites");
        auto m = router.match("PUT", "/api/suites/3");
        CPPUNIT_ASSERT(m.kind == RouteMatch::Kind::methodNotAllowed);
        CPPUNIT_ASSERT((m.allowedMethods == std::vector<std::string>{"GET", "HEAD", "PATCH"}));
    }

    void headFollowsGet() {
        Router router;
        router.add(route("GET", "/health/live"), "health");
        CPPUNIT_ASSERT(router.match("HEAD", "/health/live").kind == RouteMatch::Kind::found);
    }

    void trailingSlashIsIgnored() {
        Router router;
        router.add(route("GET", "/api/suites"), "suites");
        CPPUNIT_ASSERT(router.match("GET", "/api/suites/").kind == RouteMatch::Kind::found);
    }

    void duplicatesAndLateRoutesAreRefused() {
        Router router;
        router.add(route("GET", "/api/suites/:id"), "suites");
        CPPUNIT_ASSERT_THROW(router.add(route("GET", "/api/suites/:key"), "other"), std::logic_error);
        CPPUNIT_ASSERT_THROW(router.add(route("BREW", "/coffee"), "other"), std::logic_error);
        CPPUNIT_ASSERT_THROW(router.add(route("GET", "no-slash"), "other"), std::logic_error);
        router.freeze();
        CPPUNIT_ASSERT_THROW(router.add(route("GET", "/late"), "other"), std::logic_error);
    }

    void catchAllBindsTheRestOfThePath() {
        Router router;
        router.add(route("GET", "/*path"), "dashboard");
        auto m = router.match("GET", "/assets/index-3f2a.js");
        CPPUNIT_ASSERT(m.kind == RouteMatch::Kind::found);
        CPPUNIT_ASSERT_EQUAL(std::string("assets/index-3f2a.js"), m.params.at("path"));
        auto root = router.match("HEAD", "/");
        CPPUNIT_ASSERT(root.kind == RouteMatch::Kind::found);
        CPPUNIT_ASSERT_EQUAL(std::string(""), root.params.at("path"));
    }

    void everyOtherRouteBeatsACatchAll() {
        Router router;
        router.add(route("GET", "/*path"), "dashboard");
        router.add(route("GET", "/:page"), "pages");
        router.add(route("GET", "/health/live"), "health");
        CPPUNIT_ASSERT_EQUAL(std::string("/:page"), router.match("GET", "/board").route->route.path);
        CPPUNIT_ASSERT_EQUAL(std::string("/health/live"), router.match("GET", "/health/live").route->route.path);
        CPPUNIT_ASSERT_EQUAL(std::string("/*path"), router.match("GET", "/board/floor/2").route->route.path);
    }

    void catchAllLeavesOtherNamespacesAlone() {
        // /api/nope must stay the API's 404 (after its 401), never the board's page.
        Router router;
        router.add(route("GET", "/*path"), "dashboard");
        router.add(route("GET", "/api/suites"), "suites");
        router.add(route("GET", "/socket.io"), "realtime");
        CPPUNIT_ASSERT(router.match("GET", "/api/nope").kind == RouteMatch::Kind::notFound);
        CPPUNIT_ASSERT(router.match("GET", "/api").kind == RouteMatch::Kind::notFound);
        CPPUNIT_ASSERT(router.match("GET", "/socket.io/x").kind == RouteMatch::Kind::notFound);
        CPPUNIT_ASSERT(router.match("GET", "/apis").kind == RouteMatch::Kind::found);
        CPPUNIT_ASSERT(router.match("GET", "/tasks/api").kind == RouteMatch::Kind::found);
    }

    void catchAllNeverAnswersWithMethodNotAllowed() {
        Router router;
        router.add(route("GET", "/*path"), "dashboard");
        router.add(route("GET", "/api/suites"), "suites");
        CPPUNIT_ASSERT(router.match("POST", "/board").kind == RouteMatch::Kind::notFound);
        auto m = router.match("POST", "/api/suites");
        CPPUNIT_ASSERT(m.kind == RouteMatch::Kind::methodNotAllowed);
        CPPUNIT_ASSERT((m.allowedMethods == std::vector<std::string>{"GET", "HEAD"}));
    }

    void longerCatchAllPrefixWins() {
        Router router;
        router.add(route("GET", "/*path"), "dashboard");
        router.add(route("GET", "/docs/*page"), "docs");
        auto m = router.match("GET", "/docs/guide/start");
        CPPUNIT_ASSERT_EQUAL(std::string("docs"), m.route->owner);
        CPPUNIT_ASSERT_EQUAL(std::string("guide/start"), m.params.at("page"));
        CPPUNIT_ASSERT_EQUAL(std::string("docs"), router.match("GET", "/docs").route->owner);
        CPPUNIT_ASSERT_EQUAL(std::string("dashboard"), router.match("GET", "/doc").route->owner);
    }

    void malformedCatchAllsAreRefused() {
        Router router;
        router.add(route("GET", "/*path"), "dashboard");
        CPPUNIT_ASSERT_THROW(router.add(route("GET", "/*rest"), "other"), std::logic_error);
        CPPUNIT_ASSERT_THROW(router.add(route("GET", "/files/*path/more"), "other"), std::logic_error);
        CPPUNIT_ASSERT_THROW(router.add(route("GET", "/files/*"), "other"), std::logic_error);
    }

    // Routes without parameters are found by one lookup of the path; a path
    // written with empty segments takes the walk and must end the same way.
    void literalRoutesMatchWhateverWayThePathIsWritten() {
        Router router;
        router.add(route("GET", "/api/tasks/:id"), "tasks");
        router.add(route("GET", "/api/tasks/mine"), "tasks");
        for (const char* path : {"/api/tasks/mine", "/api/tasks/mine/", "//api//tasks/mine", "/api/tasks//mine"}) {
            const auto m = router.match("GET", path);
            CPPUNIT_ASSERT_MESSAGE(path, m.kind == RouteMatch::Kind::found);
            CPPUNIT_ASSERT_EQUAL(std::string("/api/tasks/mine"), m.route->route.path);
            CPPUNIT_ASSERT(m.params.empty());
        }
        CPPUNIT_ASSERT_EQUAL(std::string("/api/tasks/:id"), router.match("HEAD", "/api/tasks/7").route->route.path);
        CPPUNIT_ASSERT_EQUAL(std::string("/api/tasks/mine"), router.match("HEAD", "/api/tasks/mine").route->route.path);
    }

    void literalRouteOfAnotherMethodStillGivesMethodNotAllowed() {
        Router router;
        router.add(route("POST", "/api/tasks"), "tasks");
        router.add(route("GET", "/api/tasks"), "tasks");
        router.add(route("DELETE", "/api/tasks/:id"), "tasks");
        const auto m = router.match("PUT", "/api/tasks");
        CPPUNIT_ASSERT(m.kind == RouteMatch::Kind::methodNotAllowed);
        CPPUNIT_ASSERT((m.allowedMethods == std::vector<std::string>{"GET", "HEAD", "POST"}));
        const auto byId = router.match("PATCH", "/api/tasks/3");
        CPPUNIT_ASSERT((byId.allowedMethods == std::vector<std::string>{"DELETE"}));
    }

    void rootRouteIsALiteral() {
        Router router;
        router.add(route("GET", "/*path"), "dashboard");
        router.add(route("GET", "/"), "home");
        CPPUNIT_ASSERT_EQUAL(std::string("home"), router.match("GET", "/").route->owner);
        CPPUNIT_ASSERT_EQUAL(std::string("dashboard"), router.match("GET", "/board").route->owner);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RouterTest);
