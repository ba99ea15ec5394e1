#include "WordList.h"

#include <algorithm>
#include <stdexcept>

namespace motel::auth {

WordList::WordList(std::vector<std::string> words) {
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    std::size_t total = 0;
    for (const auto& w : words) total += w.size();
    if (total > UINT32_MAX) throw std::length_error("word list too large");
    text_.reserve(total);
    starts_.reserve(words.size() + 1);
    for (const auto& w : words) {
        starts_.push_back(static_cast<std::uint32_t>(text_.size()));
        text_ += w;
    }
    starts_.push_back(static_cast<std::uint32_t>(text_.size()));
}

bool WordList::contains(std::string_view wanted) const {
    std::size_t low = 0, high = size();
    while (low < high) {
        const std::size_t middle = low + (high - low) / 2;
        const int order = word(middle).compare(wanted);
        if (order == 0) return true;
        if (order < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return false;
}

} // namespace motel::auth
