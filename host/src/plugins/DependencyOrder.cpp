#include "plugins/DependencyOrder.h"

#include <algorithm>
#include <functional>
#include <set>

namespace motel::host {

std::vector<std::string> DependencyOrder::resolve(const std::vector<std::string>& requested,
                                                  const std::map<std::string, std::vector<std::string>>& dependencies) {
    for (const auto& name : requested) {
        auto it = dependencies.find(name);
        if (it == dependencies.end()) continue;
        for (const auto& dep : it->second)
            if (std::find(requested.begin(), requested.end(), dep) == requested.end())
                throw DependencyError("plugin '" + name + "' depends on '" + dep + "', which is not in plugins.load");
    }

    std::vector<std::string> order;
    std::set<std::string> done;
    std::vector<std::string> path; // the current depth-first chain, for cycle messages

    std::function<void(const std::string&)> visit = [&](const std::string& name) {
        if (done.count(name)) return;
        auto onPath = std::find(path.begin(), path.end(), name);
        if (onPath != path.end()) {
            std::string cycle;
            for (auto it = onPath; it != path.end(); ++it) cycle += *it + " -> ";
            throw DependencyError("plugin '" + name + "' is part of a dependency cycle: " + cycle + name);
        }
        path.push_back(name);
        auto it = dependencies.find(name);
        if (it != dependencies.end())
            for (const auto& dep : it->second) visit(dep);
        path.pop_back();
        done.insert(name);
        order.push_back(name);
    };
    for (const auto& name : requested) visit(name);
    return order;
}

} // namespace motel::host
