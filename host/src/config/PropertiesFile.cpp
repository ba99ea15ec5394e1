#include "config/PropertiesFile.h"

#include <motel/sdk/Settings.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace motel::host {

namespace {

constexpr int kEnd = -1;

// Poco::Ascii::isSpace: ASCII blanks only; bytes above 127 are never blank.
bool isBlank(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string trimmed(const std::string& text) {
    std::size_t first = 0;
    std::size_t last = text.size();
    while (first < last && isBlank(static_cast<unsigned char>(text[first]))) ++first;
    while (last > first && isBlank(static_cast<unsigned char>(text[last - 1]))) --last;
    return text.substr(first, last - first);
}

// The text as a stream of bytes (0..255), kEnd past its end.
class Cursor {
public:
    explicit Cursor(std::string_view text) : text_(text) {}
    bool atEnd() const { return at_ >= text_.size(); }
    int get() { return atEnd() ? kEnd : static_cast<unsigned char>(text_[at_++]); }
    int peek() const { return atEnd() ? kEnd : static_cast<unsigned char>(text_[at_]); }

    // One character of a value with its escape resolved; 0 at the end of
    // the line (an unescaped NUL ends it too, as it did in Poco).
    int valueChar() {
        for (;;) {
            int c = get();
            if (c == '\\') {
                c = get();
                switch (c) {
                case 't':
                    return '\t';
                case 'r':
                    return '\r';
                case 'n':
                    return '\n';
                case 'f':
                    return '\f';
                case '\r':
                    if (peek() == '\n') get();
                    continue; // line continuation
                case '\n':
                    continue;
                default:
                    return c; // the escaped character itself, or kEnd
                }
            }
            if (c == '\n' || c == '\r') return 0;
            return c;
        }
    }

private:
    std::string_view text_;
    std::size_t at_ = 0;
};

// One line (or a comment) from the cursor into `out`.
void parseLine(Cursor& in, std::map<std::string, std::string>& out) {
    int c = in.get();
    while (c != kEnd && isBlank(c)) c = in.get();
    if (c == kEnd) return;
    if (c == '#' || c == '!') {
        while (c != kEnd && c != '\n' && c != '\r') c = in.get();
        return;
    }
    std::string key;
    while (c != kEnd && c != '=' && c != ':' && c != '\r' && c != '\n') {
        key += static_cast<char>(c);
        c = in.get();
    }
    std::string value;
    if (c == '=' || c == ':') {
        for (c = in.valueChar(); c != kEnd && c != 0; c = in.valueChar()) value += static_cast<char>(c);
    }
    out[trimmed(key)] = trimmed(value);
}

} // namespace

std::map<std::string, std::string> PropertiesFile::parse(std::string_view text) {
    std::map<std::string, std::string> values;
    Cursor in(text);
    while (!in.atEnd()) parseLine(in, values);
    return values;
}

std::map<std::string, std::string> PropertiesFile::read(const std::string& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) throw sdk::ConfigError("config file not found: " + path);
    if (S_ISDIR(status.st_mode)) throw sdk::ConfigError("config file is a directory: " + path);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw sdk::ConfigError("cannot open config file " + path + ": " + std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw sdk::ConfigError("cannot read config file " + path);
    return parse(text.str());
}

} // namespace motel::host
