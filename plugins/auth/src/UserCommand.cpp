#include "UserCommand.h"

#include <motel/sdk/Errors.h>
#include <motel/sdk/Time.h>

#include <Poco/JSON/Object.h>

#include <algorithm>
#include <iostream>
#include <istream>
#include <ostream>

#include <termios.h>
#include <unistd.h>

namespace motel::auth {

namespace {

const char* kUsageLine = "usage: motel-host user add EMAIL NAME [ROLE] | user passwd EMAIL | user disable EMAIL | "
                         "user enable EMAIL | user list   (passwords are read from standard input)";

/// The operator at the machine: no account, no network address.
const Actor kOperator{std::nullopt, "local", ""};

/// Turns terminal echo off for its lifetime when `in` is an interactive stdin.
class HiddenInput {
public:
    explicit HiddenInput(std::istream& in) {
        if (&in != &std::cin || !::isatty(STDIN_FILENO) || ::tcgetattr(STDIN_FILENO, &saved_) != 0) return;
        termios quiet = saved_;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        active_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        std::cerr << "Password: " << std::flush;
    }
    ~HiddenInput() {
        if (!active_) return;
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
        std::cerr << std::endl;
    }
    HiddenInput(const HiddenInput&) = delete;
    HiddenInput& operator=(const HiddenInput&) = delete;

private:
    termios saved_{};
    bool active_ = false;
};

int usage(std::ostream& out) {
    out << kUsageLine << std::endl;
    return UserCommand::kUsage;
}

int invalid(const sdk::HttpError& error, std::ostream& out) {
    for (const auto& message : error.messages()) out << "error: " << message << std::endl;
    return error.status() == 400 ? UserCommand::kInvalidInput : UserCommand::kRefused;
}

std::string pad(const std::string& text, std::size_t width) {
    return text + std::string(width > text.size() ? width - text.size() : 0, ' ');
}

} // namespace

UserCommand::UserCommand(UserService& users, AuditLog& audit) : users_(users), audit_(audit) {}

sdk::CommandInfo UserCommand::info() {
    return {"user", kUsageLine, "Manage accounts from the shell (recover a locked-out admin without SQL)"};
}

int UserCommand::run(const std::vector<std::string>& args, std::istream& in, std::ostream& out) {
    if (args.empty()) return usage(out);
    const std::string& verb = args.front();
    try {
        if (verb == "add" && (args.size() == 3 || args.size() == 4)) return add(args, in, out);
        if (verb == "passwd" && args.size() == 2) return passwd(args[1], in, out);
        if (verb == "disable" && args.size() == 2) return setActive(args[1], false, out);
        if (verb == "enable" && args.size() == 2) return setActive(args[1], true, out);
        if (verb == "list" && args.size() == 1) return list(out);
    } catch (const sdk::HttpError& error) {
        return invalid(error, out);
    }
    return usage(out);
}

std::optional<std::string> UserCommand::readPassword(std::istream& in) {
    HiddenInput hidden(in);
    std::string line;
    if (!std::getline(in, line)) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

int UserCommand::add(const std::vector<std::string>& args, std::istream& in, std::ostream& out) {
    const auto password = readPassword(in);
    if (!password) {
        out << "error: no password on standard input" << std::endl;
        return usage(out);
    }
    // The API's validation, message for message.
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("email", args[1]);
    body->set("name", args[2]);
    body->set("password", *password);
    if (args.size() == 4) body->set("role", args[3]);
    const User user = users_.create(UserInput::parseNewUser(body), kOperator);
    store("cli.user.add", user);
    out << "created user " << user.id << " <" << user.email << "> role " << user.role << std::endl;
    return kOk;
}

int UserCommand::passwd(const std::string& email, std::istream& in, std::ostream& out) {
    const User user = users_.getByEmail(email);
    const auto password = readPassword(in);
    if (!password) {
        out << "error: no password on standard input" << std::endl;
        return usage(out);
    }
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("password", *password);
    const User updated = users_.update(user.id, UserInput::parseChanges(body), kOperator);
    store("cli.user.passwd", updated);
    out << "password changed for user " << updated.id << " <" << updated.email << ">; earlier tokens are revoked"
        << std::endl;
    return kOk;
}

int UserCommand::setActive(const std::string& email, bool active, std::ostream& out) {
    const User user = users_.getByEmail(email);
    UserChanges changes;
    changes.active = active;
    users_.update(user.id, changes, kOperator);
    store(active ? "cli.user.enable" : "cli.user.disable", user);
    out << (active ? "enabled" : "disabled") << " user " << user.id << " <" << user.email << ">" << std::endl;
    return kOk;
}

int UserCommand::list(std::ostream& out) {
    std::vector<User> all;
    UserListQuery page;
    page.limit = 200;
    for (;;) {
        auto batch = users_.list(page).first;
        all.insert(all.end(), batch.begin(), batch.end());
        if (static_cast<std::int64_t>(batch.size()) < page.limit) break;
        page.offset += page.limit;
    }
    std::size_t emailWidth = 5;
    std::size_t nameWidth = 4;
    for (const auto& user : all) {
        emailWidth = std::max(emailWidth, user.email.size());
        nameWidth = std::max(nameWidth, user.name.size());
    }
    out << pad("ID", 8) << pad("EMAIL", emailWidth + 2) << pad("NAME", nameWidth + 2) << pad("ROLE", 9) << "ACTIVE"
        << std::endl;
    for (const auto& user : all)
        out << pad(std::to_string(user.id), 8) << pad(user.email, emailWidth + 2) << pad(user.name, nameWidth + 2)
            << pad(user.role, 9) << (user.active ? "yes" : "no") << std::endl;
    return kOk;
}

void UserCommand::store(const std::string& action, const User& user) {
    AuditEntry entry;
    entry.at = sdk::nowTimestamp();
    entry.action = action;
    entry.entity = "users";
    entry.entityId = std::to_string(user.id);
    entry.clientAddress = kOperator.address;
    entry.detail = UserInput::normalisedEmail(user.email);
    audit_.store(std::move(entry));
}

} // namespace motel::auth
