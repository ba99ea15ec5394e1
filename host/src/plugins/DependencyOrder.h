#pragma once
// Orders plugins so every plugin starts after the plugins it depends on.
// Pure logic, kept apart from loading so it is easy to test.

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace motel::host {

class DependencyError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class DependencyOrder {
public:
    /// `dependencies`: plugin name → the names it depends on. `requested` is
    /// the configured load order, used to break ties so the result is stable.
    /// Throws DependencyError naming the plugin for a dependency that is not
    /// loaded, and naming the whole cycle for a cycle ("a -> b -> a").
    static std::vector<std::string> resolve(const std::vector<std::string>& requested,
                                            const std::map<std::string, std::vector<std::string>>& dependencies);
};

} // namespace motel::host
