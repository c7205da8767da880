# What a user installs besides the binaries: the man pages and shell completions, written at
# build time by the built oci-lint from its own command line definitions (so they cannot drift
# from --help), the licence and the README. These install rules are the one description of the
# installed layout: the .deb (scripts/package-deb.sh) and the release tarball install with them.

set(OCI_LINT_SHARE "${PROJECT_BINARY_DIR}/share")
set(OCI_LINT_MAN_DIR "${OCI_LINT_SHARE}/man/man1")
# One page per public subcommand: the directory is rewritten whole, a stamp stands for it.
set(OCI_LINT_MAN_STAMP "${OCI_LINT_SHARE}/man/man1.stamp")
add_custom_command(
  OUTPUT "${OCI_LINT_MAN_STAMP}"
  COMMAND "${CMAKE_COMMAND}" -E rm -rf "${OCI_LINT_MAN_DIR}"
  COMMAND $<TARGET_FILE:oci-lint> man --out "${OCI_LINT_MAN_DIR}"
  # oci-lint-runtime's page is written by hand (the wrapper has no CLI11 definition to draw it
  # from) and joins the others here, so that it is installed and tested with them.
  COMMAND "${CMAKE_COMMAND}" -E copy "${PROJECT_SOURCE_DIR}/docs/oci-lint-runtime.1"
          "${OCI_LINT_MAN_DIR}/oci-lint-runtime.1"
  COMMAND "${CMAKE_COMMAND}" -E touch "${OCI_LINT_MAN_STAMP}"
  DEPENDS oci-lint "${PROJECT_SOURCE_DIR}/docs/oci-lint-runtime.1"
  COMMENT "Writing the man pages from oci-lint's command line"
  VERBATIM)

set(OCI_LINT_BASH_COMPLETION "${OCI_LINT_SHARE}/bash-completion/completions/oci-lint")
set(OCI_LINT_ZSH_COMPLETION "${OCI_LINT_SHARE}/zsh/vendor-completions/_oci-lint")
set(OCI_LINT_FISH_COMPLETION "${OCI_LINT_SHARE}/fish/vendor_completions.d/oci-lint.fish")
set(OCI_LINT_COMPLETIONS)
foreach(shell bash zsh fish)
  string(TOUPPER "${shell}" upper)
  set(script "${OCI_LINT_${upper}_COMPLETION}")
  get_filename_component(dir "${script}" DIRECTORY)
  add_custom_command(
    OUTPUT "${script}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${dir}"
    COMMAND sh -c "\"$1\" completion $2 > \"$3\"" sh $<TARGET_FILE:oci-lint> ${shell} "${script}"
    DEPENDS oci-lint
    COMMENT "Writing the ${shell} completion from oci-lint's command line"
    VERBATIM)
  list(APPEND OCI_LINT_COMPLETIONS "${script}")
endforeach()
add_custom_target(oci_lint_man_pages_and_completions ALL
                  DEPENDS "${OCI_LINT_MAN_STAMP}" ${OCI_LINT_COMPLETIONS})

install(DIRECTORY "${OCI_LINT_MAN_DIR}/" DESTINATION share/man/man1
        FILES_MATCHING PATTERN "*.1")
install(FILES "${OCI_LINT_BASH_COMPLETION}" DESTINATION share/bash-completion/completions)
install(FILES "${OCI_LINT_ZSH_COMPLETION}" DESTINATION share/zsh/vendor-completions)
install(FILES "${OCI_LINT_FISH_COMPLETION}" DESTINATION share/fish/vendor_completions.d)
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" "${PROJECT_SOURCE_DIR}/README.md"
        DESTINATION share/doc/oci-lint)

# The tests of the above: the pages render without a groff warning, the completions complete in
# their shells, the .deb installs and works (each skipped, with the reason, without its tools).
# Once per checkout: the sanitizer build would only repeat them.
if(OCI_LINT_BUILD_TESTS AND NOT OCI_LINT_SANITIZE)
  add_test(NAME distribution.man_pages_render
           COMMAND "${PROJECT_SOURCE_DIR}/scripts/man-pages-test.sh" "${OCI_LINT_MAN_DIR}")
  add_test(NAME distribution.completions_in_their_shells
           COMMAND "${PROJECT_SOURCE_DIR}/scripts/completions-test.sh" "${OCI_LINT_SHARE}")
  add_test(NAME distribution.debian_package
           COMMAND "${PROJECT_SOURCE_DIR}/scripts/deb-package-test.sh" "${PROJECT_BINARY_DIR}")
  set_tests_properties(distribution.man_pages_render distribution.completions_in_their_shells
                       PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60)
  # `cmake --install` of this build writes its install_manifest.txt: one at a time.
  set_tests_properties(distribution.debian_package
                       PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300 RUN_SERIAL TRUE
                                  RESOURCE_LOCK oci_lint_build_install)
endif()
