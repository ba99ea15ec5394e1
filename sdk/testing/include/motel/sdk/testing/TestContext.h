#pragma once
/// Motel::sdk_testing: unit test a plugin's routes, jobs and event handlers
/// without a running host. A TestContext is a real sdk::PluginContext with
/// in-memory registries (routes, events, jobs, cache, health checks,
/// metrics, services) and a real SQLite database (in memory unless a file is
/// named), built from the host's own router, error envelopes, event bus,
/// migration runner and SQLite layer, so a handler behaves as it will in the
/// host: same JSON body checks, same 401/403, same error envelopes, same SQL.
///
///   motel::sdk::testing::TestContext context("hello", {{"maxGreetings", "3"}});
///   HelloPlugin plugin;
///   context.start(plugin);                      // settings check, migrations, start()
///   auto created = context.call("POST", "/api/greetings", caller, R"({"text":"hi"})");
///   CPPUNIT_ASSERT_EQUAL(201, created.status);
///   context.runJob("hello.purge");
///   CPPUNIT_ASSERT_EQUAL(std::size_t(1), context.published("greeting.created").size());
///
/// Differences from a host, on purpose: scheduled jobs never run by
/// themselves (runJob(), runQueuedJobs()), event delivery is synchronous as
/// in the host, health checks run one after another, and there is no HTTP
/// server (call() dispatches the request straight to the router). Not
/// thread-safe: drive it from the test's thread.

#include <motel/sdk/Plugin.h>
#include <motel/sdk/PluginContext.h>
#include <motel/sdk/Principal.h>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace motel::sdk::testing {

/// What call() answered.
struct CallResult {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    /// Case-insensitive; empty when absent.
    std::string header(const std::string& name) const;
    /// The body parsed as a JSON object / array (throws when it is not one).
    Poco::JSON::Object::Ptr json() const;
    Poco::JSON::Array::Ptr jsonArray() const;
};

struct PublishedEvent {
    std::string topic;
    Poco::Dynamic::Var payload;
    /// The payload as the object the standard topics carry.
    Poco::JSON::Object::Ptr object() const;
};

class TestContext : public PluginContext {
public:
    struct Options {
        std::string pluginName;
        std::map<std::string, std::string> settings;     ///< the plugin's keys, prefix stripped
        std::map<std::string, std::string> hostSettings; ///< e.g. motel.env, redis.url
        std::string databasePath = ":memory:";           ///< or a SQLite file
    };

    explicit TestContext(std::string pluginName, std::map<std::string, std::string> settings = {});
    explicit TestContext(Options options);
    /// Stops the started plugins in reverse order.
    ~TestContext() override;
    TestContext(const TestContext&) = delete;
    TestContext& operator=(const TestContext&) = delete;

    // ---- driving plugins ---------------------------------------------------
    /// Checks `plugin`'s declared settings (throws sdk::ConfigError listing
    /// every problem), applies its migrations and calls start(). Start the
    /// plugins it depends on first, in the same context, with startOther().
    void start(Plugin& plugin);
    /// A dependency of the plugin under test (e.g. a fake provider of a
    /// published interface), started in this context with `settings`.
    void startOther(Plugin& plugin, std::map<std::string, std::string> settings = {});

    /// Dispatches a request the way the host does: routing (404/405),
    /// access (401 without `caller` on a protected route, 403 for a role the
    /// caller lacks), JSON body checks (415/400), then the handler; thrown
    /// sdk::HttpError become the API's error envelope. `target` may carry a
    /// query string. Headers are added to the request as given.
    CallResult call(const std::string& method, const std::string& target,
                    const std::optional<Principal>& caller = std::nullopt, const std::string& jsonBody = "",
                    std::vector<std::pair<std::string, std::string>> headers = {});

    // ---- what the plugin did -------------------------------------------------
    /// Every event published so far, oldest first (any topic, or one topic).
    std::vector<PublishedEvent> published(const std::string& topic = "") const;
    void clearPublished();
    /// "GET /api/things/:id", in registration order.
    std::vector<std::string> routeList() const;
    /// Scheduled jobs ("name every 60000ms", "name cron 0 8 * * *") and queue handlers ("queue <name>").
    std::vector<std::string> jobList() const;
    /// Runs the scheduled job `name` once, now, on this thread. Throws
    /// std::out_of_range when no such job was scheduled.
    void runJob(const std::string& name);
    /// Runs queued jobs (and any they enqueue) until none are left; returns
    /// how many ran. A job that throws is retried up to its maxAttempts,
    /// then dropped (as the dead-letter list would take it).
    std::size_t runQueuedJobs();
    std::vector<std::string> healthCheckNames() const;
    HealthResult runHealthCheck(const std::string& name);
    /// The current value of a metric series (a histogram: the sum of its
    /// observations; 0 when absent); onScrape hooks run first.
    double metricValue(const std::string& name, const Labels& labels = {});
    std::vector<std::string> metricNames() const;
    /// The patterns this context's plugins subscribed to, in order.
    std::vector<std::string> subscriptions() const;

    // ---- sdk::PluginContext --------------------------------------------------
    const std::string& pluginName() const override;
    const Settings& config() const override;
    const HostInfo& host() const override;
    Poco::Logger& logger() override;
    RouteRegistry& routes() override;
    Database& database() override;
    EventBus& events() override;
    Jobs& jobs() override;
    Cache& cache() override;
    HealthRegistry& health() override;
    MetricsRegistry& metrics() override;
    ServiceRegistry& services() override;

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace motel::sdk::testing
