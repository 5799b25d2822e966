# stratus_set_warnings(target [RELAXED]): the project's warning set, PRIVATE to
# the target, as errors when STRATUS_WERROR is on (CI turns it on).
#
# Product code also gets Qt's strict defines: no implicit const char* ->
# QString (user text goes through tr(), the rest through QStringLiteral), no
# bare signals/slots keywords. RELAXED (tests, benchmarks) keeps the warnings
# but allows string literals where a QString is wanted.
function(stratus_set_warnings target)
  cmake_parse_arguments(ARG "RELAXED" "" "" ${ARGN})
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(STRATUS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_compile_definitions(${target} PRIVATE QT_NO_KEYWORDS)
  if(NOT ARG_RELAXED)
    target_compile_definitions(${target} PRIVATE QT_USE_QSTRINGBUILDER
      QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING)
  endif()
endfunction()
