#include "http/HttpParser.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace motel::host {

namespace {

constexpr std::size_t bodyReserveCap = 64 * 1024;

bool isTokenChar(unsigned char c) {
    // RFC 9110 tchar
    if (c >= '0' && c <= '9') return true;
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return isTokenChar(static_cast<unsigned char>(c)); });
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x | 0x20);
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y | 0x20);
        if (x != y) return false;
    }
    return true;
}

std::string_view trimWhitespace(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

/// Calls `visit` with each trimmed, non-empty element of a comma list.
template <typename Visit> void forEachListElement(std::string_view list, Visit visit) {
    while (!list.empty()) {
        const std::size_t comma = list.find(',');
        const std::string_view element = trimWhitespace(list.substr(0, comma));
        if (!element.empty()) visit(element);
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

} // namespace

HttpParser::HttpParser(HttpParserLimits limits) : limits_(limits) {}

bool HttpParser::readingBody() const {
    switch (state_) {
    case State::body:
    case State::chunkSize:
    case State::chunkData:
    case State::chunkDataEnd:
    case State::trailer:
        return true;
    default:
        return false;
    }
}

void HttpParser::reset() {
    state_ = State::requestLine;
    request_ = ParsedRequest{};
    if (line_.capacity() > 256)
        std::string().swap(line_); // an idle connection keeps no big buffer
    else
        line_.clear();
    headBytes_ = 0;
    remaining_ = 0;
    seenContentLength_ = false;
    contentLength_ = 0;
    seenTransferEncoding_ = false;
    chunkedCodings_ = 0;
    unsupportedCoding_.clear();
    connectionClose_ = false;
    connectionKeepAlive_ = false;
    errorStatus_ = 0;
    errorMessage_.clear();
}

ParsedRequest HttpParser::take() {
    ParsedRequest request = std::move(request_);
    reset();
    return request;
}

HttpParser::Progress HttpParser::fail(int status, std::string message, std::size_t consumed) {
    state_ = State::failed;
    errorStatus_ = status;
    errorMessage_ = std::move(message);
    return {Event::error, consumed};
}

HttpParser::Progress HttpParser::feed(const char* data, std::size_t size) {
    std::size_t pos = 0;
    for (;;) {
        if (state_ == State::complete) return {Event::messageComplete, pos};
        if (state_ == State::failed) return {Event::error, pos};
        if (state_ == State::body || state_ == State::chunkData) {
            if (const auto stop = readBodyBytes(data, size, pos)) return *stop;
            continue;
        }
        if (pos == size) return {Event::needMore, pos};
        std::string_view line;
        if (const auto stop = readLine(data, size, pos, line)) return *stop;
        if (const auto stop = handleLine(line, pos)) return *stop;
        line_.clear();
    }
}

std::optional<HttpParser::Progress> HttpParser::readBodyBytes(const char* data, std::size_t size, std::size_t& pos) {
    const std::size_t n = std::min(remaining_, size - pos);
    request_.body.append(data + pos, n);
    pos += n;
    remaining_ -= n;
    if (remaining_ > 0) return Progress{Event::needMore, pos};
    if (state_ == State::body) {
        state_ = State::complete;
        return Progress{Event::messageComplete, pos};
    }
    state_ = State::chunkDataEnd;
    return std::nullopt;
}

std::optional<HttpParser::Progress> HttpParser::readLine(const char* data, std::size_t size, std::size_t& pos,
                                                         std::string_view& line) {
    const char* start = data + pos;
    const std::size_t available = size - pos;
    const char* newline = static_cast<const char*>(std::memchr(start, '\n', available));
    const std::size_t take = newline ? static_cast<std::size_t>(newline - start) + 1 : available;
    if (const auto over = chargeLineBytes(take, pos)) return over;
    if (!newline) { // a line split across reads waits in line_
        line_.append(start, take);
        return Progress{Event::needMore, size};
    }
    if (line_.empty()) {
        line = std::string_view(start, take - 1);
    } else {
        line_.append(start, take - 1);
        line = line_;
    }
    pos += take;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find('\r') != std::string_view::npos) return fail(400, "Malformed request: bare CR", pos);
    return std::nullopt;
}

std::optional<HttpParser::Progress> HttpParser::chargeLineBytes(std::size_t take, std::size_t pos) {
    const bool inHead = state_ == State::requestLine || state_ == State::headerLine || state_ == State::trailer;
    if (inHead) {
        if (headBytes_ + take > limits_.maxHeaderBytes) return fail(431, "Request header fields too large", pos);
        headBytes_ += take;
    } else if (line_.size() + take > limits_.maxChunkLineBytes) {
        return fail(400, "Malformed chunked body", pos);
    }
    return std::nullopt;
}

std::optional<HttpParser::Progress> HttpParser::handleLine(std::string_view line, std::size_t pos) {
    switch (state_) {
    case State::requestLine:
        if (!line.empty()) { // empty lines before a request are ignored (RFC 9112 2.2)
            if (!parseRequestLine(line)) return Progress{Event::error, pos};
            state_ = State::headerLine;
        }
        break;
    case State::headerLine:
        if (line.empty()) {
            line_.clear();
            const Event event = finishHead();
            return Progress{event, pos};
        }
        if (!parseHeaderLine(line)) return Progress{Event::error, pos};
        break;
    case State::chunkSize:
        if (!parseChunkSize(line)) return Progress{Event::error, pos};
        break;
    case State::chunkDataEnd:
        if (!line.empty()) return fail(400, "Malformed chunked body", pos);
        state_ = State::chunkSize;
        break;
    case State::trailer:
        if (line.empty()) { // trailer fields are read and ignored
            line_.clear();
            state_ = State::complete;
            return Progress{Event::messageComplete, pos};
        }
        break;
    default:
        break;
    }
    return std::nullopt;
}

bool HttpParser::reject(int status, std::string message) {
    fail(status, std::move(message), 0);
    return false;
}

bool HttpParser::parseRequestLine(std::string_view line) {
    const std::size_t methodEnd = line.find(' ');
    if (methodEnd == std::string_view::npos) return reject(400, "Malformed request line");
    const std::size_t targetEnd = line.find(' ', methodEnd + 1);
    if (targetEnd == std::string_view::npos) return reject(400, "Malformed request line");
    const std::string_view method = line.substr(0, methodEnd);
    const std::string_view target = line.substr(methodEnd + 1, targetEnd - methodEnd - 1);
    const std::string_view version = line.substr(targetEnd + 1);
    if (!isToken(method) || target.empty()) return reject(400, "Malformed request line");
    for (const char c : target) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f) return reject(400, "Malformed request line");
    }
    if (version.size() != 8 || version.compare(0, 5, "HTTP/") != 0 || version[6] != '.' || version[5] < '0' ||
        version[5] > '9' || version[7] < '0' || version[7] > '9')
        return reject(400, "Malformed request line");
    if (version[5] != '1') return reject(505, "HTTP version not supported");
    request_.method.assign(method);
    request_.target.assign(target);
    request_.minorVersion = version[7] - '0';
    return true;
}

bool HttpParser::parseHeaderLine(std::string_view line) {
    if (line.front() == ' ' || line.front() == '\t')
        return reject(400, "Malformed header: folded lines are not supported");
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return reject(400, "Malformed header");
    const std::string_view name = line.substr(0, colon);
    if (!isToken(name)) return reject(400, "Malformed header name");
    const std::string_view value = trimWhitespace(line.substr(colon + 1));
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f) return reject(400, "Malformed header value");
    }
    if (request_.headers.size() >= limits_.maxHeaderCount) return reject(431, "Too many header fields");

    if (equalsIgnoreCase(name, "content-length")) {
        if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return reject(400, "Invalid Content-Length");
        std::uint64_t length = 0;
        if (value.size() > 18) {
            length = std::numeric_limits<std::uint64_t>::max(); // certainly over any limit
        } else {
            for (const char c : value) length = length * 10 + static_cast<std::uint64_t>(c - '0');
        }
        if (seenContentLength_ && length != contentLength_) return reject(400, "Conflicting Content-Length headers");
        seenContentLength_ = true;
        contentLength_ = length;
    } else if (equalsIgnoreCase(name, "transfer-encoding")) {
        seenTransferEncoding_ = true;
        forEachListElement(value, [this](std::string_view coding) {
            if (equalsIgnoreCase(coding, "chunked"))
                ++chunkedCodings_;
            else if (unsupportedCoding_.empty())
                unsupportedCoding_.assign(coding);
        });
    } else if (equalsIgnoreCase(name, "connection")) {
        forEachListElement(value, [this](std::string_view option) {
            if (equalsIgnoreCase(option, "close")) connectionClose_ = true;
            if (equalsIgnoreCase(option, "keep-alive")) connectionKeepAlive_ = true;
        });
    } else if (equalsIgnoreCase(name, "expect")) {
        if (equalsIgnoreCase(value, "100-continue")) request_.expectsContinue = true;
    }
    request_.headers.emplace_back(std::string(name), std::string(value));
    return true;
}

HttpParser::Event HttpParser::finishHead() {
    request_.keepAlive = request_.minorVersion >= 1 ? !connectionClose_ : (connectionKeepAlive_ && !connectionClose_);
    if (seenTransferEncoding_) {
        if (!unsupportedCoding_.empty())
            return reject(501, "Transfer-Encoding '" + unsupportedCoding_ + "' is not supported"), Event::error;
        if (chunkedCodings_ != 1) return reject(400, "Malformed Transfer-Encoding"), Event::error;
        if (seenContentLength_) return reject(400, "Both Content-Length and Transfer-Encoding given"), Event::error;
        request_.hasBody = true;
        state_ = State::chunkSize;
        return Event::headersComplete;
    }
    if (contentLength_ > limits_.maxBodyBytes) return reject(413, "Request body too large"), Event::error;
    if (contentLength_ == 0) {
        state_ = State::complete;
        return Event::messageComplete;
    }
    request_.hasBody = true;
    request_.body.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(contentLength_, bodyReserveCap)));
    remaining_ = static_cast<std::size_t>(contentLength_);
    state_ = State::body;
    return Event::headersComplete;
}

bool HttpParser::parseChunkSize(std::string_view line) {
    std::uint64_t size = 0;
    std::size_t digits = 0;
    while (digits < line.size() && hexValue(line[digits]) >= 0) {
        if (digits == 15) return reject(413, "Request body too large"); // over any sane limit
        size = size * 16 + static_cast<std::uint64_t>(hexValue(line[digits]));
        ++digits;
    }
    if (digits == 0) return reject(400, "Malformed chunked body");
    const std::string_view rest = trimWhitespace(line.substr(digits));
    if (!rest.empty() && rest.front() != ';') return reject(400, "Malformed chunked body");
    if (size > limits_.maxBodyBytes - std::min(limits_.maxBodyBytes, request_.body.size()))
        return reject(413, "Request body too large");
    if (size == 0) {
        state_ = State::trailer;
    } else {
        remaining_ = static_cast<std::size_t>(size);
        state_ = State::chunkData;
    }
    return true;
}

} // namespace motel::host
