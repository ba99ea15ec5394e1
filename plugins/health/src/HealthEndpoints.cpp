#include "HealthEndpoints.h"

#include "HealthDocument.h"

#include <motel/sdk/Errors.h>
#include <motel/sdk/Time.h>

#include <Poco/Timestamp.h>

#include <cmath>
#include <string>
#include <vector>

namespace motel::health {

namespace {

// The answer of a live (and a ready) host, written once: probes come every
// few seconds from every orchestrator and load balancer, and building a JSON
// object per probe cost more than the rest of the request.
const std::string kStatusOkBody = R"({"status":"ok"})";
const std::string kJsonType = "application/json; charset=utf-8";

void answerOk(sdk::Response& response) {
    response.text(200, kJsonType, kStatusOkBody);
    response.setHeader("Cache-Control", "no-store");
}

} // namespace

HealthEndpoints::HealthEndpoints(const sdk::HostInfo& host, sdk::HealthRegistry& checks,
                                 std::shared_ptr<DatabaseProbe> database, std::chrono::milliseconds readyTimeout)
    : host_(host), checks_(checks), database_(std::move(database)), readyTimeout_(readyTimeout) {}

void HealthEndpoints::registerRoutes(sdk::RouteRegistry& routes) {
    auto self = shared_from_this();
    routes.get("/health", sdk::Access::publicRoute(),
               [self](const sdk::Request& request, sdk::Response& response) { self->health(request, response); });
    routes.get("/health/live", sdk::Access::publicRoute(),
               [self](const sdk::Request& request, sdk::Response& response) { self->live(request, response); });
    routes.get("/health/ready", sdk::Access::publicRoute(),
               [self](const sdk::Request& request, sdk::Response& response) { self->ready(request, response); });
}

void HealthEndpoints::live(const sdk::Request&, sdk::Response& response) const {
    answerOk(response);
}

void HealthEndpoints::ready(const sdk::Request&, sdk::Response& response) const {
    std::vector<std::string> notReady;
    if (!host_.allPluginsStarted()) notReady.push_back("plugins are still starting");
    const ProbeOutcome database = database_->probe(readyTimeout_);
    if (!database.up) notReady.push_back("the database does not answer (" + database.problem + ")");
    if (notReady.empty()) {
        answerOk(response);
        return;
    }
    std::string message = "Not ready: ";
    for (std::size_t i = 0; i < notReady.size(); ++i) message += (i ? "; " : "") + notReady[i];
    throw sdk::ServiceUnavailable(message);
}

void HealthEndpoints::health(const sdk::Request&, sdk::Response& response) const {
    const CheckResults results = HealthDocument::arrange(checks_.runAll());
    const OverallHealth overall = HealthStatus::overall(results);
    const double uptimeSeconds =
        std::round(static_cast<double>(Poco::Timestamp() - host_.startedAt()) / 1000.0) / 1000.0;
    response.json(HealthStatus::httpStatus(overall),
                  HealthDocument::render(results, overall, sdk::nowTimestamp(), host_.version(), uptimeSeconds));
    response.setHeader("Cache-Control", "no-store");
}

} // namespace motel::health
