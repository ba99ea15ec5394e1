#include "HostProcessInfo.h"

#include <fstream>
#include <sstream>

namespace motel::test {

long HostProcessInfo::statusField(int pid, const std::string& field) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(field + ":", 0) != 0) continue;
        std::istringstream value(line.substr(field.size() + 1));
        long number = -1;
        value >> number;
        return number;
    }
    return -1;
}

} // namespace motel::test
