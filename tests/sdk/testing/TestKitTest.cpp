// Motel::sdk_testing: a plugin's routes, jobs, events, health checks,
// metrics, settings and published-interface lookups, tested without a host.
#include <motel/sdk/testing/Callers.h>
#include <motel/plugins/Topics.h>
#include <motel/plugins/auth/Roles.h>
#include <motel/sdk/Sdk.h>
#include <motel/sdk/testing/TestContext.h>

#include <cppunit/extensions/HelperMacros.h>

using motel::sdk::Access;
using motel::sdk::Principal;
using motel::sdk::testing::TestContext;
namespace sdk = motel::sdk;

namespace {

/// A published interface of a made-up plugin, and its provider.
class Counter {
public:
    static constexpr const char* kServiceName = "counter.service";
    static constexpr sdk::InterfaceVersion kVersion{1, 0};
    virtual ~Counter() = default;
    virtual int next() = 0;
};

class CounterPlugin : public sdk::Plugin {
public:
    sdk::PluginInfo info() const override { return {"counter", "1.0.0", "", {}}; }
    void start(sdk::PluginContext& context) override {
        struct Impl : Counter {
            int value = 0;
            int next() override { return ++value; }
        };
        context.services().publish<Counter>(std::make_shared<Impl>());
    }
};

/// The plugin under test: notes, created by managers, counted, purged by a job.
class NotesPlugin : public sdk::Plugin {
public:
    sdk::PluginInfo info() const override {
        sdk::PluginInfo info{"notes", "1.0.0", "notes", {"counter"}};
        info.settings = {sdk::SettingSpec::integer("maxLength", 20, 1, 1000, "longest note")};
        info.publishes = {"note.created"};
        return info;
    }
    std::vector<sdk::Migration> migrations() const override {
        return {{1, "notes", "CREATE TABLE notes (id {{id}}, text TEXT NOT NULL, ticket INTEGER NOT NULL)"}};
    }
    void start(sdk::PluginContext& context) override {
        auto counter = context.services().require<Counter>();
        const auto maxLength = static_cast<std::size_t>(context.config().getInt("maxLength", 0));
        auto& database = context.database();
        auto& events = context.events();
        auto& created = context.metrics().counter("notes_created_total", "notes created");
        context.routes().post("/api/notes", Access::anyRole({motel::plugins::auth::kManagerRole}),
                              [&, counter, maxLength](const sdk::Request& request, sdk::Response& response) {
                                  sdk::BodyReader body(request.jsonObject(), {"text"});
                                  const auto text = body.string("text", sdk::Required::yes);
                                  body.finish();
                                  if (text->size() > maxLength)
                                      throw sdk::ValidationError("text is longer than " + std::to_string(maxLength));
                                  Poco::JSON::Object::Ptr note = new Poco::JSON::Object;
                                  database.transaction([&](sdk::SqlSession& session) {
                                      const auto rows =
                                          session.query("INSERT INTO notes (text, ticket) VALUES ($1, $2) RETURNING id",
                                                        {*text, static_cast<Poco::Int64>(counter->next())});
                                      note->set("id", rows.front().integer("id"));
                                      note->set("text", *text);
                                      session.afterCommit([&events, note] { events.publish("note.created", note); });
                                  });
                                  created.increment();
                                  response.json(201, note);
                              });
        context.jobs().every("notes.purge", std::chrono::hours(1), [&database] {
            database.withSession([](sdk::SqlSession& session) { session.execute("DELETE FROM notes"); });
        });
        context.events().subscribe(motel::plugins::topics::kSuiteCheckedOut,
                                   [this](const sdk::Event&) { ++checkOutsSeen; });
        context.health().add("notes", [] { return sdk::HealthResult{}; });
    }
    int checkOutsSeen = 0;
};

Principal manager() {
    return motel::sdk::testing::caller(2, "m@motel.test", "M", "manager", {"manager", "staff"});
}
Principal staff() {
    return motel::sdk::testing::caller(3, "s@motel.test", "S", "staff", {"staff"});
}

} // namespace

class TestKitTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TestKitTest);
    CPPUNIT_TEST(routesRunAsInTheHost);
    CPPUNIT_TEST(jobsEventsChecksAndMetrics);
    CPPUNIT_TEST(declaredSettingsAreCheckedAndDefaulted);
    CPPUNIT_TEST(aMissingProviderIsNamed);
    CPPUNIT_TEST_SUITE_END();

public:
    void routesRunAsInTheHost() {
        TestContext context("notes");
        CounterPlugin counter;
        NotesPlugin notes;
        context.startOther(counter);
        context.start(notes);
        CPPUNIT_ASSERT_EQUAL(401, context.call("POST", "/api/notes", std::nullopt, R"({"text":"hi"})").status);
        CPPUNIT_ASSERT_EQUAL(403, context.call("POST", "/api/notes", staff(), R"({"text":"hi"})").status);
        const auto created = context.call("POST", "/api/notes", manager(), R"({"text":"hi"})");
        CPPUNIT_ASSERT_EQUAL(201, created.status);
        CPPUNIT_ASSERT_EQUAL(std::string("hi"), created.json()->getValue<std::string>("text"));
        const auto invalid = context.call("POST", "/api/notes", manager(), R"({"text":"hi","extra":1})");
        CPPUNIT_ASSERT_EQUAL(400, invalid.status);
        CPPUNIT_ASSERT(invalid.body.find("property extra should not exist") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(404, context.call("GET", "/api/nothing", manager()).status);
        CPPUNIT_ASSERT_EQUAL(std::string("POST /api/notes"), context.routeList().front());
    }

    void jobsEventsChecksAndMetrics() {
        TestContext context("notes");
        CounterPlugin counter;
        NotesPlugin notes;
        context.startOther(counter);
        context.start(notes);
        context.call("POST", "/api/notes", manager(), R"({"text":"one"})");
        context.call("POST", "/api/notes", manager(), R"({"text":"two"})");
        const auto published = context.published("note.created");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), published.size());
        CPPUNIT_ASSERT_EQUAL(std::string("two"), published[1].object()->getValue<std::string>("text"));
        CPPUNIT_ASSERT_EQUAL(2.0, context.metricValue("notes_created_total"));
        CPPUNIT_ASSERT(context.runHealthCheck("notes").up);

        context.events().publish(motel::plugins::topics::kSuiteCheckedOut,
                                 Poco::JSON::Object::Ptr(new Poco::JSON::Object));
        CPPUNIT_ASSERT_EQUAL(1, notes.checkOutsSeen);

        context.runJob("notes.purge");
        std::int64_t left = -1;
        context.database().withSession([&](sdk::SqlSession& session) {
            left = session.query("SELECT COUNT(*) AS n FROM notes").front().integer("n");
        });
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), left);
        CPPUNIT_ASSERT_EQUAL(std::string("notes.purge every 3600000ms"), context.jobList().front());
    }

    void declaredSettingsAreCheckedAndDefaulted() {
        TestContext bad("notes", {{"maxLength", "0"}});
        CounterPlugin counter;
        NotesPlugin notes;
        bad.startOther(counter);
        CPPUNIT_ASSERT_THROW(bad.start(notes), sdk::ConfigError);

        TestContext context("notes");
        CounterPlugin counter2;
        NotesPlugin notes2;
        context.startOther(counter2);
        context.start(notes2);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(20), context.config().getInt("maxLength", 0));
        CPPUNIT_ASSERT_EQUAL(
            400, context.call("POST", "/api/notes", manager(), R"({"text":"this note is far too long"})").status);
    }

    void aMissingProviderIsNamed() {
        TestContext context("notes");
        NotesPlugin notes;
        try {
            context.start(notes);
            CPPUNIT_FAIL("started without its provider");
        } catch (const sdk::ServiceMissing& e) {
            CPPUNIT_ASSERT(std::string(e.what()).find("counter.service") != std::string::npos);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TestKitTest);
