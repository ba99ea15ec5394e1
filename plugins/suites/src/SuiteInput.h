#pragma once
/// Reads and validates the bodies of `POST /api/suites` and
/// `PATCH /api/suites/:id` with sdk::BodyReader: every problem at once, each
/// message naming its field, unknown properties refused.

#include <motel/sdk/Request.h>
#include "SuiteTypes.h"

namespace motel::suites {

class SuiteInput {
public:
    /// A new suite with the contract's defaults (type standard, vacant,
    /// clean, in_service, name/notes null). Throws sdk::ValidationError.
    static Suite readNew(const sdk::Request& request);
    /// The fields present in a PATCH body. Throws sdk::ValidationError.
    static SuiteChange readChange(const sdk::Request& request);
};

} // namespace motel::suites
