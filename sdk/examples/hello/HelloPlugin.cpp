// The smallest useful plugin: a public route, an authenticated route with a
// validated JSON body, its own migration, a setting, a metric, a health check
// and an event. Everything it touches comes from <motel/sdk/...>.

#include "GreetingBook.h"

#include <motel/sdk/Sdk.h>

#include <memory>

namespace hello {

class HelloPlugin : public motel::sdk::Plugin {
public:
    motel::sdk::PluginInfo info() const override {
        return {"hello", "1.0.0", "Greets people; an example plugin", {}};
    }

    std::vector<motel::sdk::Migration> migrations() const override {
        return {{1, "create hello_greetings",
                 "CREATE TABLE hello_greetings (id {{id}}, name TEXT NOT NULL, greeted_at TEXT NOT NULL)"}};
    }

    void start(motel::sdk::PluginContext& context) override {
        using motel::sdk::Access;
        const std::string greeting = context.config().getString("greeting", "Hello");
        book_ = std::make_unique<GreetingBook>(context.database());
        auto& greeted = context.metrics().counter("hello_greetings_total", "Greetings recorded");
        auto& events = context.events();

        // GET /hello: anyone may ask.
        context.routes().get("/hello", Access::publicRoute(), [greeting](const auto&, motel::sdk::Response& res) {
            Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
            body->set("message", greeting + " from a Motel Manager plugin");
            res.json(200, body);
        });

        // POST /api/hello {"name": "..."}: signed-in staff only; the host has
        // already checked the token and parsed the JSON.
        context.routes().post("/api/hello", Access::authenticated(),
                              [this, &greeted, &events](const motel::sdk::Request& req, motel::sdk::Response& res) {
                                  motel::sdk::BodyReader body(req.jsonObject(), {"name"});
                                  auto name = body.string("name", motel::sdk::Required::yes, true, 100);
                                  body.finish();
                                  auto saved = book_->record(*name);
                                  greeted.increment();
                                  events.publish("hello.greeted", saved);
                                  res.json(201, saved);
                              });

        context.health().add("hello", [this] {
            motel::sdk::HealthResult result;
            result.details = new Poco::JSON::Object;
            result.details->set("greetings", book_->count());
            return result;
        });
        context.logger().information("hello plugin ready, greeting '%s'", greeting);
    }

    void stop() noexcept override { book_.reset(); }

private:
    std::unique_ptr<GreetingBook> book_;
};

} // namespace hello

MOTEL_PLUGIN(hello::HelloPlugin)
