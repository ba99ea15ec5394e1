#include "TokenService.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/NumberParser.h>

#include <sodium.h>

#include <cmath>
#include <cstring>
#include <sstream>

#include <stdexcept>
#include <vector>

namespace motel::auth {

namespace {

/// The header of every token issued here: {"alg":"HS256","typ":"JWT"}.
constexpr const char* kIssuedHeader = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

/// Strict base64url without padding (libsodium refuses stray characters and
/// non-zero trailing bits, so a token has exactly one valid spelling).
std::optional<std::string> decodeSegment(const std::string& segment) {
    if (segment.empty()) return std::nullopt;
    std::vector<unsigned char> out(segment.size());
    std::size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), segment.data(), segment.size(), nullptr, &length, &end,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        end != segment.data() + segment.size())
        return std::nullopt;
    return std::string(reinterpret_cast<const char*>(out.data()), length);
}

Poco::JSON::Object::Ptr parseObject(const std::string& text) {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var value = parser.parse(text);
    if (value.type() != typeid(Poco::JSON::Object::Ptr)) return nullptr;
    return value.extract<Poco::JSON::Object::Ptr>();
}

/// A NumericDate claim (RFC 7519: seconds, fractions allowed), whole seconds.
std::optional<std::int64_t> dateClaim(const Poco::JSON::Object& payload, const std::string& name) {
    if (!payload.has(name)) return std::nullopt;
    const Poco::Dynamic::Var value = payload.get(name);
    if (value.isBoolean() || !value.isNumeric()) return std::nullopt;
    if (value.isInteger()) return value.convert<Poco::Int64>();
    const double seconds = value.convert<double>();
    if (!std::isfinite(seconds) || std::fabs(seconds) > 1e15) return std::nullopt;
    return static_cast<std::int64_t>(std::floor(seconds));
}

/// `sub` as issued (a decimal string); a positive JSON integer is accepted too.
std::optional<std::int64_t> subjectClaim(const Poco::JSON::Object& payload) {
    if (!payload.has("sub")) return std::nullopt;
    const Poco::Dynamic::Var value = payload.get("sub");
    Poco::Int64 id = 0;
    if (value.isString()) {
        const std::string text = value.toString();
        if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos ||
            !Poco::NumberParser::tryParse64(text, id))
            return std::nullopt;
    } else if (value.isInteger()) {
        id = value.convert<Poco::Int64>();
    } else {
        return std::nullopt;
    }
    if (id <= 0) return std::nullopt;
    return id;
}

/// `jti` as issued (22 base64url characters); anything short and base64url is accepted.
std::optional<std::string> tokenIdClaim(const Poco::JSON::Object& payload) {
    const Poco::Dynamic::Var value = payload.get("jti");
    if (!value.isString()) return std::nullopt;
    std::string id = value.toString();
    if (id.empty() || id.size() > 64 ||
        id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != std::string::npos)
        return std::nullopt;
    return id;
}

std::string encodeSegment(const std::string& bytes) {
    std::string text(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    text.resize(std::strlen(text.c_str()));
    return text;
}

void hmacSha256(const std::string& secret, const std::string& input,
                unsigned char (&out)[crypto_auth_hmacsha256_BYTES]) {
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(input.data()), input.size());
    crypto_auth_hmacsha256_final(&state, out);
    sodium_memzero(&state, sizeof state);
}

bool hmacMatches(const std::string& secret, const std::string& signingInput, const std::string& presented) {
    unsigned char expected[crypto_auth_hmacsha256_BYTES];
    hmacSha256(secret, signingInput, expected);
    return sodium_memcmp(expected, presented.data(), sizeof expected) == 0;
}

std::string randomTokenId() {
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    char text[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return std::string(text);
}

} // namespace

TokenService::TokenService(std::string secret, std::chrono::seconds lifetime, std::string previousSecret)
    : secret_(std::move(secret)), previousSecret_(std::move(previousSecret)), lifetime_(lifetime) {
    if (secret_.empty()) throw std::invalid_argument("TokenService needs a secret");
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string TokenService::issue(std::int64_t userId, const std::string& role, std::int64_t tokenVersion,
                                Poco::Timestamp now) const {
    // Whole seconds, as every JWT library writes them.
    const Poco::Int64 issuedAt = now.epochTime();
    Poco::JSON::Object payload;
    payload.set("sub", std::to_string(userId));
    payload.set("role", role);
    payload.set("ver", static_cast<Poco::Int64>(tokenVersion));
    payload.set("jti", randomTokenId());
    payload.set("iat", issuedAt);
    payload.set("exp", issuedAt + static_cast<Poco::Int64>(lifetime_.count()));
    std::ostringstream payloadText;
    payload.stringify(payloadText);

    std::string jwt = std::string(kIssuedHeader) + "." + encodeSegment(payloadText.str());
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    hmacSha256(secret_, jwt, mac);
    jwt += '.';
    jwt += encodeSegment(std::string(reinterpret_cast<const char*>(mac), sizeof mac));
    return jwt;
}

bool TokenService::headerIsHs256(const std::string& encodedHeader) {
    // Every token this host issues carries this exact header: knowing it
    // spares the JSON parse per request (any other spelling is parsed).
    if (encodedHeader == kIssuedHeader) return true;
    const auto header = decodeSegment(encodedHeader);
    if (!header) return false;
    const auto object = parseObject(*header);
    if (!object) return false;
    if (!object->has("alg") || !object->get("alg").isString() || object->getValue<std::string>("alg") != "HS256")
        return false;
    if (object->has("typ") && (!object->get("typ").isString() || object->getValue<std::string>("typ") != "JWT"))
        return false;
    // Critical extensions we do not understand (RFC 7515 4.1.11) make the token invalid.
    return !object->has("crit");
}

const std::string* TokenService::signingSecret(const std::string& signingInput,
                                               const std::string& encodedSignature) const {
    const auto presented = decodeSegment(encodedSignature);
    if (!presented || presented->size() != crypto_auth_hmacsha256_BYTES) return nullptr;
    if (hmacMatches(secret_, signingInput, *presented)) return &secret_;
    if (!previousSecret_.empty() && hmacMatches(previousSecret_, signingInput, *presented)) return &previousSecret_;
    return nullptr;
}

std::optional<TokenClaims> TokenService::verify(const std::string& jwt, Poco::Timestamp now) const {
    if (jwt.empty() || jwt.size() > kMaxTokenLength) return std::nullopt;
    std::optional<VerifiedToken> verified = verified_.find(jwt);
    if (!verified) {
        verified = checkSignedClaims(jwt);
        if (!verified) return std::nullopt;
        verified_.remember(jwt, *verified);
    }
    const std::int64_t nowSeconds = now.epochTime();
    if (verified->expiresAt <= nowSeconds) return std::nullopt;
    // Issued, or valid from, in the future: a forged or mis-clocked token.
    if (verified->issuedAt > nowSeconds + kClockSkewSeconds) return std::nullopt;
    if (verified->notBefore && *verified->notBefore > nowSeconds + kClockSkewSeconds) return std::nullopt;
    return TokenClaims{verified->userId,    verified->role,         verified->issuedAt,
                       verified->expiresAt, verified->tokenVersion, std::move(verified->tokenId)};
}

std::optional<VerifiedToken> TokenService::checkSignedClaims(const std::string& jwt) const {
    const auto firstDot = jwt.find('.');
    const auto secondDot = firstDot == std::string::npos ? std::string::npos : jwt.find('.', firstDot + 1);
    if (secondDot == std::string::npos || jwt.find('.', secondDot + 1) != std::string::npos) return std::nullopt;
    const std::string encodedHeader = jwt.substr(0, firstDot);
    const std::string encodedSignature = jwt.substr(secondDot + 1);

    try {
        if (!headerIsHs256(encodedHeader)) return std::nullopt;
        if (!signingSecret(jwt.substr(0, secondDot), encodedSignature)) return std::nullopt;

        const auto payloadText = decodeSegment(jwt.substr(firstDot + 1, secondDot - firstDot - 1));
        if (!payloadText) return std::nullopt;
        const Poco::JSON::Object::Ptr payload = parseObject(*payloadText);
        if (!payload) return std::nullopt;
        VerifiedToken verified;
        const auto userId = subjectClaim(*payload);
        const auto issuedAt = dateClaim(*payload, "iat");
        const auto expiresAt = dateClaim(*payload, "exp");
        if (!userId || !issuedAt || !expiresAt) return std::nullopt;
        verified.userId = *userId;
        verified.issuedAt = *issuedAt;
        verified.expiresAt = *expiresAt;
        if (payload->has("nbf")) {
            verified.notBefore = dateClaim(*payload, "nbf");
            if (!verified.notBefore) return std::nullopt;
        }
        if (!payload->has("role") || !payload->get("role").isString()) return std::nullopt;
        verified.role = payload->getValue<std::string>("role");
        if (payload->has("ver")) {
            const Poco::Dynamic::Var version = payload->get("ver");
            if (version.isBoolean() || !version.isInteger()) return std::nullopt;
            verified.tokenVersion = version.convert<Poco::Int64>();
        }
        verified.tokenId = encodedSignature;
        if (payload->has("jti")) {
            auto claimed = tokenIdClaim(*payload);
            if (!claimed) return std::nullopt;
            verified.tokenId = std::move(*claimed);
        }
        return verified;
    } catch (const std::exception&) { // Poco::Exception included
        return std::nullopt;          // malformed JSON, bad encoding: not a token of ours
    }
}

} // namespace motel::auth
