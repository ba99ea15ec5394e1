#pragma once
/// The errors a route handler may throw. They are the only exceptions the SDK
/// lets cross the plugin boundary: the host turns each into the API's error
/// envelope `{"statusCode","message","error"}` in exactly one place. Anything
/// else escaping a handler becomes a 500 without details.

#include <motel/sdk/Export.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace motel::sdk {

/// An HTTP error with a status, the status's reason ("Not Found") and one or
/// more messages. `messageIsList()` decides whether the envelope's `message`
/// is an array (validation) or a single string.
class MOTEL_SDK_API HttpError : public std::runtime_error {
public:
    HttpError(int status, std::string message);
    HttpError(int status, std::vector<std::string> messages, bool asList);
    ~HttpError() override;

    int status() const noexcept { return status_; }
    const std::vector<std::string>& messages() const noexcept { return messages_; }
    bool messageIsList() const noexcept { return asList_; }

    /// Extra response headers (for example `Retry-After`, `Allow`).
    const std::vector<std::pair<std::string, std::string>>& headers() const noexcept { return headers_; }
    HttpError& withHeader(std::string name, std::string value);

    /// The standard reason phrase for a status ("Bad Request", "Conflict").
    static const char* reasonFor(int status) noexcept;

private:
    int status_;
    std::vector<std::string> messages_;
    bool asList_;
    std::vector<std::pair<std::string, std::string>> headers_;
};

/// 400 with `message` as an array, one entry per problem, each naming its field.
class MOTEL_SDK_API ValidationError : public HttpError {
public:
    explicit ValidationError(std::vector<std::string> problems);
    explicit ValidationError(std::string problem);
};

/// 400 with a single string message (malformed JSON and the like).
class MOTEL_SDK_API BadRequest : public HttpError {
public:
    explicit BadRequest(std::string message) : HttpError(400, std::move(message)) {}
};

class MOTEL_SDK_API Unauthorized : public HttpError {
public:
    explicit Unauthorized(std::string message = "Unauthorized") : HttpError(401, std::move(message)) {}
};

class MOTEL_SDK_API Forbidden : public HttpError {
public:
    explicit Forbidden(std::string message = "Forbidden resource") : HttpError(403, std::move(message)) {}
};

class MOTEL_SDK_API NotFound : public HttpError {
public:
    explicit NotFound(std::string message) : HttpError(404, std::move(message)) {}
};

class MOTEL_SDK_API Conflict : public HttpError {
public:
    explicit Conflict(std::string message) : HttpError(409, std::move(message)) {}
};

class MOTEL_SDK_API PreconditionFailed : public HttpError {
public:
    explicit PreconditionFailed(std::string message) : HttpError(412, std::move(message)) {}
};

class MOTEL_SDK_API TooManyRequests : public HttpError {
public:
    TooManyRequests(std::string message, int retryAfterSeconds);
};

class MOTEL_SDK_API ServiceUnavailable : public HttpError {
public:
    explicit ServiceUnavailable(std::string message = "Service Unavailable") : HttpError(503, std::move(message)) {}
};

} // namespace motel::sdk
