#pragma once
// One Redis reply as a plain value.

#include <cstdint>
#include <string>
#include <vector>

struct redisReply;

namespace motel::host {

/// A reply copied out of hiredis's tree, so it can outlive the context and
/// carries no manual freeing. Error replies never become a RedisReply at the
/// top level (RedisConnection throws RedisCommandError instead); inside an
/// array they keep type `error`.
class RedisReply {
public:
    enum class Type { nil, integer, string, status, array, error };

    RedisReply() = default;
    static RedisReply from(const redisReply& reply);
    static RedisReply ofInteger(std::int64_t value);

    Type type() const { return type_; }
    bool isNil() const { return type_ == Type::nil; }
    bool isArray() const { return type_ == Type::array; }
    /// The text of a string, status or error reply; std::runtime_error otherwise.
    const std::string& text() const;
    /// An integer reply, or a string holding one (Lua turns some numbers into
    /// strings); std::runtime_error otherwise.
    std::int64_t integer() const;
    /// The elements of an array reply; empty for nil; std::runtime_error otherwise.
    const std::vector<RedisReply>& elements() const;

private:
    Type type_ = Type::nil;
    std::int64_t integer_ = 0;
    std::string text_;
    std::vector<RedisReply> elements_;
};

} // namespace motel::host
