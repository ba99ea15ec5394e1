#include "http/RequestTarget.h"

#include <motel/sdk/Errors.h>

namespace motel::host {

namespace {

int hexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Percent-decodes `text`; false on a malformed escape or a decoded NUL.
bool percentDecode(std::string_view text, bool plusIsSpace, std::string& out) {
    out.clear();
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return false;
            const int high = hexDigit(text[i + 1]);
            const int low = hexDigit(text[i + 2]);
            if (high < 0 || low < 0) return false;
            c = static_cast<char>(high * 16 + low);
            i += 2;
        } else if (c == '+' && plusIsSpace) {
            c = ' ';
        }
        if (c == '\0') return false;
        out.push_back(c);
    }
    return true;
}

} // namespace

RequestTarget RequestTarget::decode(std::string_view target) {
    if (target.empty() || target.front() != '/') throw sdk::BadRequest("Request target must be an absolute path");
    RequestTarget result;
    const std::size_t question = target.find('?');
    if (!percentDecode(target.substr(0, question), false, result.path))
        throw sdk::BadRequest("Malformed percent-encoding in request path");
    if (question == std::string_view::npos) return result;

    std::string_view query = target.substr(question + 1);
    std::string name, value;
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        if (!pair.empty()) {
            const std::size_t equals = pair.find('=');
            if (!percentDecode(pair.substr(0, equals), true, name) ||
                !percentDecode(equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true,
                               value))
                throw sdk::BadRequest("Malformed percent-encoding in query string");
            result.query.emplace_back(std::move(name), std::move(value));
        }
        if (amp == std::string_view::npos) break;
        query.remove_prefix(amp + 1);
    }
    return result;
}

} // namespace motel::host
