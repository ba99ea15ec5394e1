#include "db/SqlScript.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <Poco/String.h>

#include <cctype>
#include <stdexcept>

namespace motel::host {

std::string SqlScript::expandTokens(const std::string& sql, sdk::Dialect dialect) {
    const bool sqlite = dialect == sdk::Dialect::sqlite;
    std::string out;
    out.reserve(sql.size());
    std::size_t pos = 0;
    while (true) {
        const auto open = sql.find("{{", pos);
        if (open == std::string::npos) break;
        const auto close = sql.find("}}", open + 2);
        if (close == std::string::npos) throw std::invalid_argument("unterminated '{{' in migration SQL");
        const std::string token = Poco::trim(sql.substr(open + 2, close - open - 2));
        out.append(sql, pos, open - pos);
        if (token == "id")
            out += sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
        else if (token == "bigint")
            out += sqlite ? "INTEGER" : "BIGINT";
        else
            throw std::invalid_argument("unknown token '{{" + token +
                                        "}}' in migration SQL (known: {{id}}, {{bigint}})");
        pos = close + 2;
    }
    out.append(sql, pos, std::string::npos);
    return out;
}

std::vector<std::string> SqlScript::split(const std::string& sql) {
    std::vector<std::string> statements;
    std::string current;
    bool hasCode = false;
    auto finish = [&] {
        if (hasCode) statements.push_back(Poco::trim(current));
        current.clear();
        hasCode = false;
    };
    const std::size_t n = sql.size();
    std::size_t i = 0;
    while (i < n) {
        const char c = sql[i];
        const char next = i + 1 < n ? sql[i + 1] : '\0';
        std::size_t end = i + 1; // one past the piece that starts at i
        if (c == ';') {
            finish();
            ++i;
            continue;
        }
        if (c == '-' && next == '-') {
            end = sql.find('\n', i);
            end = end == std::string::npos ? n : end + 1;
        } else if (c == '/' && next == '*') {
            end = sql.find("*/", i + 2);
            end = end == std::string::npos ? n : end + 2;
        } else if (c == '\'' || c == '"') {
            end = i + 1;
            while (end < n) { // a doubled quote is an escaped one
                if (sql[end] == c && (end + 1 >= n || sql[end + 1] != c)) break;
                end += sql[end] == c ? 2 : 1;
            }
            end = end < n ? end + 1 : n;
            hasCode = true;
        } else if (c == '$' && (next == '$' || std::isalpha(static_cast<unsigned char>(next)) || next == '_')) {
            auto tagEnd = sql.find('$', i + 1);
            const std::string tag = tagEnd == std::string::npos ? "" : sql.substr(i, tagEnd - i + 1);
            bool isTag = !tag.empty();
            for (std::size_t k = 1; isTag && k + 1 < tag.size(); ++k)
                isTag = std::isalnum(static_cast<unsigned char>(tag[k])) || tag[k] == '_';
            if (isTag) {
                const auto close = sql.find(tag, i + tag.size());
                end = close == std::string::npos ? n : close + tag.size();
            }
            hasCode = true;
        } else if (!std::isspace(static_cast<unsigned char>(c))) {
            hasCode = true;
        }
        current.append(sql, i, end - i);
        i = end;
    }
    finish();
    return statements;
}

std::string SqlScript::checksum(const std::string& sql) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(sql);
    return Poco::DigestEngine::digestToHex(engine.digest());
}

} // namespace motel::host
