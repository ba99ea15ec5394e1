#include "services/redis/RedisReply.h"

#include <hiredis/hiredis.h>

#include <Poco/NumberParser.h>

#include <stdexcept>

namespace motel::host {

RedisReply RedisReply::from(const redisReply& reply) {
    RedisReply value;
    switch (reply.type) {
    case REDIS_REPLY_INTEGER:
        value._type = Type::integer;
        value._integer = reply.integer;
        break;
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
        value._type = reply.type == REDIS_REPLY_STRING   ? Type::string
                      : reply.type == REDIS_REPLY_STATUS ? Type::status
                                                         : Type::error;
        value._text.assign(reply.str, reply.len);
        break;
    case REDIS_REPLY_ARRAY:
        value._type = Type::array;
        value._elements.reserve(reply.elements);
        for (std::size_t index = 0; index < reply.elements; ++index)
            value._elements.push_back(from(*reply.element[index]));
        break;
    default:
        value._type = Type::nil;
    }
    return value;
}

RedisReply RedisReply::ofInteger(std::int64_t value) {
    RedisReply reply;
    reply._type = Type::integer;
    reply._integer = value;
    return reply;
}

const std::string& RedisReply::text() const {
    if (_type != Type::string && _type != Type::status && _type != Type::error)
        throw std::runtime_error("Redis reply is not a string");
    return _text;
}

std::int64_t RedisReply::integer() const {
    if (_type == Type::integer) return _integer;
    Poco::Int64 parsed = 0;
    if (_type == Type::string && Poco::NumberParser::tryParse64(_text, parsed)) return parsed;
    throw std::runtime_error("Redis reply is not an integer");
}

const std::vector<RedisReply>& RedisReply::elements() const {
    if (_type != Type::array && _type != Type::nil) throw std::runtime_error("Redis reply is not an array");
    return _elements;
}

} // namespace motel::host
