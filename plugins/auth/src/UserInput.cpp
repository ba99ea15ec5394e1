#include "UserInput.h"

#include "User.h"

#include <motel/sdk/BodyReader.h>

#include <Poco/String.h>

#include <cctype>

namespace motel::auth {

namespace {

void checkEmail(sdk::BodyReader& body, const std::optional<std::string>& email) {
    if (email && !email->empty() && !UserInput::isEmail(UserInput::trimmedEmail(*email)))
        body.problem("email must be an email");
}

void checkPassword(sdk::BodyReader& body, const std::optional<std::string>& password,
                   const std::string& field = "password") {
    if (!password) return;
    if (auto problem = UserInput::passwordLengthProblem(field, *password)) body.problem(*problem);
}

} // namespace

NewUser UserInput::parseNewUser(const Poco::JSON::Object::Ptr& body) {
    sdk::BodyReader reader(body, {"email", "name", "password", "role"});
    const auto email = reader.string("email", sdk::Required::yes, true, kMaxEmailLength);
    checkEmail(reader, email);
    const auto name = reader.string("name", sdk::Required::yes, true, kMaxNameLength);
    const auto password = reader.string("password", sdk::Required::yes, false, kMaxPasswordLength);
    checkPassword(reader, password);
    const auto role = reader.oneOf("role", userRoles());
    reader.finish();

    NewUser user;
    user.email = trimmedEmail(*email);
    user.name = Poco::trim(*name);
    user.password = *password;
    if (role) user.role = *role;
    return user;
}

UserChanges UserInput::parseChanges(const Poco::JSON::Object::Ptr& body) {
    sdk::BodyReader reader(body, {"email", "name", "password", "role", "active"});
    UserChanges changes;
    changes.email = reader.string("email", sdk::Required::no, true, kMaxEmailLength);
    checkEmail(reader, changes.email);
    changes.name = reader.string("name", sdk::Required::no, true, kMaxNameLength);
    changes.password = reader.string("password", sdk::Required::no, false, kMaxPasswordLength);
    checkPassword(reader, changes.password);
    changes.role = reader.oneOf("role", userRoles());
    changes.active = reader.boolean("active");
    // None of these fields may be null: a user always has them.
    for (const char* field : {"email", "name", "password", "role", "active"})
        if (reader.isNull(field)) reader.problem(std::string(field) + " should not be null");
    reader.finish();

    if (changes.email) changes.email = trimmedEmail(*changes.email);
    if (changes.name) changes.name = Poco::trim(*changes.name);
    return changes;
}

Credentials UserInput::parseCredentials(const Poco::JSON::Object::Ptr& body) {
    sdk::BodyReader reader(body, {"email", "password"});
    const auto email = reader.string("email", sdk::Required::yes, true, kMaxEmailLength);
    const auto password = reader.string("password", sdk::Required::yes, true, kMaxPasswordLength);
    reader.finish();
    return Credentials{trimmedEmail(*email), *password};
}

PasswordChange UserInput::parsePasswordChange(const Poco::JSON::Object::Ptr& body) {
    sdk::BodyReader reader(body, {"currentPassword", "newPassword"});
    const auto current = reader.string("currentPassword", sdk::Required::yes, true, kMaxPasswordLength);
    const auto fresh = reader.string("newPassword", sdk::Required::yes, false, kMaxPasswordLength);
    checkPassword(reader, fresh, "newPassword");
    reader.finish();
    return PasswordChange{*current, *fresh};
}

void UserInput::parseLogout(const Poco::JSON::Object::Ptr& body) {
    sdk::BodyReader reader(body, {});
    reader.finish();
}

std::optional<std::string> UserInput::passwordLengthProblem(const std::string& field, const std::string& password) {
    if (characterCount(password) >= kMinPasswordLength) return std::nullopt;
    return field + " must be longer than or equal to " + std::to_string(kMinPasswordLength) + " characters";
}

bool UserInput::isEmail(const std::string& text) {
    if (text.empty() || text.size() > kMaxEmailLength) return false;
    const auto at = text.find('@');
    if (at == std::string::npos || at == 0 || text.find('@', at + 1) != std::string::npos) return false;
    const std::string local = text.substr(0, at);
    const std::string domain = text.substr(at + 1);
    if (local.size() > 64) return false;
    for (unsigned char c : local)
        if (c <= 0x20 || c == 0x7f || c == '(' || c == ')' || c == ',' || c == ':' || c == ';' || c == '<' ||
            c == '>' || c == '[' || c == ']' || c == '\\' || c == '"')
            return false;
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string::npos) return false;

    // Domain: labels of [A-Za-z0-9-] (not starting/ending with '-'), at least two, TLD of 2+ letters.
    std::size_t labels = 0;
    std::size_t start = 0;
    std::string label;
    while (start <= domain.size()) {
        const auto dot = domain.find('.', start);
        label = domain.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
        for (unsigned char c : label)
            if (!std::isalnum(c) && c != '-') return false;
        ++labels;
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    if (labels < 2 || label.size() < 2) return false;
    for (unsigned char c : label)
        if (!std::isalpha(c)) return false;
    return true;
}

std::string UserInput::trimmedEmail(const std::string& text) {
    return Poco::trim(text);
}

std::string UserInput::normalisedEmail(const std::string& text) {
    return Poco::toLower(Poco::trim(text));
}

std::size_t UserInput::characterCount(const std::string& text) {
    std::size_t count = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++count;
    return count;
}

} // namespace motel::auth
