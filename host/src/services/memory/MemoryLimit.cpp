#include "services/memory/MemoryLimit.h"

#include "services/memory/SmallFile.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace motel::host {

namespace {

std::string trim(const std::string& text) {
    const auto first = std::find_if_not(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
    const auto last = std::find_if_not(text.rbegin(), text.rend(), [](unsigned char c) { return std::isspace(c); });
    return first < last.base() ? std::string(first, last.base()) : std::string();
}

/// The lines of /proc/self/cgroup as (controllers, path): "4:memory:/a" → ("memory", "/a").
std::vector<std::pair<std::string, std::string>> cgroupLines(const std::string& procSelfCgroup) {
    std::vector<std::pair<std::string, std::string>> lines;
    std::istringstream in(procSelfCgroup);
    std::string line;
    while (std::getline(in, line)) {
        const auto firstColon = line.find(':');
        if (firstColon == std::string::npos) continue;
        const auto secondColon = line.find(':', firstColon + 1);
        if (secondColon == std::string::npos) continue;
        lines.emplace_back(line.substr(firstColon + 1, secondColon - firstColon - 1),
                           trim(line.substr(secondColon + 1)));
    }
    return lines;
}

} // namespace

MemoryLimit::MemoryLimit(std::string procRoot, std::string cgroupRoot)
    : procRoot_(std::move(procRoot)), cgroupRoot_(std::move(cgroupRoot)) {}

std::uint64_t MemoryLimit::bytes() const {
    return find().bytes;
}

std::string MemoryLimit::source() const {
    return find().source;
}

MemoryLimit::Found MemoryLimit::find() const {
    Found found;
    if (const auto meminfo = readSmallFile(procRoot_ + "/meminfo")) {
        if (const auto physical = parseMemTotal(*meminfo)) {
            found.bytes = *physical;
            found.source = "physical";
        }
    }

    const auto selfCgroup = readSmallFile(procRoot_ + "/self/cgroup").value_or("");
    std::optional<std::uint64_t> cgroupLimit;
    std::string cgroupSource;
    if (const auto path = cgroupV2Path(selfCgroup)) {
        cgroupLimit = smallestLimit(cgroupRoot_, *path, "memory.max");
        cgroupSource = "cgroup v2";
    }
    if (!cgroupLimit) {
        if (const auto path = cgroupV1MemoryPath(selfCgroup)) {
            cgroupLimit = smallestLimit(cgroupRoot_ + "/memory", *path, "memory.limit_in_bytes");
            cgroupSource = "cgroup v1";
        }
    }
    // v1 writes "unlimited" as a huge page-aligned number; comparing with the
    // physical size turns it (and any limit above the RAM) into "physical".
    if (cgroupLimit && (found.bytes == 0 || *cgroupLimit < found.bytes)) {
        found.bytes = *cgroupLimit;
        found.source = cgroupSource;
    }
    return found;
}

std::optional<std::uint64_t> MemoryLimit::smallestLimit(const std::string& mountDir, const std::string& path,
                                                        const std::string& file) const {
    std::optional<std::uint64_t> smallest;
    for (const auto& dir : pathAndAncestors(path)) {
        const auto text = readSmallFile(mountDir + (dir == "/" ? "" : dir) + "/" + file);
        if (!text) continue;
        const auto limit = parseLimitValue(*text);
        if (limit && (!smallest || *limit < *smallest)) smallest = limit;
    }
    return smallest;
}

std::optional<std::uint64_t> MemoryLimit::parseLimitValue(const std::string& text) {
    const std::string value = trim(text);
    if (value.empty() || value == "max") return std::nullopt;
    if (!std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); })) return std::nullopt;
    try {
        return static_cast<std::uint64_t>(std::stoull(value));
    } catch (const std::exception&) {
        return std::nullopt; // out of range
    }
}

std::optional<std::uint64_t> MemoryLimit::parseMemTotal(const std::string& meminfo) {
    std::istringstream in(meminfo);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("MemTotal:", 0) != 0) continue;
        std::istringstream fields(line.substr(9));
        std::uint64_t amount = 0;
        std::string unit;
        if (!(fields >> amount)) return std::nullopt;
        fields >> unit;
        if (unit.empty()) return amount;
        if (unit == "kB") return amount * 1024;
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<std::string> MemoryLimit::cgroupV2Path(const std::string& procSelfCgroup) {
    for (const auto& [controllers, path] : cgroupLines(procSelfCgroup)) {
        if (controllers.empty() && !path.empty()) return path;
    }
    return std::nullopt;
}

std::optional<std::string> MemoryLimit::cgroupV1MemoryPath(const std::string& procSelfCgroup) {
    for (const auto& [controllers, path] : cgroupLines(procSelfCgroup)) {
        std::istringstream names(controllers);
        std::string name;
        while (std::getline(names, name, ',')) {
            if (name == "memory" && !path.empty()) return path;
        }
    }
    return std::nullopt;
}

std::vector<std::string> MemoryLimit::pathAndAncestors(const std::string& path) {
    std::vector<std::string> result;
    std::string current = path.empty() || path[0] != '/' ? "/" + path : path;
    while (current.size() > 1 && current.back() == '/') current.pop_back();
    while (true) {
        result.push_back(current);
        if (current == "/") break;
        const auto slash = current.rfind('/');
        current = slash == 0 ? "/" : current.substr(0, slash);
    }
    return result;
}

} // namespace motel::host
