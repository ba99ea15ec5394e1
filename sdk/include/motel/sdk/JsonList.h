#pragma once
/// Kit (Motel::sdk_kit). Renders the contract's list envelope `{"data":[...],"total","limit","offset"}`
/// as text, each item written by the resource's own renderer. Same shape as
/// sdk::ListQuery::envelope(), without building a tree per row (the list
/// endpoints are the hot path).

#include <cstdint>
#include <string>
#include <vector>

namespace motel::sdk {

class JsonList {
public:
    /// `append(out, item)` appends one item's JSON text to `out`.
    template <class Item, class Append>
    static std::string render(const std::vector<Item>& items, Append append, std::int64_t total, std::int64_t limit,
                              std::int64_t offset) {
        std::string out;
        out.reserve(64 + items.size() * 360);
        out += "{\"data\":[";
        bool first = true;
        for (const auto& item : items) {
            if (!first) out += ',';
            first = false;
            append(out, item);
        }
        out += "],\"total\":" + std::to_string(total) + ",\"limit\":" + std::to_string(limit) +
               ",\"offset\":" + std::to_string(offset) + "}";
        return out;
    }

    static constexpr const char* kContentType = "application/json; charset=utf-8";
};

} // namespace motel::sdk
