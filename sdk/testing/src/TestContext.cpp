#include <motel/sdk/testing/TestContext.h>

#include "plugins/recording/Recorders.h"
#include "db/DatabaseUrl.h"
#include "db/MigrationRunner.h"
#include "db/SqlDatabase.h"
#include "routing/Dispatcher.h"
#include "routing/Router.h"
#include "routing/TrafficWindow.h"
#include "services/InProcessEventBus.h"
#include "services/MemoryCache.h"
#include "services/ServiceDirectory.h"

#include <motel/sdk/Authenticator.h>
#include <motel/sdk/SettingSpec.h>

#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <algorithm>
#include <stdexcept>

namespace motel::sdk::testing {

namespace {

/// Turns the bearer tokens call() invents back into the callers it was given.
class CallerAuthenticator : public Authenticator {
public:
    std::string tokenFor(const Principal& caller) {
        const std::string token = "test-caller-" + std::to_string(callers_.size());
        callers_.emplace(token, caller);
        return token;
    }
    std::optional<Principal> authenticate(const std::string& token) override {
        const auto found = callers_.find(token);
        if (found == callers_.end()) return std::nullopt;
        return found->second;
    }

private:
    std::map<std::string, Principal> callers_;
};

/// The context one started plugin sees: its own name and settings, the
/// shared registries of the TestContext.
class PeerContext : public PluginContext {
public:
    PeerContext(std::string name, Settings config, PluginContext& shared)
        : name_(std::move(name)), config_(std::move(config)), shared_(shared),
          logger_(Poco::Logger::get("motel." + name_)), routes_(nullptr) {}
    void setRoutes(RouteRegistry& routes) { routes_ = &routes; }

    const std::string& pluginName() const override { return name_; }
    const Settings& config() const override { return config_; }
    const HostInfo& host() const override { return shared_.host(); }
    Poco::Logger& logger() override { return logger_; }
    RouteRegistry& routes() override { return *routes_; }
    Database& database() override { return shared_.database(); }
    EventBus& events() override { return shared_.events(); }
    Jobs& jobs() override { return shared_.jobs(); }
    Cache& cache() override { return shared_.cache(); }
    HealthRegistry& health() override { return shared_.health(); }
    MetricsRegistry& metrics() override { return shared_.metrics(); }
    ServiceRegistry& services() override { return shared_.services(); }

private:
    std::string name_;
    Settings config_;
    PluginContext& shared_;
    Poco::Logger& logger_;
    RouteRegistry* routes_;
};

std::string lower(std::string text) {
    return Poco::toLower(text);
}

/// `given` checked as the host checks a plugin's settings before any
/// migration (declared settings, then Plugin::checkSettings), with the
/// declared defaults filled in; sdk::ConfigError listing every problem.
Settings checkedSettings(const Plugin& plugin, const PluginInfo& info, const Settings& given, const HostInfo& host) {
    auto problems = validateSettings(info.settings, given);
    const Settings complete = withDefaults(info.settings, given);
    if (problems.empty())
        for (auto& problem : plugin.checkSettings(complete, host)) problems.push_back(std::move(problem));
    if (!problems.empty()) {
        std::string text = "invalid settings of plugin '" + info.name + "':";
        for (const auto& problem : problems) text += "\n  " + problem;
        throw ConfigError(text);
    }
    return complete;
}

} // namespace

struct TestContext::State {
    explicit State(Options o)
        : options(std::move(o)), settings("plugins." + options.pluginName + ".", options.settings),
          hostInfo(Settings("", options.hostSettings)), logger(Poco::Logger::get("motel." + options.pluginName)),
          bus(Poco::Logger::get("motel.events")), events(bus), cache(10000),
          database(host::DatabaseUrl::parse("sqlite:" + options.databasePath), host::SqlDatabaseOptions{},
                   Poco::Logger::get("motel.db")),
          routes(router, options.pluginName), dispatcher(router, metrics, traffic, cache, host::DispatcherOptions{}),
          authenticator(std::make_shared<CallerAuthenticator>()) {
        dispatcher.setAuthenticator(authenticator);
        dispatcher.setEventBus(&events);
    }

    Options options;
    Settings settings;
    host::RecordingHostInfo hostInfo;
    Poco::Logger& logger;
    host::InProcessEventBus bus;
    host::RecordingEventBus events;
    host::RecordingJobs jobs;
    host::MemoryCache cache;
    host::RecordingHealth health;
    host::RecordingMetrics metrics;
    host::ServiceDirectory services;
    host::SqlDatabase database;
    host::Router router;
    host::PluginRoutes routes;
    host::TrafficWindow traffic;
    host::Dispatcher dispatcher;
    std::shared_ptr<CallerAuthenticator> authenticator;
    std::vector<std::pair<std::string, std::vector<Migration>>> migrated;
    std::vector<std::unique_ptr<PeerContext>> peers;
    std::vector<std::unique_ptr<host::PluginRoutes>> peerRoutes;
    std::vector<Plugin*> started;
};

TestContext::TestContext(std::string pluginName, std::map<std::string, std::string> settings)
    : TestContext(Options{std::move(pluginName), std::move(settings), {}, ":memory:"}) {}

TestContext::TestContext(Options options) : state_(std::make_unique<State>(std::move(options))) {}

TestContext::~TestContext() {
    for (auto it = state_->started.rbegin(); it != state_->started.rend(); ++it) (*it)->stop();
    // Services are plugin objects: drop them while the plugins still exist.
    state_->services.clear();
}

void TestContext::start(Plugin& plugin) {
    const PluginInfo info = plugin.info();
    state_->settings = checkedSettings(plugin, info, state_->settings, host());
    state_->migrated.emplace_back(info.name, plugin.migrations());
    host::MigrationRunner(state_->database, Poco::Logger::get("motel.migrations")).apply(state_->migrated);
    plugin.start(*this);
    state_->started.push_back(&plugin);
}

void TestContext::startOther(Plugin& plugin, std::map<std::string, std::string> settings) {
    const PluginInfo info = plugin.info();
    const Settings checked =
        checkedSettings(plugin, info, Settings("plugins." + info.name + ".", std::move(settings)), host());
    state_->migrated.emplace_back(info.name, plugin.migrations());
    host::MigrationRunner(state_->database, Poco::Logger::get("motel.migrations")).apply(state_->migrated);
    auto peer = std::make_unique<PeerContext>(info.name, checked, *this);
    state_->peerRoutes.push_back(std::make_unique<host::PluginRoutes>(state_->router, info.name));
    peer->setRoutes(*state_->peerRoutes.back());
    plugin.start(*peer);
    state_->peers.push_back(std::move(peer));
    state_->started.push_back(&plugin);
}

CallResult TestContext::call(const std::string& method, const std::string& target,
                             const std::optional<Principal>& caller, const std::string& jsonBody,
                             std::vector<std::pair<std::string, std::string>> headers) {
    Request request;
    request.method = Poco::toUpper(method);
    const Poco::URI uri(target);
    request.path = uri.getPath();
    for (const auto& parameter : uri.getQueryParameters()) request.query.push_back(parameter);
    request.remoteAddress = "127.0.0.1";
    request.headers = std::move(headers);
    if (caller) request.headers.emplace_back("Authorization", "Bearer " + state_->authenticator->tokenFor(*caller));
    if (!jsonBody.empty()) {
        const bool typed = std::any_of(request.headers.begin(), request.headers.end(),
                                       [](const auto& h) { return lower(h.first) == "content-type"; });
        if (!typed) request.headers.emplace_back("Content-Type", "application/json");
        request.body = jsonBody;
    }
    Response response;
    state_->dispatcher.dispatch(request, response);
    return CallResult{response.status, response.headers, response.body};
}

std::vector<PublishedEvent> TestContext::published(const std::string& topic) const {
    std::vector<PublishedEvent> out;
    for (const auto& event : state_->events.published())
        if (topic.empty() || event.topic == topic) out.push_back(PublishedEvent{event.topic, event.payload});
    return out;
}

void TestContext::clearPublished() {
    state_->events.clearPublished();
}

std::vector<std::string> TestContext::routeList() const {
    std::vector<std::string> out;
    for (const auto& route : state_->router.routes()) out.push_back(route.route.method + " " + route.route.path);
    return out;
}

std::vector<std::string> TestContext::jobList() const {
    return state_->jobs.list();
}
void TestContext::runJob(const std::string& name) {
    state_->jobs.run(name);
}
std::size_t TestContext::runQueuedJobs() {
    return state_->jobs.runQueued();
}
std::vector<std::string> TestContext::healthCheckNames() const {
    return state_->health.names();
}
HealthResult TestContext::runHealthCheck(const std::string& name) {
    return state_->health.run(name);
}
double TestContext::metricValue(const std::string& name, const Labels& labels) {
    return state_->metrics.value(name, labels);
}
std::vector<std::string> TestContext::metricNames() const {
    return state_->metrics.names();
}
std::vector<std::string> TestContext::subscriptions() const {
    return state_->events.patterns();
}

const std::string& TestContext::pluginName() const {
    return state_->options.pluginName;
}
const Settings& TestContext::config() const {
    return state_->settings;
}
const HostInfo& TestContext::host() const {
    return state_->hostInfo;
}
Poco::Logger& TestContext::logger() {
    return state_->logger;
}
RouteRegistry& TestContext::routes() {
    return state_->routes;
}
Database& TestContext::database() {
    return state_->database;
}
EventBus& TestContext::events() {
    return state_->events;
}
Jobs& TestContext::jobs() {
    return state_->jobs;
}
Cache& TestContext::cache() {
    return state_->cache;
}
HealthRegistry& TestContext::health() {
    return state_->health;
}
MetricsRegistry& TestContext::metrics() {
    return state_->metrics;
}
ServiceRegistry& TestContext::services() {
    return state_->services;
}

std::string CallResult::header(const std::string& name) const {
    for (const auto& [key, value] : headers)
        if (lower(key) == lower(name)) return value;
    return {};
}

Poco::JSON::Object::Ptr CallResult::json() const {
    return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr CallResult::jsonArray() const {
    return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Array::Ptr>();
}

Poco::JSON::Object::Ptr PublishedEvent::object() const {
    return payload.extract<Poco::JSON::Object::Ptr>();
}

} // namespace motel::sdk::testing
