#include "HelloPlugin.h"

#include <motel/plugins/Topics.h>
#include <motel/sdk/Sdk.h>

namespace hello {

using motel::sdk::Access;
using motel::sdk::Request;
using motel::sdk::Response;
namespace topics = motel::plugins::topics;

motel::sdk::PluginInfo HelloPlugin::info() const {
    using motel::sdk::SettingSpec;
    motel::sdk::PluginInfo info{"hello", "2.0.0", "Greets guests; the SDK's example plugin", {"suites", "realtime"}};
    info.settings = {
        SettingSpec::text("greeting", "Hello", "the word GET /hello answers with"),
        SettingSpec::integer("maxNameLength", 100, 1, 1000, "longest name POST /api/hello accepts"),
    };
    info.publishes = {"hello.greeted"};
    return info;
}

std::vector<motel::sdk::Migration> HelloPlugin::migrations() const {
    return {{1, "create hello_greetings",
             "CREATE TABLE hello_greetings (id {{id}}, name TEXT NOT NULL, suite TEXT, greeted_at TEXT NOT NULL)"},
            {2, "create hello_farewells",
             "CREATE TABLE hello_farewells (id {{id}}, suite TEXT NOT NULL, said_at TEXT NOT NULL)"}};
}

void HelloPlugin::start(motel::sdk::PluginContext& context) {
    // The suites plugin is a dependency (info()), so it has started and its
    // directory is there; the lookup checks the interface version.
    suites_ = context.services().require<motel::plugins::suites::SuiteDirectory>();
    book_ = std::make_unique<GreetingBook>(context.database());
    registerRoutes(context);
    registerRealtime(context);

    // A catalogued intent event: the guest left. Subscribers run on the
    // publishing thread after the commit, so keep this short.
    events_ = &context.events();
    farewells_ = events_->subscribe(topics::kSuiteCheckedOut, [book = book_.get()](const motel::sdk::Event& event) {
        const auto suite = event.payload.extract<Poco::JSON::Object::Ptr>();
        book->recordFarewell(suite->getValue<std::string>("number"));
    });

    context.health().add("hello", [book = book_.get()] {
        motel::sdk::HealthResult result;
        result.details = new Poco::JSON::Object;
        result.details->set("greetings", book->greetings());
        return result;
    });
    context.logger().information("hello plugin ready, greeting '%s'", context.config().getString("greeting"));
}

void HelloPlugin::registerRoutes(motel::sdk::PluginContext& context) {
    // Declared defaults are already in config(): no fallbacks repeated here.
    const std::string greeting = context.config().getString("greeting");
    const auto maxName = static_cast<std::size_t>(context.config().getInt("maxNameLength", 0));
    auto& greeted = context.metrics().counter("hello_greetings_total", "Greetings recorded");
    auto& events = context.events();
    auto& database = context.database();

    // GET /hello: anyone may ask. Cheap and non-blocking, so the host may
    // run it on its I/O thread once it proved fast (Routes.h, "Threads").
    context.routes().get("/hello", Access::publicRoute(), [greeting](const Request&, Response& res) {
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("message", greeting + " from a Motel Manager plugin");
        res.json(200, body);
    });

    // POST /api/hello {"name", "suiteId"?}: signed-in staff; the host has
    // checked the token and parsed the JSON. The suite is looked up through
    // the suites plugin's published interface, inside our transaction.
    context.routes().post("/api/hello", Access::authenticated(),
                          [this, maxName, &greeted, &events, &database](const Request& req, Response& res) {
                              motel::sdk::BodyReader body(req.jsonObject(), {"name", "suiteId"});
                              const auto name = body.string("name", motel::sdk::Required::yes, true, maxName);
                              const auto suiteId = body.integer("suiteId", motel::sdk::Required::no);
                              body.finish();
                              Poco::JSON::Object::Ptr saved;
                              database.transaction([&](motel::sdk::SqlSession& session) {
                                  std::optional<std::string> suite;
                                  if (suiteId) {
                                      const auto found = suites_->find(session, *suiteId);
                                      if (!found)
                                          throw motel::sdk::NotFound("Suite " + std::to_string(*suiteId) +
                                                                     " not found");
                                      suite = found->number;
                                  }
                                  saved = book_->recordGreeting(session, *name, suite);
                                  session.afterCommit([&events, saved] { events.publish("hello.greeted", saved); });
                              });
                              greeted.increment();
                              res.json(201, saved);
                          });

    context.routes().get("/api/hello/farewells", Access::authenticated(), [this](const Request&, Response& res) {
        Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
        body->set("farewells", book_->farewells());
        res.json(200, body);
    });
}

void HelloPlugin::registerRealtime(motel::sdk::PluginContext& context) {
    namespace rt = motel::plugins::realtime;
    // One channel named after the plugin: its client events are `hello:*`.
    // The handler runs on the realtime plugin's handler threads (never its
    // I/O threads), so it could use the database like a route does.
    channel_ = context.services().require<rt::RealtimeHub>()->open(context.pluginName());
    const std::string greeting = context.config().getString("greeting");
    const auto maxName = static_cast<std::size_t>(context.config().getInt("maxNameLength", 0));
    rt::RealtimeChannel* channel = channel_.get();
    // Client: socket.timeout(5000).emitWithAck("hello:wave", {name: "Ann"})
    //   -> {"ok":true,"data":{"greeting":"Hello, Ann"}}; then everyone in the
    //   lobby (the sender included) hears hello:waved {"name","by"}.
    channel_->on("wave", Access::authenticated(), [channel, greeting, maxName](const rt::ClientEvent& event) {
        if (event.payload.type() != typeid(Poco::JSON::Object::Ptr))
            throw motel::sdk::ValidationError("payload must be an object");
        motel::sdk::BodyReader body(event.payload.extract<Poco::JSON::Object::Ptr>(), {"name"});
        const auto name = body.string("name", motel::sdk::Required::yes, true, maxName);
        body.finish(); // a bad payload throws ValidationError: the client's ack says 400
        channel->join(rt::Audience::socket(event.socketId), "lobby");
        Poco::JSON::Object::Ptr waved = new Poco::JSON::Object;
        waved->set("name", *name);
        waved->set("by", event.principal.name);
        channel->emit(rt::Audience::room("lobby"), "waved", waved);
        Poco::JSON::Object::Ptr ack = new Poco::JSON::Object;
        ack->set("greeting", greeting + ", " + *name);
        return Poco::Dynamic::Var(ack);
    });
}

void HelloPlugin::stop() noexcept {
    channel_.reset(); // unregisters `hello:wave` and waits for running calls
    if (events_) events_->unsubscribe(farewells_);
    events_ = nullptr;
    book_.reset();
    suites_.reset();
}

} // namespace hello
