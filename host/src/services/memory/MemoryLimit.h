#pragma once
/// Finds how much memory this process may use before it is killed: the
/// smallest memory limit of its cgroup and the cgroup's ancestors (cgroup v2
/// `memory.max`, v1 `memory.limit_in_bytes`), or the machine's physical RAM
/// when that is lower or no cgroup sets a limit (sdk::HostInfo::memory()).
/// The `memory` health check compares the resident set with it (the runbook's 80 % / 90 % thresholds).
///
/// Containers differ in what they show: with a cgroup namespace the process's
/// cgroup is `/` and /sys/fs/cgroup is its own; without one the path in
/// /proc/self/cgroup may not exist below /sys/fs/cgroup. Walking from the
/// path up to the mount root and keeping the smallest readable limit handles
/// both.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motel::host {

class MemoryLimit {
public:
    /// The roots are injectable so tests can feed sample file trees.
    explicit MemoryLimit(std::string procRoot = "/proc", std::string cgroupRoot = "/sys/fs/cgroup");

    /// The effective limit in bytes; 0 when neither a cgroup limit nor the
    /// physical memory size could be read.
    std::uint64_t bytes() const;
    /// Where bytes() came from: "cgroup v2", "cgroup v1", "physical" or "unknown".
    std::string source() const;

    /// A limit file's value: a number of bytes, or nullopt for `max`
    /// (unlimited) and anything unreadable.
    static std::optional<std::uint64_t> parseLimitValue(const std::string& text);
    /// `MemTotal` of /proc/meminfo in bytes.
    static std::optional<std::uint64_t> parseMemTotal(const std::string& meminfo);
    /// The process's cgroup v2 path (the `0::<path>` line of /proc/self/cgroup).
    static std::optional<std::string> cgroupV2Path(const std::string& procSelfCgroup);
    /// The process's cgroup v1 path for the `memory` controller.
    static std::optional<std::string> cgroupV1MemoryPath(const std::string& procSelfCgroup);
    /// `/a/b` → {"/a/b", "/a", "/"}.
    static std::vector<std::string> pathAndAncestors(const std::string& path);

private:
    struct Found {
        std::uint64_t bytes = 0;
        std::string source = "unknown";
    };

    std::string procRoot_;
    std::string cgroupRoot_;

    Found find() const;
    /// The smallest limit in `file` below `mountDir` along `path` and its ancestors.
    std::optional<std::uint64_t> smallestLimit(const std::string& mountDir, const std::string& path,
                                               const std::string& file) const;
};

} // namespace motel::host
