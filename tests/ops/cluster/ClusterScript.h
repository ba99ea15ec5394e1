#pragma once
// Runs scripts/cluster for a test: `up` in a temp folder with the given
// options, the URLs and pids it wrote to cluster.env, and `down` (every
// process stopped by pid, the folder removed) when destroyed.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace motel::test {

class ClusterScript {
public:
    /// Runs `scripts/cluster up DIR <arguments>` with `environment` added;
    /// throws std::runtime_error with the script's output when it fails.
    ClusterScript(const std::vector<std::string>& arguments, const std::map<std::string, std::string>& environment);
    ~ClusterScript();
    ClusterScript(const ClusterScript&) = delete;
    ClusterScript& operator=(const ClusterScript&) = delete;

    int hosts() const;
    std::uint16_t nginxPort() const;
    std::uint16_t hostPort(int number) const; ///< 1-based, as the script numbers them
    std::string hostLog(int number) const;    ///< what host `number` printed so far
    std::string nginxAccessLog() const;
    const std::string& dir() const { return dir_; }

    /// SIGTERM to host `number`; waits until it has exited (SIGKILL after 30 s).
    /// Returns true when it exited by itself.
    bool stopHost(int number) const;
    /// Runs scripts/rolling-restart on this cluster; returns its exit code
    /// and fills `output` with what it printed.
    int rollingRestart(std::string& output, const std::vector<std::string>& arguments = {});

private:
    std::string dir_;
    std::map<std::string, std::string> env_; ///< cluster.env
    std::string value(const std::string& key) const;
    static std::uint16_t portOf(const std::string& url);
};

} // namespace motel::test
