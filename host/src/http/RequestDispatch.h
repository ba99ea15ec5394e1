#pragma once

#include "http/ConnectionTakeover.h"

#include <motel/sdk/Request.h>
#include <motel/sdk/Response.h>

#include <functional>

namespace motel::host {

/// What the HTTP front end calls for every well-formed request, on a worker
/// thread (never on an I/O thread). The request arrives with method, path,
/// query, headers, body and remoteAddress filled; routeTemplate, params, json,
/// principal and requestId are the dispatcher's to fill. `request.exchange`
/// points at the request's sdk::Exchange (HttpExchange) until the call
/// returns: handlers defer their answer or take the connection over through
/// it (`exchange->takeOver()` and the ConnectionTakeover argument are the same
/// claim). sdk::HttpError thrown
/// from here is rendered as its envelope, anything else as a 500
/// `Internal server error` without details.
using RequestDispatch = std::function<void(sdk::Request&, sdk::Response&, ConnectionTakeover&)>;

} // namespace motel::host
