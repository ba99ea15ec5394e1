#pragma once
// The host's exit codes: BSD sysexits values, as operators and the systemd
// unit already see them.

namespace motel::host {

constexpr int EXIT_OK = 0;
constexpr int EXIT_USAGE = 64;    ///< a bad command or command-line argument
constexpr int EXIT_SOFTWARE = 70; ///< an internal error
constexpr int EXIT_OSERR = 71;    ///< the operating system refused (fork, chdir)
constexpr int EXIT_CONFIG = 78;   ///< a bad option or configuration

} // namespace motel::host
