#pragma once
/// What a new password must be, wherever one is set (account creation,
/// an admin's reset, the user's own change, `motel-host user add|passwd`,
/// the first admin): at least UserInput::kMinPasswordLength characters
/// (checked with the rest of the body in UserInput), and not a common
/// password. "Common" means: in one of the lists read at start (by default
/// Openwall's list of the most used passwords from the Debian package
/// `john-data` and cracklib's dictionary from `cracklib-runtime`, both
/// installed by scripts/deps), compared case-insensitively, also once the
/// digits and punctuation around it are taken away (`Password2024!` is
/// `password`), or made of one repeated character or one straight run
/// (`aaaaaaaaaaaa`, `123456789012`, `abcdefghijkl`). The installed lists are
/// searched on disk when a password is set, not held in memory
/// (CommonPasswordFiles). Thread-safe: immutable after construction.

#include "CommonPasswordFiles.h"
#include "WordList.h"

#include <string>
#include <vector>

namespace motel::auth {

class PasswordPolicy {
public:
    /// The lists scripts/deps installs (`plugins.auth.commonPasswordFiles`).
    static const std::vector<std::string>& defaultListFiles();

    /// `common` holds lower-cased entries, kept in memory.
    explicit PasswordPolicy(std::vector<std::string> common = {});
    /// One entry per line in each file (lines starting with `#!comment` and
    /// empty lines skipped), searched on disk at each check. A file that
    /// cannot be read now adds a line to `warnings` and is skipped.
    static PasswordPolicy fromFiles(const std::vector<std::string>& paths, std::vector<std::string>& warnings);

    /// The problems of `password` as the new value of `field`, each naming the
    /// field (empty: acceptable). Length is UserInput's concern.
    std::vector<std::string> problems(const std::string& field, const std::string& password) const;
    /// Throws sdk::ValidationError with problems(), if any.
    void check(const std::string& field, const std::string& password) const;

    /// The entries of the lists (those of the files as read at start).
    std::size_t listSize() const { return common_.size() + files_.entries(); }

private:
    WordList common_;
    CommonPasswordFiles files_;
    static bool isRepetitiveOrSequential(const std::string& lowered);
    /// `lowered` without the digits, punctuation and blanks at either end.
    static std::string core(const std::string& lowered);
};

} // namespace motel::auth
