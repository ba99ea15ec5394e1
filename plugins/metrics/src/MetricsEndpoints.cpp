#include "MetricsEndpoints.h"

namespace motel::metrics {

MetricsEndpoints::MetricsEndpoints(sdk::MetricsRegistry& registry, MetricsTokenGuard guard)
    : registry_(registry), guard_(std::move(guard)) {}

void MetricsEndpoints::registerRoutes(sdk::RouteRegistry& routes) {
    auto self = shared_from_this();
    routes.get("/metrics", sdk::Access::publicRoute(),
               [self](const sdk::Request& request, sdk::Response& response) { self->json(request, response); });
    routes.get("/metrics/prometheus", sdk::Access::publicRoute(),
               [self](const sdk::Request& request, sdk::Response& response) { self->prometheus(request, response); });
}

void MetricsEndpoints::prometheus(const sdk::Request& request, sdk::Response& response) const {
    guard_.check(request);
    response.text(200, prometheusContentType, registry_.renderPrometheus());
    response.setHeader("Cache-Control", "no-store");
}

void MetricsEndpoints::json(const sdk::Request& request, sdk::Response& response) const {
    guard_.check(request);
    response.json(200, registry_.renderJson());
    response.setHeader("Cache-Control", "no-store");
}

} // namespace motel::metrics
