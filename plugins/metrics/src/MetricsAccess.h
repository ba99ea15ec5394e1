#pragma once
/// Who may read `/metrics*`, decided once at start from
/// `plugins.metrics.token`, `plugins.metrics.public` and `motel.env`:
///
///   token set                         bearer token required (any env);
///                                     `public=true` beside it is refused
///   public=true                       public (a warning in production)
///   public=false                      closed: 403 to everyone
///   neither, development              public, as the contract's default
///   neither, production               closed, with a warning at start naming
///                                     both settings: figures about traffic,
///                                     routes and users are not for strangers,
///                                     so production never makes them public
///                                     by default.

#include "MetricsTokenGuard.h"

#include <motel/sdk/Settings.h>

#include <string>

namespace motel::metrics {

struct MetricsAccess {
    MetricsTokenGuard guard;
    std::string logMessage; ///< what to say at start
    bool warn = false;      ///< say it as a warning

    /// `config` is the plugin's settings (`plugins.metrics.*`). Throws
    /// sdk::ConfigError for a token together with `public=true`.
    static MetricsAccess decide(const sdk::Settings& config, bool production);
};

} // namespace motel::metrics
