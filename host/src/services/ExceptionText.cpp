#include "services/ExceptionText.h"

#include <motel/sdk/ExceptionText.h>

namespace motel::host {

std::string describeCurrentException() {
    return sdk::describeCurrentException();
}

} // namespace motel::host
