# Sanitizer and fuzzing builds (docs/testing.md). Included once from the
# top-level CMakeLists.txt, before any target is defined, so that the flags
# reach every library, executable and test of the build.
#
#   STRATUS_SANITIZE   "" (default), "address,undefined" or "thread"; the
#                      presets `sanitize` and `tsan` set it.
#   STRATUS_BUILD_FUZZ ON: instruments everything for libFuzzer (clang only)
#                      and adds the targets of tests/fuzz; the `fuzz` preset.
#
# Qt, SQLite and the other system libraries are not instrumented: ASan and
# UBSan only see Stratus's own code, and TSan cannot see the locks taken
# inside Qt (docs/testing.md says how to read the reports that causes).

set(STRATUS_SANITIZE "" CACHE STRING
    "Sanitizers for the whole build: empty, address,undefined, or thread")
set_property(CACHE STRATUS_SANITIZE PROPERTY STRINGS "" "address,undefined" "thread")
option(STRATUS_BUILD_FUZZ "Build the libFuzzer targets in tests/fuzz (clang)" OFF)

if(STRATUS_SANITIZE STREQUAL "address,undefined")
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined)
elseif(STRATUS_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
elseif(NOT STRATUS_SANITIZE STREQUAL "")
  message(FATAL_ERROR "STRATUS_SANITIZE: '${STRATUS_SANITIZE}' is not one of: (empty), "
                      "address,undefined, thread")
endif()

if(STRATUS_BUILD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "STRATUS_BUILD_FUZZ needs clang (libFuzzer); configure with the `fuzz` "
                        "preset, which sets CMAKE_CXX_COMPILER=clang++")
  endif()
  if(NOT STRATUS_SANITIZE STREQUAL "")
    message(FATAL_ERROR "STRATUS_BUILD_FUZZ brings its own sanitizers; leave STRATUS_SANITIZE empty")
  endif()
  # Libraries get coverage instrumentation without libFuzzer's main(); the
  # targets in tests/fuzz link -fsanitize=fuzzer, which brings it.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined
                      -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
  # The targets are defined once the engine is (at the end of the top-level
  # CMakeLists.txt, so that Qt's imported targets are in scope), each with
  # CTest entries that replay its corpus. A deferred call cannot add a
  # subdirectory, so tests/fuzz/CMakeLists.txt is included instead.
  enable_testing()
  cmake_language(DEFER CALL include ${PROJECT_SOURCE_DIR}/tests/fuzz/CMakeLists.txt)
endif()
