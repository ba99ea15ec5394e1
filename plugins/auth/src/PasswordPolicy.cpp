#include "PasswordPolicy.h"

#include <motel/sdk/Errors.h>

#include <Poco/String.h>

#include <cctype>

namespace motel::auth {

const std::vector<std::string>& PasswordPolicy::defaultListFiles() {
    static const std::vector<std::string> files{"/usr/share/john/password.lst", "/usr/share/dict/cracklib-small"};
    return files;
}

PasswordPolicy::PasswordPolicy(std::vector<std::string> common) : common_(std::move(common)) {}

PasswordPolicy PasswordPolicy::fromFiles(const std::vector<std::string>& paths, std::vector<std::string>& warnings) {
    PasswordPolicy policy;
    policy.files_ = CommonPasswordFiles(paths, warnings);
    return policy;
}

bool PasswordPolicy::isRepetitiveOrSequential(const std::string& lowered) {
    if (lowered.size() < 2) return true;
    bool repeated = true, ascending = true, descending = true;
    for (std::size_t i = 1; i < lowered.size(); ++i) {
        const int step = static_cast<unsigned char>(lowered[i]) - static_cast<unsigned char>(lowered[i - 1]);
        // Digits run on from 9 to 0 as on a keyboard: 1234567890 and 123456789012 are runs too.
        const bool wraps = lowered[i - 1] == '9' && lowered[i] == '0';
        const bool wrapsDown = lowered[i - 1] == '0' && lowered[i] == '9';
        repeated = repeated && step == 0;
        ascending = ascending && (step == 1 || wraps);
        descending = descending && (step == -1 || wrapsDown);
    }
    return repeated || ascending || descending;
}

std::string PasswordPolicy::core(const std::string& lowered) {
    const auto decoration = [](unsigned char c) { return std::isdigit(c) || std::ispunct(c) || std::isspace(c); };
    std::size_t begin = 0, end = lowered.size();
    while (begin < end && decoration(static_cast<unsigned char>(lowered[begin]))) ++begin;
    while (end > begin && decoration(static_cast<unsigned char>(lowered[end - 1]))) --end;
    return lowered.substr(begin, end - begin);
}

std::vector<std::string> PasswordPolicy::problems(const std::string& field, const std::string& password) const {
    const std::string lowered = Poco::toLower(password);
    const std::string word = core(lowered);
    // The files last: the cheap checks usually decide.
    if (isRepetitiveOrSequential(lowered) || common_.contains(lowered) || (!word.empty() && common_.contains(word)) ||
        files_.listsEither(lowered, word))
        return {field + " is too common; choose a password that is not on a list of frequently used ones"};
    return {};
}

void PasswordPolicy::check(const std::string& field, const std::string& password) const {
    auto found = problems(field, password);
    if (!found.empty()) throw sdk::ValidationError(std::move(found));
}

} // namespace motel::auth
