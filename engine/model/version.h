#pragma once

namespace stratus::engine {

/// Stratus's version, from project(VERSION) in the top-level CMakeLists.txt.
inline constexpr const char *kVersion = STRATUS_VERSION;

} // namespace stratus::engine
