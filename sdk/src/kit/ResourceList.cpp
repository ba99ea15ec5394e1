#include <motel/sdk/JsonList.h>
#include <motel/sdk/ResourceList.h>

#include <cstring>

namespace motel::sdk {

namespace {

/// MurmurHash64A (Austin Appleby, public domain): 8 bytes a step, so a 15 KiB
/// page costs a couple of microseconds; a fixed algorithm and seed, so every
/// host computes the same tag for the same body.
std::uint64_t murmur64(const char* data, std::size_t length) {
    constexpr std::uint64_t m = 0xc6a4a7935bd1e995ULL;
    constexpr int r = 47;
    constexpr std::uint64_t seed = 0x6d6f74656c6c6973ULL; // "motellis"
    std::uint64_t h = seed ^ (length * m);
    const char* const end = data + (length / 8) * 8;
    for (const char* at = data; at != end; at += 8) {
        std::uint64_t k;
        std::memcpy(&k, at, 8); // little-endian hosts only (x86-64, arm64), as the packages build
        k *= m;
        k ^= k >> r;
        k *= m;
        h ^= k;
        h *= m;
    }
    const auto* tail = reinterpret_cast<const unsigned char*>(end);
    switch (length & 7) {
    case 7:
        h ^= std::uint64_t(tail[6]) << 48;
        [[fallthrough]];
    case 6:
        h ^= std::uint64_t(tail[5]) << 40;
        [[fallthrough]];
    case 5:
        h ^= std::uint64_t(tail[4]) << 32;
        [[fallthrough]];
    case 4:
        h ^= std::uint64_t(tail[3]) << 24;
        [[fallthrough]];
    case 3:
        h ^= std::uint64_t(tail[2]) << 16;
        [[fallthrough]];
    case 2:
        h ^= std::uint64_t(tail[1]) << 8;
        [[fallthrough]];
    case 1:
        h ^= std::uint64_t(tail[0]);
        h *= m;
    }
    h ^= h >> r;
    h *= m;
    h ^= h >> r;
    return h;
}

void appendHex(std::string& out, std::uint64_t value) {
    static const char* const digits = "0123456789abcdef";
    char text[16];
    int n = 0;
    do {
        text[n++] = digits[value & 0xf];
        value >>= 4;
    } while (value);
    while (n) out += text[--n];
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

} // namespace

std::string ResourceList::render(SqlSession& session, const SqlQuery& page, const SqlQuery& count, std::int64_t limit,
                                 std::int64_t offset, const AppendRow& appendRow) {
    std::string out;
    out.reserve(64 + static_cast<std::size_t>(limit) * 320);
    out += "{\"data\":[";
    std::int64_t total = 0;
    bool any = false;
    session.forEachRow(page.sql, page.params, [&](const RowView& row) {
        if (any) out += ',';
        any = true;
        appendRow(out, row);
        total = row.integer(row.size() - 1);
    });
    if (!any && offset > 0) {
        session.forEachRow(count.sql, count.params, [&](const RowView& row) { total = row.integer(0); });
    }
    out += "],\"total\":";
    appendJsonInteger(out, total);
    out += ",\"limit\":";
    appendJsonInteger(out, limit);
    out += ",\"offset\":";
    appendJsonInteger(out, offset);
    out += '}';
    return out;
}

std::string ResourceList::etagOf(const std::string& body) {
    std::string tag = "\"";
    appendHex(tag, murmur64(body.data(), body.size()));
    tag += '-';
    appendHex(tag, body.size());
    tag += '"';
    return tag;
}

bool ResourceList::noneMatchNames(const std::string& ifNoneMatch, const std::string& etag) {
    std::string_view rest = ifNoneMatch;
    while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        std::string_view tag = trimmed(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
        if (tag == "*" || tag == etag) return true;
    }
    return false;
}

void ResourceList::respond(const Request& request, Response& response, std::string body) {
    std::string etag = etagOf(body);
    const std::string ifNoneMatch = request.header("If-None-Match");
    if (!ifNoneMatch.empty() && noneMatchNames(ifNoneMatch, etag)) {
        response.status = 304;
        response.body.clear();
    } else {
        response.text(200, JsonList::kContentType, std::move(body));
    }
    response.setHeader("ETag", std::move(etag));
}

} // namespace motel::sdk
