#include "cli/DaemonMode.h"
#include "cli/CommandLine.h"

#include <Poco/TemporaryFile.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace motel::host::daemon_mode {

bool requested(const std::vector<std::string>& arguments) {
    return std::find(arguments.begin(), arguments.end(), "--daemon") != arguments.end();
}

void detach() {
    const pid_t pid = ::fork();
    if (pid < 0) throw std::system_error(errno, std::generic_category(), "cannot fork daemon process");
    if (pid != 0) std::exit(0);
    ::setsid();
    ::umask(027);
    // Attached to /dev/null rather than closed, so nothing that writes to
    // them (or opens a file that would get their numbers) misbehaves.
    for (FILE* stream : {stdin, stdout, stderr})
        if (!std::freopen("/dev/null", "r+", stream))
            throw std::system_error(errno, std::generic_category(), "cannot attach standard streams to /dev/null");
}

void setUmask(const std::string& mask) {
    mode_t value = 0;
    for (const char digit : mask) {
        if (digit < '0' || digit > '7')
            throw OptionError("Invalid argument: umask contains non-octal characters: " + mask);
        value = static_cast<mode_t>(value * 8 + static_cast<mode_t>(digit - '0'));
    }
    ::umask(value);
}

void writePidFile(const std::string& path) {
    std::ofstream out(path);
    if (!(out << ::getpid() << std::endl))
        throw OptionError("Cannot write PID to file: " + path + " (" + std::strerror(errno) + ")");
    Poco::TemporaryFile::registerForDeletion(path);
}

} // namespace motel::host::daemon_mode
