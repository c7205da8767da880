# Run at every build (cmake -P): writes OUT, a header naming the git commit of SOURCE_DIR
# ("-dirty" when its sources differ from it; "unknown" outside a git checkout), and replaces the
# file only when that changes, so that a build with nothing new recompiles nothing.
execute_process(
  COMMAND git -C "${SOURCE_DIR}" rev-parse --short=12 HEAD
  OUTPUT_VARIABLE commit OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE status)
if(NOT status EQUAL 0 OR commit STREQUAL "")
  set(commit "unknown")
else()
  execute_process(
    COMMAND git -C "${SOURCE_DIR}" status --porcelain --untracked-files=no --
            validator schema cmake CMakeLists.txt
    OUTPUT_VARIABLE changes ERROR_QUIET)
  if(NOT changes STREQUAL "")
    string(APPEND commit "-dirty")
  endif()
endif()
file(WRITE "${OUT}.tmp"
     "#pragma once\n\nnamespace ocilint {\ninline constexpr const char* kCommit = \"${commit}\";\n}  // namespace ocilint\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
