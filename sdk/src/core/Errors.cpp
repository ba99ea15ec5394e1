#include <motel/sdk/Errors.h>

namespace motel::sdk {

namespace {
std::string joined(const std::vector<std::string>& messages) {
    std::string text;
    for (const auto& m : messages) {
        if (!text.empty()) text += "; ";
        text += m;
    }
    return text;
}
} // namespace

HttpError::HttpError(int status, std::string message)
    : std::runtime_error(message), status_(status), messages_{std::move(message)}, asList_(false) {}

HttpError::HttpError(int status, std::vector<std::string> messages, bool asList)
    : std::runtime_error(joined(messages)), status_(status), messages_(std::move(messages)), asList_(asList) {}

HttpError::~HttpError() = default;

HttpError& HttpError::withHeader(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
}

const char* HttpError::reasonFor(int status) noexcept {
    switch (status) {
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Payload Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return status < 500 ? "Bad Request" : "Internal Server Error";
    }
}

ValidationError::ValidationError(std::vector<std::string> problems) : HttpError(400, std::move(problems), true) {}

ValidationError::ValidationError(std::string problem)
    : HttpError(400, std::vector<std::string>{std::move(problem)}, true) {}

TooManyRequests::TooManyRequests(std::string message, int retryAfterSeconds) : HttpError(429, std::move(message)) {
    withHeader("Retry-After", std::to_string(retryAfterSeconds < 1 ? 1 : retryAfterSeconds));
}

} // namespace motel::sdk
