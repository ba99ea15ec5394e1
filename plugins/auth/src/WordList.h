#pragma once
/// A fixed set of words in one block of memory: the words sorted, stored end
/// to end in one string, found by binary search. The common-password lists
/// (about 58,000 words, 520 KB of text) took 3.4 MB of heap as an
/// unordered_set of strings, more than the rest of the host's heap; this
/// takes the text plus 4 bytes per word.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace motel::auth {

class WordList {
public:
    /// Duplicates are dropped; words are kept as given (no case folding).
    explicit WordList(std::vector<std::string> words = {});

    bool contains(std::string_view word) const;
    std::size_t size() const { return starts_.empty() ? 0 : starts_.size() - 1; }

private:
    std::string text_;                  ///< every word, sorted, end to end
    std::vector<std::uint32_t> starts_; ///< word i is text_[starts_[i], starts_[i + 1])

    std::string_view word(std::size_t i) const {
        return std::string_view(text_).substr(starts_[i], starts_[i + 1] - starts_[i]);
    }
};

} // namespace motel::auth
