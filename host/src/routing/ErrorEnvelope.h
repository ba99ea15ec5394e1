#pragma once
// The one place where errors become the API's envelope
// {"statusCode": N, "message": "..." | [...], "error": "<reason>"}.

#include <motel/sdk/Errors.h>
#include <motel/sdk/Response.h>

#include <Poco/JSON/Array.h>

#include <cstddef>
#include <string>
#include <vector>

namespace motel::host {

/// A reply never grows with the input: a list shows the first kMaxMessages
/// problems and then one `and N more problems` line (a login body with 90k
/// unknown keys once got a 3 MB answer), and each message (which may quote a
/// key or a path the client sent) is cut to kMaxMessageBytes.
inline constexpr std::size_t kMaxMessages = 20;
inline constexpr std::size_t kMaxMessageBytes = 300;

/// The envelope's `message` list for `messages`, capped as above.
Poco::JSON::Array::Ptr messageList(const std::vector<std::string>& messages);

/// Fill `response` with the envelope for `error` (status, headers, body).
void renderError(const sdk::HttpError& error, sdk::Response& response);
/// Shorthand for a single-message error.
void renderError(int status, const std::string& message, sdk::Response& response);

} // namespace motel::host
