#pragma once
// The host's command-line options, parsed the way Poco::Util's
// OptionProcessor parsed them (Unix style) before the host stopped linking
// PocoUtil, so every command line that worked still works and every one that
// failed still fails with the same message:
//   --name, --name=value, --name:value, --name value (for an option that
//   takes a value); a unique prefix of a name, in any case (--conf=FILE);
//   -x, -xVALUE, -x VALUE for short names (case sensitive);
//   options anywhere among the arguments until `--`, which ends them;
//   a single `-` is an argument; an option given twice is an error.
// An option marked `stopsParsing` (--help, --version) ends option parsing:
// what follows is left as it is.

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace motel::host {

struct OptionSpec {
    std::string fullName;     ///< e.g. "config"
    std::string shortName;    ///< e.g. "c"; empty: none
    std::string argumentName; ///< e.g. "FILE"; empty: the option takes no value
    std::string description;  ///< one line for --help
    bool stopsParsing = false;

    bool takesArgument() const { return !argumentName.empty(); }
};

/// A command line the options refuse; what() is the message the host prints
/// (e.g. "Unknown option specified: x"), and it exits with EXIT_CONFIG.
class OptionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class CommandLine {
public:
    /// Called for each option in the order given, with its full name and
    /// its value (empty for an option without one).
    using OptionHandler = std::function<void(const OptionSpec& option, const std::string& value)>;

    explicit CommandLine(std::vector<OptionSpec> options) : options_(std::move(options)) {}

    const std::vector<OptionSpec>& options() const { return options_; }

    /// Hands every option of `arguments` (without the program name) to
    /// `handle` and returns the other arguments in order. Throws OptionError
    /// (after handling the options before the bad one, as Poco did).
    std::vector<std::string> parse(const std::vector<std::string>& arguments, const OptionHandler& handle) const;

private:
    std::vector<OptionSpec> options_;

    /// The option `text` (without its dashes) names.
    const OptionSpec& find(const std::string& text, bool isShort) const;
    /// The value `text` gives `option` ("name=value", or "xVALUE" for a
    /// short name); throws when it gives one it must not, or none it needs.
    static std::string valueOf(const OptionSpec& option, const std::string& text);
};

} // namespace motel::host
