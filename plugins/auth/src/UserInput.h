#pragma once
/// Validation of the auth plugin's request bodies, on top of sdk::BodyReader
/// (every problem reported at once, each naming its field; unknown properties
/// refused). Messages follow class-validator's wording, as the NestJS backend
/// this API mirrors would answer:
///   `email must be an email`, `name should not be empty`,
///   `password must be longer than or equal to 12 characters`,
///   `role must be one of the following values: admin, manager, staff`.

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>

namespace motel::auth {

/// `POST /api/users`.
struct NewUser {
    std::string email;
    std::string name;
    std::string password;
    std::string role = "staff";
};

/// `PATCH /api/users/:id`: only the fields the client sent.
struct UserChanges {
    std::optional<std::string> email;
    std::optional<std::string> name;
    std::optional<std::string> password;
    std::optional<std::string> role;
    std::optional<bool> active;
};

/// `POST /api/auth/password`.
struct PasswordChange {
    std::string currentPassword;
    std::string newPassword;
};

/// `POST /api/auth/login`.
struct Credentials {
    std::string email;
    std::string password;
};

class UserInput {
public:
    /// Twelve characters: long enough that guessing needs more than a list of
    /// short words, short enough for staff typing on a phone (PasswordPolicy
    /// refuses the common ones).
    static constexpr std::size_t kMinPasswordLength = 12;
    static constexpr std::size_t kMaxPasswordLength = 1024; ///< bounds hashing work
    static constexpr std::size_t kMaxEmailLength = 254;
    static constexpr std::size_t kMaxNameLength = 200;

    /// Each throws sdk::ValidationError listing every problem.
    static NewUser parseNewUser(const Poco::JSON::Object::Ptr& body);
    static UserChanges parseChanges(const Poco::JSON::Object::Ptr& body);
    static Credentials parseCredentials(const Poco::JSON::Object::Ptr& body);
    static PasswordChange parsePasswordChange(const Poco::JSON::Object::Ptr& body);
    /// `POST /api/auth/logout` takes no properties (an empty object is fine).
    static void parseLogout(const Poco::JSON::Object::Ptr& body);
    /// The length problem of a new password given as `field`, if any.
    static std::optional<std::string> passwordLengthProblem(const std::string& field, const std::string& password);

    /// A pragmatic address check: one `@`, a non-empty local part without
    /// spaces, a dotted domain of letters, digits and hyphens.
    static bool isEmail(const std::string& text);
    /// Trimmed; the stored form of an email (its case is kept for display,
    /// uniqueness uses normalisedEmail()).
    static std::string trimmedEmail(const std::string& text);
    /// Lower-cased and trimmed: the unique key of an account.
    static std::string normalisedEmail(const std::string& text);
    /// Length in characters (UTF-8 code points), as class-validator counts.
    static std::size_t characterCount(const std::string& text);
};

} // namespace motel::auth
