#pragma once
// The classic daemon options the host has always accepted (from Poco's
// ServerApplication, kept as they were when the host stopped linking
// PocoUtil): --daemon detaches from the terminal, --umask=MASK sets the
// umask, --pidfile=PATH writes the process id to PATH and removes the file
// when the process exits. Under systemd none is needed (the unit runs the
// host in the foreground, Type=notify).

#include <string>
#include <vector>

namespace motel::host::daemon_mode {

/// Whether an argument is exactly `--daemon` (the check runs before the
/// options are parsed, so the fork happens first, as it always did).
bool requested(const std::vector<std::string>& arguments);
/// Forks; the parent exits 0, the child starts a new session with umask
/// 027 and standard input, output and error on /dev/null. Throws
/// std::system_error when the fork fails.
void detach();
/// `mask` in octal (e.g. 027); throws OptionError on any other character.
void setUmask(const std::string& mask);
/// Writes the process id and a newline to `path`, removed when the process
/// exits; throws OptionError when the file cannot be written.
void writePidFile(const std::string& path);

} // namespace motel::host::daemon_mode
