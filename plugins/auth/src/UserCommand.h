#pragma once
/// `motel-host user ...`: account recovery and management from the
/// operator's shell, without SQL and without a running server (so a
/// locked-out admin can get back in):
///   user add EMAIL NAME [ROLE]   password from standard input; ROLE defaults to staff
///   user passwd EMAIL            new password from standard input; revokes the user's tokens
///   user disable EMAIL           deactivates (the last active admin is refused)
///   user enable EMAIL            reactivates
///   user list                    every account, without secrets
/// Passwords are read from `in` (one line), never from arguments, which other
/// users of the machine could see in the process list. The rules are the
/// API's (UserInput, UserService): same validation messages, same last-admin
/// guard. Each change is logged and stored in `audit_log` as `cli.user.*`.
///
/// Exit codes: 0 done, 64 usage (with the usage line), 65 invalid input
/// (the validation messages), 1 refused (unknown email, taken email, last admin).

#include "AuditLog.h"
#include "UserService.h"

#include <motel/sdk/Plugin.h>

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace motel::auth {

class UserCommand {
public:
    UserCommand(UserService& users, AuditLog& audit);

    static sdk::CommandInfo info();
    int run(const std::vector<std::string>& args, std::istream& in, std::ostream& out);

    static constexpr int kOk = 0;
    static constexpr int kRefused = 1;
    static constexpr int kUsage = 64;
    static constexpr int kInvalidInput = 65;

private:
    UserService& users_;
    AuditLog& audit_;

    int add(const std::vector<std::string>& args, std::istream& in, std::ostream& out);
    int passwd(const std::string& email, std::istream& in, std::ostream& out);
    int setActive(const std::string& email, bool active, std::ostream& out);
    int list(std::ostream& out);

    /// One line from `in` (trailing CR removed); nullopt at end of input.
    /// On an interactive terminal: a prompt on stderr and no echo.
    static std::optional<std::string> readPassword(std::istream& in);
    void store(const std::string& action, const User& user);
};

} // namespace motel::auth
