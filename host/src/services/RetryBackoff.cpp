#include "services/RetryBackoff.h"

#include <algorithm>
#include <stdexcept>

namespace motel::host {

RetryBackoff::RetryBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap) : base_(base), cap_(cap) {
    if (base.count() <= 0 || cap < base)
        throw std::invalid_argument("retry delays must be positive, the cap no smaller than the base");
}

std::chrono::milliseconds RetryBackoff::delayAfter(int failures) const {
    auto delay = base_;
    for (int failure = 1; failure < failures && delay < cap_; ++failure) delay *= 2;
    return std::min(delay, cap_);
}

} // namespace motel::host
