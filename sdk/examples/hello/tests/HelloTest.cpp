// The hello plugin tested with the SDK's test kit: no host, no server, a
// real SQLite database. The suites plugin is replaced by a fake provider of
// its published interface, which is how a plugin tests against another; the
// realtime plugin by the test kit's FakeRealtimeHub.
#include "HelloPlugin.h"

#include <motel/plugins/Topics.h>
#include <motel/sdk/testing/Callers.h>
#include <motel/sdk/testing/FakeRealtimeHub.h>
#include <motel/sdk/testing/TestContext.h>

#include <iostream>
#include <map>

using motel::sdk::testing::FakeRealtimeHub;
using motel::sdk::testing::TestContext;
namespace rt = motel::plugins::realtime;
namespace suites = motel::plugins::suites;

namespace {

int failures = 0;
void check(bool ok, const std::string& what) {
    if (!ok) {
        std::cerr << "FAILED: " << what << std::endl;
        ++failures;
    }
}

/// Provides suites::SuiteDirectory with a fixed set of suites.
class FakeSuites : public motel::sdk::Plugin {
public:
    motel::sdk::PluginInfo info() const override { return {"suites", "0.0.0", "fake suite directory", {}}; }
    void start(motel::sdk::PluginContext& context) override {
        class Directory : public suites::SuiteDirectory {
        public:
            std::optional<suites::Suite> find(motel::sdk::SqlSession&, std::int64_t id) override {
                if (id != 7) return std::nullopt;
                suites::Suite suite;
                suite.id = 7;
                suite.number = "107";
                return suite;
            }
            std::optional<suites::Suite> update(motel::sdk::SqlSession&, std::int64_t, const Decide&,
                                                const suites::ChangeOrigin&) override {
                return std::nullopt;
            }
            void setTaskHooks(std::shared_ptr<suites::SuiteTaskHooks>) override {}
        };
        context.services().publish<suites::SuiteDirectory>(std::make_shared<Directory>());
    }
};

const motel::sdk::Principal guestDesk = motel::sdk::testing::caller(5, "desk@motel.test", "Desk", "staff", {"staff"});

} // namespace

int main() {
    {
        TestContext context("hello", {{"greeting", "Howdy"}});
        FakeSuites fakeSuites;
        hello::HelloPlugin plugin;
        auto realtime = std::make_shared<FakeRealtimeHub>();
        context.services().publish<rt::RealtimeHub>(realtime);
        context.startOther(fakeSuites);
        context.start(plugin);

        const auto hi = context.call("GET", "/hello");
        check(hi.status == 200 && hi.json()->getValue<std::string>("message") == "Howdy from a Motel Manager plugin",
              "GET /hello answers with the configured greeting: " + hi.body);

        check(context.call("POST", "/api/hello", std::nullopt, R"({"name":"Ann"})").status == 401,
              "POST /api/hello needs a signed-in caller");
        const auto unknown = context.call("POST", "/api/hello", guestDesk, R"({"name":"Ann","suiteId":99})");
        check(unknown.status == 404 && unknown.json()->getValue<std::string>("message") == "Suite 99 not found",
              "an unknown suite is a 404: " + unknown.body);
        check(context.published("hello.greeted").empty(), "nothing is published for a refused greeting");

        const auto greeted = context.call("POST", "/api/hello", guestDesk, R"({"name":"Ann","suiteId":7})");
        check(greeted.status == 201 && greeted.json()->getValue<std::string>("suite") == "107",
              "a greeting names the suite: " + greeted.body);
        check(context.published("hello.greeted").size() == 1, "hello.greeted is published after the commit");
        check(context.metricValue("hello_greetings_total") == 1.0, "the metric counts greetings");

        Poco::JSON::Object::Ptr suite = new Poco::JSON::Object;
        suite->set("id", 7);
        suite->set("number", "107");
        context.events().publish(motel::plugins::topics::kSuiteCheckedOut, suite);
        const auto farewells = context.call("GET", "/api/hello/farewells", guestDesk);
        check(farewells.json()->getValue<int>("farewells") == 1, "a check-out is recorded: " + farewells.body);
        check(context.runHealthCheck("hello").up, "the health check answers");

        // The realtime handler: `hello:wave` acks a greeting, puts the
        // caller's socket in the lobby and tells the lobby.
        Poco::JSON::Object::Ptr wave = new Poco::JSON::Object;
        wave->set("name", "Ann");
        const auto ack = realtime->call("hello:wave", guestDesk, wave, "socket-1");
        check(ack.ok && ack.data.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("greeting") == "Howdy, Ann",
              "hello:wave acks with the greeting");
        const auto joins = realtime->roomChanges();
        check(joins.size() == 1 && joins[0].join && joins[0].room == "lobby" && joins[0].who.name == "socket-1",
              "the waving socket joins the lobby");
        const auto emits = realtime->emits();
        check(emits.size() == 1 && emits[0].event == "hello:waved" && emits[0].to.name == "lobby" &&
                  emits[0].payload.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("by") == "Desk",
              "the lobby hears hello:waved");
        const auto bad = realtime->call("hello:wave", guestDesk, Poco::Dynamic::Var("Ann"));
        check(!bad.ok && bad.statusCode == 400 && realtime->emits().size() == 1,
              "a payload that is not an object is a 400 ack and emits nothing");
        plugin.stop(); // the context stops it again at the end: stop() is idempotent
        check(!realtime->isOpen("hello"), "stop() closes the channel");
    }
    {
        TestContext context("hello", {{"maxNameLength", "0"}});
        FakeSuites fakeSuites;
        hello::HelloPlugin plugin;
        context.startOther(fakeSuites);
        bool refused = false;
        try {
            context.start(plugin);
        } catch (const motel::sdk::ConfigError& e) {
            refused = std::string(e.what()).find("plugins.hello.maxNameLength='0'") != std::string::npos;
        }
        check(refused, "a declared setting out of bounds is refused before start");
    }
    if (failures == 0) std::cout << "hello_tests: all passed" << std::endl;
    return failures == 0 ? 0 : 1;
}
