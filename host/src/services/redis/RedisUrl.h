#pragma once
// The host's Redis engines read `redis.url` with the SDK's parser, the one
// plugins use too.

#include <motel/sdk/RedisUrl.h>

namespace motel::host {

using RedisUrl = sdk::RedisUrl;

} // namespace motel::host
