#pragma once
/// Health checks. Any plugin may register one; the `health` plugin runs them
/// all for `GET /health`, each bounded by its timeout (a check that does not
/// answer in time counts as down and critical, so a hung dependency makes
/// `/health` answer `unhealthy` instead of hanging).

#include <Poco/JSON/Object.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace motel::sdk {

enum class HealthLevel { ok, warning, critical };

struct HealthResult {
    bool up = true; ///< rendered as "up" / "down"
    HealthLevel level = HealthLevel::ok;
    std::optional<double> responseTimeMs; ///< rendered as `responseTime` when set
    Poco::JSON::Object::Ptr details;      ///< rendered as `details` when set

    /// A failed check: down at `level`, `details` = {"error": error}. Inline:
    /// the struct's layout and the library's ABI are unchanged.
    static HealthResult down(const std::string& error, HealthLevel level = HealthLevel::critical) {
        HealthResult result;
        result.up = false;
        result.level = level;
        result.details = new Poco::JSON::Object;
        result.details->set("error", error);
        return result;
    }
};

class HealthRegistry {
public:
    using Check = std::function<HealthResult()>;

    virtual ~HealthRegistry() = default;
    /// Register `check` under `name` (the key in `/health`'s `checks`).
    /// A later registration under the same name replaces the earlier one.
    virtual void add(const std::string& name, Check check,
                     std::chrono::milliseconds timeout = std::chrono::milliseconds(2000)) = 0;
    /// Run every check concurrently, each bounded by its timeout; results in
    /// registration order.
    virtual std::vector<std::pair<std::string, HealthResult>> runAll() = 0;
};

} // namespace motel::sdk
