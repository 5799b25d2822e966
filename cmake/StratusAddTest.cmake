# stratus_add_test(tests/<area>/tst_<name>.cpp LIBS <targets...> [LABELS <labels>])
#
# Turns one Qt Test source file into an executable named after the file and one
# CTest entry. Tests run on the offscreen platform with a private temporary
# folder, so they can run in parallel (ctest -j).
function(stratus_add_test source)
  cmake_parse_arguments(ARG "" "" "LIBS;LABELS" ${ARGN})
  get_filename_component(name ${source} NAME_WE)
  add_executable(${name} ${source})
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${name} PRIVATE
    STRATUS_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    STRATUS_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
    STRATUS_EXAMPLES_DIR="${PROJECT_SOURCE_DIR}/resources/examples"
    STRATUS_BINARY_DIR="${PROJECT_BINARY_DIR}")
  stratus_set_warnings(${name} RELAXED)
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=qt.qpa.*=false"
    TIMEOUT 300
    LABELS "${ARG_LABELS}")
endfunction()

# stratus_add_bench(tests/bench/bench_<name>.cpp LIBS <targets...>)
#
# Benchmarks are built with the tests but never registered with CTest: speed
# targets are measured by running them, not asserted in the suite.
function(stratus_add_bench source)
  cmake_parse_arguments(ARG "" "" "LIBS" ${ARGN})
  get_filename_component(name ${source} NAME_WE)
  add_executable(${name} ${source})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS})
  stratus_set_warnings(${name} RELAXED)
endfunction()
