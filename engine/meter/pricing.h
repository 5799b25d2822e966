#pragma once

#include "engine/model/json.h"
#include "engine/model/problem.h"
#include "engine/model/status.h"
#include "engine/model/workflow.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace stratus::engine {

/// How a FaaS provider prices invocations: per request, per GB-second (and
/// per GHz-second where CPU is billed apart), with its own rounding, minimum
/// and free tier. Presets are data (resources/pricing/presets.json), each with
/// the date its prices were read and their source; users add their own.
struct PricingPreset
{
    enum class MemoryBasis {
        Configured,     ///< the memory size set on the function (AWS, Google)
        UsedRounded128, ///< memory used, rounded up to 128 MB (Azure Consumption)
    };

    std::string id;
    std::string name;
    std::string provider;
    std::string readOn; ///< YYYY-MM-DD
    std::string source; ///< where the prices were read
    std::string note;

    double requestPricePerMillion = 0;
    double gbSecondPrice = 0;
    double ghzSecondPrice = 0;                ///< 0 when CPU is not billed apart
    std::map<int, double> cpuGhzByMemoryMB;   ///< memory tier (MB) -> GHz, for ghzSecondPrice
    int billingGranularityMs = 1;
    int minimumBilledMs = 1;
    MemoryBasis memoryBasis = MemoryBasis::Configured;

    double freeRequests = 0;    ///< per month
    double freeGbSeconds = 0;   ///< per month
    double freeGhzSeconds = 0;  ///< per month

    std::string gatewayName;
    double gatewayPricePerMillion = 0;
    double stateTransitionPrice = 0;
    double freeStateTransitions = 0; ///< per month

    /// GHz of CPU that comes with `memoryMB` (the smallest tier at or above it).
    double cpuGhz(int memoryMB) const;
};

/// Parses a presets document ({"format": "stratus-pricing", "version": 1,
/// "presets": [...]}). Fails on the first wrong value, naming the preset and
/// field: "preset 'aws-x86_64', field 'gbSecondPrice': must not be negative".
Result<std::vector<PricingPreset>> parsePricingPresets(std::string_view json);

/// The presets shipped with Stratus (compiled in from resources/pricing).
const std::vector<PricingPreset> &builtinPricingPresets();

/// The presets a workspace can use: the built-in ones, then its own from
/// settings.pricingPresets (a list of presets in the presets file's form).
/// Fails on the first wrong value, naming it: "settings.pricingPresets[0]:
/// preset 'acme', field 'gbSecondPrice': must not be negative"; an id that is
/// already taken is refused the same way.
Result<std::vector<PricingPreset>> workspacePricingPresets(const Json &settings);

/// The preset that prices a workspace's invocations: the one settings.pricing
/// names, else AWS Lambda for `architecture` ("arm64" or "x86_64"). Fails if
/// the named preset does not exist (listing those that do) or a custom one is wrong.
Result<PricingPreset> workspacePricing(const Json &settings, std::string_view architecture = "x86_64");

/// The preset with this id among the built-in ones and the workspace's own
/// (`stratus cost --preset`). Fails naming the id and listing those there are.
Result<PricingPreset> workspacePreset(const Json &settings, std::string_view id);

/// The preset that prices an invocation being recorded, and a warning when
/// it is not the one the settings ask for: with a wrong pricing setting the
/// invocation is priced under AWS's preset for its architecture, and the
/// warning says why, so no cost is ever recorded as zero for want of a preset.
struct RecordingPrice
{
    PricingPreset preset;
    std::string warning; ///< empty when the workspace's own choice prices it
};
RecordingPrice recordingPricing(const Json &settings, std::string_view architecture);

/// What is wrong with a workspace's pricing settings, as validation problems
/// (field "settings.pricingPresets" or "settings.pricing").
Problems pricingProblems(const Json &settings);

/// Every problem of a workspace: validateWorkspace() and pricingProblems().
/// What `validate`, `import` and the studio's Problems panel report, so that
/// all three say the same.
Problems workspaceProblems(const Workspace &workspace);

/// The preset with this id among `presets`, or null.
const PricingPreset *findPreset(const std::vector<PricingPreset> &presets, std::string_view id);

} // namespace stratus::engine
