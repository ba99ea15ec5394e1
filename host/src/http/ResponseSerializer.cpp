#include "http/ResponseSerializer.h"

#include "routing/ErrorEnvelope.h"

#include <motel/sdk/Errors.h>

#include <ctime>

namespace motel::host {

namespace {

/// `Date` formatted once per second per thread (strftime per response would
/// cost more than the rest of serialisation).
const std::string& httpDate() {
    thread_local std::time_t cachedSecond = 0;
    thread_local std::string cached;
    const std::time_t now = std::time(nullptr);
    if (now != cachedSecond) {
        std::tm utc{};
        gmtime_r(&now, &utc);
        char buffer[64];
        const std::size_t n = std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &utc);
        cached.assign(buffer, n);
        cachedSecond = now;
    }
    return cached;
}

bool equalsIgnoreCase(const std::string& a, const char* b) {
    std::size_t i = 0;
    for (; i < a.size() && b[i]; ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x | 0x20);
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y | 0x20);
        if (x != y) return false;
    }
    return i == a.size() && b[i] == '\0';
}

// A header name or value with CR or LF would split the head: each becomes a
// space. (One pass over the bytes: find_first_of with a two-character set
// calls memchr per byte, which showed up in profiles.)
void appendSanitized(std::string& out, const std::string& text) {
    const std::size_t start = out.size();
    out += text;
    for (std::size_t i = start; i < out.size(); ++i)
        if (out[i] == '\r' || out[i] == '\n') out[i] = ' ';
}

} // namespace

const char* ResponseSerializer::reasonPhrase(int status) {
    switch (status) {
    case 100:
        return "Continue";
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    default:
        if (status >= 400) return sdk::HttpError::reasonFor(status);
        return "";
    }
}

std::string ResponseSerializer::serialize(const sdk::Response& response, const ResponseFraming& framing) {
    const int status = response.status;
    const bool bodyAllowed = !(status < 200 || status == 204 || status == 304);
    const bool sendBody = bodyAllowed && !framing.headRequest;

    std::string out;
    out.reserve(128 + response.headers.size() * 48 + (sendBody ? response.body.size() : 0));
    out += "HTTP/1.1 ";
    out += std::to_string(status);
    out += ' ';
    out += reasonPhrase(status);
    out += "\r\nDate: ";
    out += httpDate();
    out += "\r\n";
    for (const auto& [name, value] : response.headers) {
        if (equalsIgnoreCase(name, "content-length") || equalsIgnoreCase(name, "transfer-encoding")) continue;
        if (equalsIgnoreCase(name, "connection") && !framing.upgrade) continue;
        appendSanitized(out, name);
        out += ": ";
        appendSanitized(out, value);
        out += "\r\n";
    }
    if (bodyAllowed) {
        out += "Content-Length: ";
        out += std::to_string(response.body.size());
        out += "\r\n";
    }
    if (!framing.upgrade) {
        if (!framing.keepAlive)
            out += "Connection: close\r\n";
        else if (framing.http10)
            out += "Connection: keep-alive\r\n";
    }
    out += "\r\n";
    if (sendBody) out += response.body;
    return out;
}

std::string ResponseSerializer::error(int status, const std::string& message, const ResponseFraming& framing) {
    sdk::Response response;
    renderError(status, message, response);
    return serialize(response, framing);
}

const std::string& ResponseSerializer::continueResponse() {
    static const std::string line = "HTTP/1.1 100 Continue\r\n\r\n";
    return line;
}

} // namespace motel::host
