// Fuzzes the auth plugin's token check (TokenService::verify), which every
// protected request and every Socket.IO handshake runs on a string the
// client chose. Even inputs pick raw tokens (segments, base64url, header);
// odd inputs are taken as a claims payload and signed with the right key, so
// the claim checks behind the signature are reached too. A forged or broken
// token must be refused without a crash; a signed one must yield sane claims.
#include "TokenService.h"

#include <Poco/Timestamp.h>

#include <sodium.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {
const std::string kSecret = "fuzz-secret-fuzz-secret-fuzz-secret-fuzz-secret-0001";

void check(bool condition) {
    if (!condition) __builtin_trap();
}

std::string base64url(const std::string& bytes) {
    std::vector<char> out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING));
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return std::string(out.data());
}

std::string signedToken(const std::string& payload) {
    const std::string input = base64url(R"({"alg":"HS256","typ":"JWT"})") + "." + base64url(payload);
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(kSecret.data()), kSecret.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(input.data()), input.size());
    crypto_auth_hmacsha256_final(&state, mac);
    return input + "." + base64url(std::string(reinterpret_cast<const char*>(mac), sizeof mac));
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const motel::auth::TokenService tokens(kSecret, std::chrono::hours(1));
    if (size == 0) return 0;
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    const Poco::Timestamp now = Poco::Timestamp::fromEpochTime(1'800'000'000);
    if (data[0] % 2 == 0) {
        const auto claims = tokens.verify(text, now);
        // Without the key nobody can produce a valid signature.
        if (claims) check(text.size() <= motel::auth::TokenService::kMaxTokenLength);
        return 0;
    }
    const auto claims = tokens.verify(signedToken(text), now);
    if (claims) {
        check(claims->userId > 0);
        check(claims->expiresAt > now.epochTime());
    }
    return 0;
}
