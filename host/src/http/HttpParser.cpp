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
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return isTokenChar(static_cast<unsigned char>(c)); });
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
template <typename Visit>
void forEachListElement(std::string_view list, Visit visit) {
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

HttpParser::HttpParser(HttpParserLimits limits) : _limits(limits) {}

bool HttpParser::readingBody() const {
    switch (_state) {
    case State::body: case State::chunkSize: case State::chunkData: case State::chunkDataEnd: case State::trailer:
        return true;
    default:
        return false;
    }
}

void HttpParser::reset() {
    _state = State::requestLine;
    _request = ParsedRequest{};
    if (_line.capacity() > 256)
        std::string().swap(_line); // an idle connection keeps no big buffer
    else
        _line.clear();
    _headBytes = 0;
    _remaining = 0;
    _seenContentLength = false;
    _contentLength = 0;
    _seenTransferEncoding = false;
    _chunkedCodings = 0;
    _unsupportedCoding.clear();
    _connectionClose = false;
    _connectionKeepAlive = false;
    _errorStatus = 0;
    _errorMessage.clear();
}

ParsedRequest HttpParser::take() {
    ParsedRequest request = std::move(_request);
    reset();
    return request;
}

HttpParser::Progress HttpParser::fail(int status, std::string message, std::size_t consumed) {
    _state = State::failed;
    _errorStatus = status;
    _errorMessage = std::move(message);
    return {Event::error, consumed};
}

HttpParser::Progress HttpParser::feed(const char* data, std::size_t size) {
    std::size_t pos = 0;
    for (;;) {
        if (_state == State::complete) return {Event::messageComplete, pos};
        if (_state == State::failed) return {Event::error, pos};
        if (_state == State::body || _state == State::chunkData) {
            if (const auto stop = readBodyBytes(data, size, pos)) return *stop;
            continue;
        }
        if (pos == size) return {Event::needMore, pos};
        std::string_view line;
        if (const auto stop = readLine(data, size, pos, line)) return *stop;
        if (const auto stop = handleLine(line, pos)) return *stop;
        _line.clear();
    }
}

std::optional<HttpParser::Progress> HttpParser::readBodyBytes(const char* data, std::size_t size, std::size_t& pos) {
    const std::size_t n = std::min(_remaining, size - pos);
    _request.body.append(data + pos, n);
    pos += n;
    _remaining -= n;
    if (_remaining > 0) return Progress{Event::needMore, pos};
    if (_state == State::body) {
        _state = State::complete;
        return Progress{Event::messageComplete, pos};
    }
    _state = State::chunkDataEnd;
    return std::nullopt;
}

std::optional<HttpParser::Progress> HttpParser::readLine(const char* data, std::size_t size, std::size_t& pos,
                                                         std::string_view& line) {
    const char* start = data + pos;
    const std::size_t available = size - pos;
    const char* newline = static_cast<const char*>(std::memchr(start, '\n', available));
    const std::size_t take = newline ? static_cast<std::size_t>(newline - start) + 1 : available;
    if (const auto over = chargeLineBytes(take, pos)) return over;
    if (!newline) { // a line split across reads waits in _line
        _line.append(start, take);
        return Progress{Event::needMore, size};
    }
    if (_line.empty()) {
        line = std::string_view(start, take - 1);
    } else {
        _line.append(start, take - 1);
        line = _line;
    }
    pos += take;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find('\r') != std::string_view::npos) return fail(400, "Malformed request: bare CR", pos);
    return std::nullopt;
}

std::optional<HttpParser::Progress> HttpParser::chargeLineBytes(std::size_t take, std::size_t pos) {
    const bool inHead = _state == State::requestLine || _state == State::headerLine || _state == State::trailer;
    if (inHead) {
        if (_headBytes + take > _limits.maxHeaderBytes) return fail(431, "Request header fields too large", pos);
        _headBytes += take;
    } else if (_line.size() + take > _limits.maxChunkLineBytes) {
        return fail(400, "Malformed chunked body", pos);
    }
    return std::nullopt;
}

std::optional<HttpParser::Progress> HttpParser::handleLine(std::string_view line, std::size_t pos) {
    switch (_state) {
    case State::requestLine:
        if (!line.empty()) { // empty lines before a request are ignored (RFC 9112 2.2)
            if (!parseRequestLine(line)) return Progress{Event::error, pos};
            _state = State::headerLine;
        }
        break;
    case State::headerLine:
        if (line.empty()) {
            _line.clear();
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
        _state = State::chunkSize;
        break;
    case State::trailer:
        if (line.empty()) { // trailer fields are read and ignored
            _line.clear();
            _state = State::complete;
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
    _request.method.assign(method);
    _request.target.assign(target);
    _request.minorVersion = version[7] - '0';
    return true;
}

bool HttpParser::parseHeaderLine(std::string_view line) {
    if (line.front() == ' ' || line.front() == '\t') return reject(400, "Malformed header: folded lines are not supported");
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return reject(400, "Malformed header");
    const std::string_view name = line.substr(0, colon);
    if (!isToken(name)) return reject(400, "Malformed header name");
    const std::string_view value = trimWhitespace(line.substr(colon + 1));
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f) return reject(400, "Malformed header value");
    }
    if (_request.headers.size() >= _limits.maxHeaderCount) return reject(431, "Too many header fields");

    if (equalsIgnoreCase(name, "content-length")) {
        if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return reject(400, "Invalid Content-Length");
        std::uint64_t length = 0;
        if (value.size() > 18) {
            length = std::numeric_limits<std::uint64_t>::max(); // certainly over any limit
        } else {
            for (const char c : value) length = length * 10 + static_cast<std::uint64_t>(c - '0');
        }
        if (_seenContentLength && length != _contentLength) return reject(400, "Conflicting Content-Length headers");
        _seenContentLength = true;
        _contentLength = length;
    } else if (equalsIgnoreCase(name, "transfer-encoding")) {
        _seenTransferEncoding = true;
        forEachListElement(value, [this](std::string_view coding) {
            if (equalsIgnoreCase(coding, "chunked"))
                ++_chunkedCodings;
            else if (_unsupportedCoding.empty())
                _unsupportedCoding.assign(coding);
        });
    } else if (equalsIgnoreCase(name, "connection")) {
        forEachListElement(value, [this](std::string_view option) {
            if (equalsIgnoreCase(option, "close")) _connectionClose = true;
            if (equalsIgnoreCase(option, "keep-alive")) _connectionKeepAlive = true;
        });
    } else if (equalsIgnoreCase(name, "expect")) {
        if (equalsIgnoreCase(value, "100-continue")) _request.expectsContinue = true;
    }
    _request.headers.emplace_back(std::string(name), std::string(value));
    return true;
}

HttpParser::Event HttpParser::finishHead() {
    _request.keepAlive = _request.minorVersion >= 1 ? !_connectionClose : (_connectionKeepAlive && !_connectionClose);
    if (_seenTransferEncoding) {
        if (!_unsupportedCoding.empty())
            return reject(501, "Transfer-Encoding '" + _unsupportedCoding + "' is not supported"), Event::error;
        if (_chunkedCodings != 1) return reject(400, "Malformed Transfer-Encoding"), Event::error;
        if (_seenContentLength) return reject(400, "Both Content-Length and Transfer-Encoding given"), Event::error;
        _request.hasBody = true;
        _state = State::chunkSize;
        return Event::headersComplete;
    }
    if (_contentLength > _limits.maxBodyBytes) return reject(413, "Request body too large"), Event::error;
    if (_contentLength == 0) {
        _state = State::complete;
        return Event::messageComplete;
    }
    _request.hasBody = true;
    _request.body.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(_contentLength, bodyReserveCap)));
    _remaining = static_cast<std::size_t>(_contentLength);
    _state = State::body;
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
    if (size > _limits.maxBodyBytes - std::min(_limits.maxBodyBytes, _request.body.size()))
        return reject(413, "Request body too large");
    if (size == 0) {
        _state = State::trailer;
    } else {
        _remaining = static_cast<std::size_t>(size);
        _state = State::chunkData;
    }
    return true;
}

} // namespace motel::host
