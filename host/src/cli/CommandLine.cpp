#include "cli/CommandLine.h"

#include <set>
#include <strings.h>

namespace motel::host {

namespace {

// Whether the first `length` characters of `text` equal the first `length`
// of `name`, ignoring ASCII case (Poco::icompare over that range: a text
// shorter than `length` compares only what it has).
bool prefixMatches(const std::string& text, std::size_t length, const std::string& name) {
    const std::size_t a = std::min(length, text.size());
    const std::size_t b = std::min(length, name.size());
    return a == b && ::strncasecmp(text.data(), name.data(), a) == 0;
}

std::size_t nameLength(const std::string& text) {
    const auto separator = text.find_first_of(":=");
    return separator == std::string::npos ? text.size() : separator;
}

bool matchesPartial(const OptionSpec& option, const std::string& text) {
    return !text.empty() && prefixMatches(text, nameLength(text), option.fullName);
}

bool matchesFull(const OptionSpec& option, const std::string& text) {
    const std::size_t length = nameLength(text);
    return length == option.fullName.size() && prefixMatches(text, length, option.fullName);
}

bool matchesShort(const OptionSpec& option, const std::string& text) {
    return !text.empty() && !option.shortName.empty() &&
           text.compare(0, option.shortName.size(), option.shortName) == 0;
}

} // namespace

const OptionSpec& CommandLine::find(const std::string& text, bool isShort) const {
    const OptionSpec* found = nullptr;
    for (const auto& option : options_) {
        if (isShort ? !matchesShort(option, text) : !matchesPartial(option, text)) continue;
        if (!found) {
            found = &option;
            if (!isShort && matchesFull(option, text)) break;
        } else if (!isShort && matchesFull(option, text)) {
            found = &option;
            break;
        } else {
            throw OptionError("Ambiguous option specified: " + text);
        }
    }
    if (!found) throw OptionError("Unknown option specified: " + text);
    return *found;
}

std::string CommandLine::valueOf(const OptionSpec& option, const std::string& text) {
    const auto separator = text.find_first_of(":=");
    if (prefixMatches(text, nameLength(text), option.fullName)) {
        if (option.takesArgument()) {
            if (separator == std::string::npos)
                throw OptionError("Missing option argument: " + option.fullName + " requires " + option.argumentName);
            return text.substr(separator + 1);
        }
        if (separator != std::string::npos) throw OptionError("Unexpected option argument: " + text);
        return "";
    }
    if (!option.shortName.empty() && text.compare(0, option.shortName.size(), option.shortName) == 0) {
        if (option.takesArgument()) {
            if (text.size() == option.shortName.size())
                throw OptionError("Missing option argument: " + option.shortName + " requires " + option.argumentName);
            return text.substr(option.shortName.size());
        }
        if (text.size() != option.shortName.size()) throw OptionError("Unexpected option argument: " + text);
        return "";
    }
    throw OptionError("Unknown option specified: " + text);
}

std::vector<std::string> CommandLine::parse(const std::vector<std::string>& arguments,
                                            const OptionHandler& handle) const {
    std::vector<std::string> rest;
    std::set<std::string> given;
    const OptionSpec* awaitingValue = nullptr; // `--config FILE`, `-c FILE`
    bool optionsEnded = false;
    for (const auto& argument : arguments) {
        if (optionsEnded) {
            rest.push_back(argument);
            continue;
        }
        if (awaitingValue) {
            const OptionSpec& option = *awaitingValue;
            awaitingValue = nullptr;
            handle(option, valueOf(option, option.fullName + "=" + argument));
            if (option.stopsParsing) optionsEnded = true;
            continue;
        }
        if (argument.size() < 2 || argument[0] != '-') {
            rest.push_back(argument);
            continue;
        }
        if (argument == "--") {
            optionsEnded = true;
            continue;
        }
        const bool isShort = argument[1] != '-';
        const std::string text = argument.substr(isShort ? 1 : 2);
        const OptionSpec& option = find(text, isShort);
        if (!given.insert(option.fullName).second)
            throw OptionError("Option must not be given more than once: " + option.fullName);
        const bool valueFollows = option.takesArgument() && (isShort ? text.size() == option.shortName.size()
                                                                     : text.find_first_of(":=") == std::string::npos);
        if (valueFollows) {
            awaitingValue = &option;
            continue;
        }
        handle(option, valueOf(option, text));
        if (option.stopsParsing) optionsEnded = true;
    }
    if (awaitingValue)
        throw OptionError("Missing option argument: " + awaitingValue->fullName + " requires " +
                          awaitingValue->argumentName);
    return rest;
}

} // namespace motel::host
