#pragma once
// The one place where errors become the API's envelope
// {"statusCode": N, "message": "..." | [...], "error": "<reason>"}.

#include <motel/sdk/Errors.h>
#include <motel/sdk/Response.h>

#include <string>

namespace motel::host {

/// Fill `response` with the envelope for `error` (status, headers, body).
void renderError(const sdk::HttpError& error, sdk::Response& response);
/// Shorthand for a single-message error.
void renderError(int status, const std::string& message, sdk::Response& response);

} // namespace motel::host
