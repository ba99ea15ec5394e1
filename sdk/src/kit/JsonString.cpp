#include <motel/sdk/JsonString.h>

namespace motel::sdk {

namespace {

bool needsEscape(char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
}

void appendEscape(std::string& out, char c) {
    static const char* const hex = "0123456789abcdef";
    switch (c) {
    case '"':
        out += "\\\"";
        break;
    case '\\':
        out += "\\\\";
        break;
    case '\b':
        out += "\\b";
        break;
    case '\f':
        out += "\\f";
        break;
    case '\n':
        out += "\\n";
        break;
    case '\r':
        out += "\\r";
        break;
    case '\t':
        out += "\\t";
        break;
    default:
        out += "\\u00";
        out += hex[(c >> 4) & 0xf];
        out += hex[c & 0xf];
    }
}

} // namespace

void appendJsonString(std::string& out, std::string_view text) {
    out += '"';
    // Copy runs of plain characters at once: on the list endpoints almost
    // every string is one run (a character-at-a-time loop was ~9% of a list).
    const char* const end = text.data() + text.size();
    const char* run = text.data();
    for (const char* at = run; at != end; ++at) {
        if (!needsEscape(*at)) continue;
        out.append(run, at);
        appendEscape(out, *at);
        run = at + 1;
    }
    out.append(run, end);
    out += '"';
}

} // namespace motel::sdk
