#include <motel/sdk/SettingSpec.h>

#include <Poco/NumberFormatter.h>
#include <Poco/String.h>

#include <algorithm>

namespace motel::sdk {

namespace {

std::string numberText(double value) {
    if (value == static_cast<double>(static_cast<std::int64_t>(value)))
        return std::to_string(static_cast<std::int64_t>(value));
    return Poco::NumberFormatter::format(value);
}

std::string durationText(double ms) {
    const auto whole = static_cast<std::int64_t>(ms);
    if (whole != 0 && whole % 1000 == 0) return std::to_string(whole / 1000) + "s";
    return std::to_string(whole) + "ms";
}

/// Reads the value through Settings, which knows every format, and turns its
/// ConfigError into a problem.
template <class Read> std::optional<std::string> problemOf(Read read) {
    try {
        read();
        return std::nullopt;
    } catch (const ConfigError& e) {
        return std::string(e.what());
    }
}

std::optional<std::string> checkOne(const SettingSpec& spec, const Settings& settings) {
    const std::string full = settings.prefix() + spec.key;
    const std::string raw = settings.getString(spec.key);
    const bool set = settings.has(spec.key) && !Poco::trim(raw).empty();
    if (!set) {
        if (spec.required) return full + " is required but not set (" + spec.doc + ")";
        return std::nullopt;
    }
    const auto outOfBounds = [&](double value, const std::string& shown) -> std::optional<std::string> {
        if ((spec.min && value < *spec.min) || (spec.max && value > *spec.max))
            return full + "='" + raw + "': expected " + std::string(settingTypeName(spec.type)) + " in " +
                   spec.constraint() + " (got " + shown + ")";
        return std::nullopt;
    };
    switch (spec.type) {
    case SettingType::integer: {
        std::int64_t value = 0;
        if (auto p = problemOf([&] { value = settings.getInt(spec.key, 0); })) return p;
        return outOfBounds(static_cast<double>(value), std::to_string(value));
    }
    case SettingType::number: {
        double value = 0;
        if (auto p = problemOf([&] { value = settings.getDouble(spec.key, 0); })) return p;
        return outOfBounds(value, numberText(value));
    }
    case SettingType::boolean:
        return problemOf([&] { settings.getBool(spec.key, false); });
    case SettingType::duration: {
        std::chrono::milliseconds value{0};
        if (auto p = problemOf([&] { value = settings.getDuration(spec.key, value); })) return p;
        return outOfBounds(static_cast<double>(value.count()), durationText(static_cast<double>(value.count())));
    }
    case SettingType::text:
        if (!spec.choices.empty() &&
            std::find(spec.choices.begin(), spec.choices.end(), Poco::trim(raw)) == spec.choices.end())
            return full + "='" + raw + "': expected one of " + spec.constraint();
        return std::nullopt;
    case SettingType::list:
    case SettingType::secret:
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace

const char* settingTypeName(SettingType type) {
    switch (type) {
    case SettingType::text:
        return "text";
    case SettingType::integer:
        return "integer";
    case SettingType::number:
        return "number";
    case SettingType::boolean:
        return "boolean";
    case SettingType::duration:
        return "duration";
    case SettingType::list:
        return "list";
    case SettingType::secret:
        return "secret";
    }
    return "text";
}

SettingSpec SettingSpec::text(std::string key, std::string defaultValue, std::string doc) {
    SettingSpec spec;
    spec.key = std::move(key);
    spec.defaultValue = std::move(defaultValue);
    spec.doc = std::move(doc);
    return spec;
}

SettingSpec SettingSpec::oneOf(std::string key, std::string defaultValue, std::vector<std::string> choices,
                               std::string doc) {
    SettingSpec spec = text(std::move(key), std::move(defaultValue), std::move(doc));
    spec.choices = std::move(choices);
    return spec;
}

SettingSpec SettingSpec::integer(std::string key, std::int64_t defaultValue, std::int64_t min, std::int64_t max,
                                 std::string doc) {
    SettingSpec spec = text(std::move(key), std::to_string(defaultValue), std::move(doc));
    spec.type = SettingType::integer;
    spec.min = static_cast<double>(min);
    spec.max = static_cast<double>(max);
    return spec;
}

SettingSpec SettingSpec::number(std::string key, double defaultValue, double min, double max, std::string doc) {
    SettingSpec spec = text(std::move(key), numberText(defaultValue), std::move(doc));
    spec.type = SettingType::number;
    spec.min = min;
    spec.max = max;
    return spec;
}

SettingSpec SettingSpec::boolean(std::string key, bool defaultValue, std::string doc) {
    SettingSpec spec = text(std::move(key), defaultValue ? "true" : "false", std::move(doc));
    spec.type = SettingType::boolean;
    return spec;
}

SettingSpec SettingSpec::duration(std::string key, std::string defaultValue, std::string doc,
                                  std::chrono::milliseconds min, std::optional<std::chrono::milliseconds> max) {
    SettingSpec spec = text(std::move(key), std::move(defaultValue), std::move(doc));
    spec.type = SettingType::duration;
    spec.min = static_cast<double>(min.count());
    if (max) spec.max = static_cast<double>(max->count());
    return spec;
}

SettingSpec SettingSpec::list(std::string key, std::string defaultValue, std::string doc) {
    SettingSpec spec = text(std::move(key), std::move(defaultValue), std::move(doc));
    spec.type = SettingType::list;
    return spec;
}

SettingSpec SettingSpec::secret(std::string key, std::string doc, bool required) {
    SettingSpec spec = text(std::move(key), "", std::move(doc));
    spec.type = SettingType::secret;
    spec.required = required;
    return spec;
}

std::string SettingSpec::constraint() const {
    if (!choices.empty()) {
        std::string out;
        for (const auto& choice : choices) out += (out.empty() ? "" : "|") + choice;
        return out;
    }
    if (!min && !max) return "";
    const auto show = [this](double v) { return type == SettingType::duration ? durationText(v) : numberText(v); };
    return (min ? show(*min) : std::string()) + ".." + (max ? show(*max) : std::string());
}

std::vector<std::string> validateSettings(const std::vector<SettingSpec>& specs, const Settings& settings) {
    std::vector<std::string> problems;
    for (const auto& spec : specs)
        if (auto problem = checkOne(spec, settings)) problems.push_back(*problem);
    return problems;
}

std::vector<std::string> undeclaredSettings(const std::vector<SettingSpec>& specs, const Settings& settings) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : settings.values()) {
        const bool declared =
            std::any_of(specs.begin(), specs.end(), [&key = key](const SettingSpec& s) { return s.key == key; });
        if (!declared) keys.push_back(settings.prefix() + key);
    }
    return keys;
}

Settings withDefaults(const std::vector<SettingSpec>& specs, const Settings& settings) {
    auto values = settings.values();
    for (const auto& spec : specs)
        if (!spec.defaultValue.empty() && values.find(spec.key) == values.end())
            values.emplace(spec.key, spec.defaultValue);
    return Settings(settings.prefix(), std::move(values));
}

} // namespace motel::sdk
