#pragma once
// What /proc says about a process (HostProcess::pid()): resident memory and
// thread count. Used by the bad-input suites (memory and thread bounds).

#include <string>

namespace motel::test {

class HostProcessInfo {
public:
    /// VmRSS in KiB; -1 when the process is gone.
    static long residentKiB(int pid) { return statusField(pid, "VmRSS"); }
    /// Threads; -1 when the process is gone.
    static long threads(int pid) { return statusField(pid, "Threads"); }

private:
    static long statusField(int pid, const std::string& field);
};

} // namespace motel::test
