#include "services/redis/RedisScript.h"

#include "services/redis/RedisConnection.h"
#include "services/redis/RedisError.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>

namespace motel::host {

RedisScript::RedisScript(std::string source) : source_(std::move(source)) {
    Poco::SHA1Engine engine;
    engine.update(source_);
    sha1_ = Poco::DigestEngine::digestToHex(engine.digest());
}

RedisReply RedisScript::run(RedisConnection& connection, const std::vector<std::string>& keys,
                            const std::vector<std::string>& args) const {
    std::vector<std::string> command{"EVALSHA", sha1_, std::to_string(keys.size())};
    command.insert(command.end(), keys.begin(), keys.end());
    command.insert(command.end(), args.begin(), args.end());
    try {
        return connection.command(command);
    } catch (const RedisCommandError& error) {
        if (!error.is("NOSCRIPT")) throw;
    }
    command[0] = "EVAL";
    command[1] = source_;
    return connection.command(command);
}

} // namespace motel::host
