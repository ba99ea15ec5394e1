#pragma once
/// The common-password lists on disk (`plugins.auth.commonPasswordFiles`),
/// searched where they lie each time a password is set instead of being held
/// in memory: about 58,000 words that cost ~0.6 MiB of every host's resident
/// memory for a check that runs only when someone sets a password (account
/// creation, a reset, `motel-host user add|passwd`). A search reads the
/// files once (~0.5 MB, a few milliseconds, next to the tens of
/// milliseconds the password's hash takes) and keeps nothing. One entry per
/// line, compared lower-cased; empty lines and lines starting with
/// `#!comment` are skipped. Thread-safe: immutable after construction.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace motel::auth {

class CommonPasswordFiles {
public:
    CommonPasswordFiles() = default;
    /// Keeps the files that can be read now; each one that cannot adds a line
    /// to `warnings` and is left out (as it would be without this list).
    CommonPasswordFiles(const std::vector<std::string>& paths, std::vector<std::string>& warnings);

    /// Whether a file lists `lowered` or `alsoLowered` (either may be empty:
    /// not looked for). A file that has become unreadable since start counts
    /// as listing nothing, as a missing file did at start.
    bool listsEither(std::string_view lowered, std::string_view alsoLowered) const;
    /// The entries the files held at start (duplicates between lists counted).
    std::size_t entries() const { return entries_; }

private:
    std::vector<std::string> files_;
    std::size_t entries_ = 0;
};

} // namespace motel::auth
