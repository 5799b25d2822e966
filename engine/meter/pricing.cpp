#include "pricing.h"

#include "engine/model/json.h"
#include "engine/model/text.h"
#include "engine/model/validator.h"

#include <QFile>

#include <algorithm>
#include <optional>
#include <regex>

namespace stratus::engine {

namespace {

struct Invalid
{
    std::string message;
};

class PresetReader
{
public:
    PresetReader(const Json &object, std::string where)
        : m_object(object)
        , m_where(std::move(where))
    {}

    [[noreturn]] void fail(const std::string &field, const std::string &why) const
    {
        throw Invalid{m_where + ", field '" + field + "': " + why};
    }

    std::string text(const char *field, bool required = true) const
    {
        auto it = m_object.find(field);
        if (it == m_object.end()) {
            if (required)
                fail(field, "is missing");
            return {};
        }
        if (!it->is_string())
            fail(field, "expected a string, found " + it->dump());
        return it->get<std::string>();
    }

    double price(const Json &object, const char *field, const std::string &name, bool required) const
    {
        auto it = object.find(field);
        if (it == object.end()) {
            if (required)
                fail(name, "is missing");
            return 0;
        }
        if (!it->is_number())
            fail(name, "expected a number, found " + it->dump());
        const double v = it->get<double>();
        if (v < 0)
            fail(name, "must not be negative (found " + it->dump() + ")");
        return v;
    }

    double price(const char *field, bool required = true) const
    {
        return price(m_object, field, field, required);
    }

    int whole(const char *field, int minimum) const
    {
        auto it = m_object.find(field);
        if (it == m_object.end())
            fail(field, "is missing");
        if (!it->is_number_integer())
            fail(field, "expected a whole number, found " + it->dump());
        const long long v = it->get<long long>();
        if (v < minimum || v > 3600000)
            fail(field, "must be from " + std::to_string(minimum) + " to 3600000 (found " + it->dump() + ")");
        return int(v);
    }

    const Json &object(const char *field, bool required) const
    {
        static const Json empty = Json::object();
        auto it = m_object.find(field);
        if (it == m_object.end()) {
            if (required)
                fail(field, "is missing");
            return empty;
        }
        if (!it->is_object())
            fail(field, "expected an object, found " + it->dump());
        return *it;
    }

private:
    const Json &m_object;
    std::string m_where;
};

PricingPreset readPreset(const Json &p, size_t index)
{
    if (!p.is_object())
        throw Invalid{"presets[" + std::to_string(index) + "]: expected an object"};
    PricingPreset preset;
    {
        auto id = p.find("id");
        if (id == p.end() || !id->is_string() || id->get<std::string>().empty())
            throw Invalid{"presets[" + std::to_string(index) + "]: 'id' must be a non-empty string"};
        preset.id = id->get<std::string>();
    }
    const PresetReader r(p, "preset '" + preset.id + "'");
    preset.name = r.text("name");
    preset.provider = r.text("provider", false);
    preset.readOn = r.text("readOn");
    if (!std::regex_match(preset.readOn, std::regex(R"(^\d{4}-\d{2}-\d{2}$)")))
        r.fail("readOn", "expected a date YYYY-MM-DD, found '" + preset.readOn + "'");
    preset.source = r.text("source");
    preset.note = r.text("note", false);
    preset.requestPricePerMillion = r.price("requestPricePerMillion");
    preset.gbSecondPrice = r.price("gbSecondPrice");
    preset.ghzSecondPrice = r.price("ghzSecondPrice", false);
    const Json &cpu = r.object("cpuGhzByMemoryMB", preset.ghzSecondPrice > 0);
    for (auto it = cpu.begin(); it != cpu.end(); ++it) {
        int mb = 0;
        try {
            mb = std::stoi(it.key());
        } catch (const std::exception &) {
            r.fail("cpuGhzByMemoryMB", "'" + it.key() + "' is not a memory size in MB");
        }
        preset.cpuGhzByMemoryMB[mb] = r.price(cpu, it.key().c_str(), "cpuGhzByMemoryMB." + it.key(), true);
    }
    preset.billingGranularityMs = r.whole("billingGranularityMs", 1);
    preset.minimumBilledMs = r.whole("minimumBilledMs", 0);
    const std::string basis = r.text("memoryBasis", false);
    if (basis.empty() || basis == "configured")
        preset.memoryBasis = PricingPreset::MemoryBasis::Configured;
    else if (basis == "used-rounded-128")
        preset.memoryBasis = PricingPreset::MemoryBasis::UsedRounded128;
    else
        r.fail("memoryBasis", "'" + basis + "' is not configured or used-rounded-128");
    const Json &free = r.object("freeTier", false);
    preset.freeRequests = r.price(free, "requests", "freeTier.requests", false);
    preset.freeGbSeconds = r.price(free, "gbSeconds", "freeTier.gbSeconds", false);
    preset.freeGhzSeconds = r.price(free, "ghzSeconds", "freeTier.ghzSeconds", false);
    const Json &gateway = r.object("gateway", false);
    if (auto name = gateway.find("name"); name != gateway.end() && name->is_string())
        preset.gatewayName = name->get<std::string>();
    preset.gatewayPricePerMillion = r.price(gateway, "pricePerMillion", "gateway.pricePerMillion", false);
    preset.stateTransitionPrice = r.price("stateTransitionPrice", false);
    preset.freeStateTransitions = r.price("freeStateTransitions", false);
    return preset;
}

} // namespace

double PricingPreset::cpuGhz(int memoryMB) const
{
    auto it = cpuGhzByMemoryMB.lower_bound(memoryMB);
    if (it == cpuGhzByMemoryMB.end())
        return cpuGhzByMemoryMB.empty() ? 0 : cpuGhzByMemoryMB.rbegin()->second;
    return it->second;
}

Result<std::vector<PricingPreset>> parsePricingPresets(std::string_view text)
{
    Json doc;
    try {
        doc = Json::parse(text);
    } catch (const Json::exception &e) {
        return Status::invalidArgument(std::string("not valid JSON: ") + e.what());
    }
    try {
        if (!doc.is_object() || doc.value("format", std::string()) != "stratus-pricing")
            throw Invalid{"'format' must be \"stratus-pricing\""};
        if (!doc.contains("version") || !doc["version"].is_number_integer() || doc["version"].get<int>() != 1)
            throw Invalid{"'version' must be 1"};
        if (!doc.contains("presets") || !doc["presets"].is_array())
            throw Invalid{"'presets' must be a list"};
        std::vector<PricingPreset> presets;
        for (size_t i = 0; i < doc["presets"].size(); ++i) {
            PricingPreset p = readPreset(doc["presets"][i], i);
            if (findPreset(presets, p.id))
                throw Invalid{"preset '" + p.id + "' is defined twice"};
            presets.push_back(std::move(p));
        }
        return presets;
    } catch (const Invalid &e) {
        return Status::invalidArgument(e.message);
    }
}

const std::vector<PricingPreset> &builtinPricingPresets()
{
    static const std::vector<PricingPreset> presets = [] {
        QFile f(QStringLiteral(":/stratus/pricing/presets.json"));
        if (!f.open(QIODevice::ReadOnly))
            return std::vector<PricingPreset>{};
        const QByteArray bytes = f.readAll();
        auto parsed = parsePricingPresets(std::string_view(bytes.constData(), size_t(bytes.size())));
        return parsed ? parsed.take() : std::vector<PricingPreset>{};
    }();
    return presets;
}

namespace {

/// What is wrong with a workspace's pricing settings: the setting and why.
struct PricingError
{
    std::string field;
    std::string message;
    bool missingPreset = false; ///< settings.pricing names no preset
    Status status() const
    {
        return missingPreset ? Status::notFound(field + ": " + message)
                             : Status::invalidArgument(field + ": " + message);
    }
};

/// The built-in presets and the workspace's own; every wrong entry of
/// settings.pricingPresets is added to `errors` and left out.
std::vector<PricingPreset> readWorkspacePresets(const Json &settings, std::vector<PricingError> &errors)
{
    std::vector<PricingPreset> presets = builtinPricingPresets();
    const auto custom = settings.is_object() ? settings.find("pricingPresets") : settings.end();
    if (!settings.is_object() || custom == settings.end())
        return presets;
    if (!custom->is_array()) {
        errors.push_back(PricingError{"settings.pricingPresets", "expected a list of presets"});
        return presets;
    }
    for (size_t i = 0; i < custom->size(); ++i) {
        try {
            PricingPreset p = readPreset((*custom)[i], i);
            if (findPreset(presets, p.id))
                throw Invalid{"preset " + quote(p.id) + ": the id is taken (by a built-in preset or an earlier one)"};
            presets.push_back(std::move(p));
        } catch (const Invalid &e) {
            // readPreset names "presets[i]" only for entries it cannot name by id.
            std::string message = e.message;
            if (message.rfind("presets[", 0) == 0)
                message = message.substr(message.find(':') + 2);
            errors.push_back(PricingError{"settings.pricingPresets[" + std::to_string(i) + "]", message});
        }
    }
    return presets;
}

/// The preset settings.pricing names among `presets`, else AWS for the
/// architecture; null, with the reason in `errors`, when there is none.
const PricingPreset *choosePreset(const std::vector<PricingPreset> &presets, const Json &settings,
                                  std::string_view architecture, std::vector<PricingError> &errors)
{
    std::string id = architecture == "arm64" ? "aws-arm64" : "aws-x86_64";
    if (settings.is_object()) {
        if (auto named = settings.find("pricing"); named != settings.end()) {
            if (!named->is_string()) {
                errors.push_back(PricingError{"settings.pricing", "expected a preset's id (a string), found "
                                                                      + printable(named->dump())});
                return nullptr;
            }
            id = named->get<std::string>();
        }
    }
    if (const PricingPreset *p = findPreset(presets, id))
        return p;
    std::vector<std::string> known;
    for (const PricingPreset &p : presets)
        known.push_back(p.id);
    errors.push_back(
        PricingError{"settings.pricing", "no pricing preset " + quote(id) + " (presets: " + joined(known) + ")", true});
    return nullptr;
}

} // namespace

Result<std::vector<PricingPreset>> workspacePricingPresets(const Json &settings)
{
    std::vector<PricingError> errors;
    auto presets = readWorkspacePresets(settings, errors);
    if (!errors.empty())
        return errors.front().status();
    return presets;
}

Result<PricingPreset> workspacePricing(const Json &settings, std::string_view architecture)
{
    std::vector<PricingError> errors;
    const auto presets = readWorkspacePresets(settings, errors);
    const PricingPreset *chosen = errors.empty() ? choosePreset(presets, settings, architecture, errors) : nullptr;
    if (!chosen)
        return errors.front().status();
    return *chosen;
}

Result<PricingPreset> workspacePreset(const Json &settings, std::string_view id)
{
    auto presets = workspacePricingPresets(settings);
    if (!presets)
        return presets.status();
    if (const PricingPreset *p = findPreset(*presets, id))
        return *p;
    std::vector<std::string> known;
    for (const PricingPreset &p : *presets)
        known.push_back(p.id);
    return Status::notFound("no pricing preset " + quote(id) + " (presets: " + joined(known) + ")");
}

RecordingPrice recordingPricing(const Json &settings, std::string_view architecture)
{
    auto chosen = workspacePricing(settings, architecture);
    if (chosen)
        return {chosen.take(), {}};
    // Never a cost of zero for want of a preset: the default one prices it,
    // and the caller says so.
    const std::string fallback = architecture == "arm64" ? "aws-arm64" : "aws-x86_64";
    const PricingPreset *preset = findPreset(builtinPricingPresets(), fallback);
    return {*preset, chosen.status().message() + "; priced under " + fallback + " instead"};
}

Problems pricingProblems(const Json &settings)
{
    std::vector<PricingError> errors;
    const auto presets = readWorkspacePresets(settings, errors);
    // With a wrong custom preset, "no preset X" could only mislead: say what
    // is wrong with the presets, and check the choice once they are right.
    if (errors.empty())
        choosePreset(presets, settings, "x86_64", errors);
    Problems problems;
    for (const PricingError &e : errors) {
        Problem p;
        p.code = "pricing";
        p.field = e.field;
        p.message = e.message;
        problems.push_back(std::move(p));
    }
    return problems;
}

Problems workspaceProblems(const Workspace &workspace)
{
    Problems problems = validateWorkspace(workspace);
    Problems pricing = pricingProblems(workspace.settings);
    problems.insert(problems.end(), pricing.begin(), pricing.end());
    return problems;
}

const PricingPreset *findPreset(const std::vector<PricingPreset> &presets, std::string_view id)
{
    auto it = std::find_if(presets.begin(), presets.end(),
                           [&](const PricingPreset &p) { return p.id == id; });
    return it == presets.end() ? nullptr : &*it;
}

} // namespace stratus::engine
