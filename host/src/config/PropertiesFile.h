#pragma once
// Reads the host's Java-style properties file (docs/configuration.md) into a
// flat key → value map. The syntax is exactly the one Poco's
// PropertyFileConfiguration read before the host stopped linking PocoUtil
// (tests/host/config/PropertiesFileTest.cpp compares both on every case):
//   - a line is `key = value` or `key: value`; the key ends at the first
//     `=` or `:`, both sides are trimmed (space, \t, \n, \v, \f, \r);
//   - `#` or `!` as the first non-blank character starts a comment line;
//   - a line without `=`/`:` sets its key to the empty value;
//   - in values: \t \r \n \f stand for those characters, a backslash at the
//     end of a line continues the value on the next line (its leading blanks
//     are kept), and a backslash before any other character stands for that
//     character (\\, \=, \:, \#); keys take no escapes;
//   - CR, LF and CRLF all end lines; a later duplicate key wins.
// There are no includes and no ${...} expansion.

#include <map>
#include <string>
#include <string_view>

namespace motel::host {

class PropertiesFile {
public:
    /// The key/values of `text`.
    static std::map<std::string, std::string> parse(std::string_view text);
    /// The key/values of the file at `path`; throws sdk::ConfigError naming
    /// the path when it is missing, a directory or cannot be read.
    static std::map<std::string, std::string> read(const std::string& path);
};

} // namespace motel::host
