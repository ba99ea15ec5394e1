#include "services/redis/RedisReply.h"

#include <hiredis/hiredis.h>

#include <Poco/NumberParser.h>

#include <stdexcept>

namespace motel::host {

RedisReply RedisReply::from(const redisReply& reply) {
    RedisReply value;
    switch (reply.type) {
    case REDIS_REPLY_INTEGER:
        value.type_ = Type::integer;
        value.integer_ = reply.integer;
        break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
        value.type_ = reply.type == REDIS_REPLY_STRING   ? Type::string
                      : reply.type == REDIS_REPLY_STATUS ? Type::status
                                                         : Type::error;
        value.text_.assign(reply.str, reply.len);
        break;
    case REDIS_REPLY_ARRAY:
        value.type_ = Type::array;
        value.elements_.reserve(reply.elements);
        for (std::size_t index = 0; index < reply.elements; ++index)
            value.elements_.push_back(from(*reply.element[index]));
        break;
    default:
        value.type_ = Type::nil;
    }
    return value;
}

RedisReply RedisReply::ofInteger(std::int64_t value) {
    RedisReply reply;
    reply.type_ = Type::integer;
    reply.integer_ = value;
    return reply;
}

const std::string& RedisReply::text() const {
    if (type_ != Type::string && type_ != Type::status && type_ != Type::error)
        throw std::runtime_error("Redis reply is not a string");
    return text_;
}

std::int64_t RedisReply::integer() const {
    if (type_ == Type::integer) return integer_;
    Poco::Int64 parsed = 0;
    if (type_ == Type::string && Poco::NumberParser::tryParse64(text_, parsed)) return parsed;
    throw std::runtime_error("Redis reply is not an integer");
}

const std::vector<RedisReply>& RedisReply::elements() const {
    if (type_ != Type::array && type_ != Type::nil) throw std::runtime_error("Redis reply is not an array");
    return elements_;
}

} // namespace motel::host
