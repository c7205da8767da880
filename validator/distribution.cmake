# The man pages and shell completions, written at build time by the built oci-lint from its own
# command line definitions, so they cannot drift from --help.

set(OCI_LINT_SHARE "${PROJECT_BINARY_DIR}/share")
set(OCI_LINT_MAN_DIR "${OCI_LINT_SHARE}/man/man1")
# One page per public subcommand: the directory is rewritten whole, a stamp stands for it.
set(OCI_LINT_MAN_STAMP "${OCI_LINT_SHARE}/man/man1.stamp")
add_custom_command(
  OUTPUT "${OCI_LINT_MAN_STAMP}"
  COMMAND "${CMAKE_COMMAND}" -E rm -rf "${OCI_LINT_MAN_DIR}"
  COMMAND $<TARGET_FILE:oci-lint> man --out "${OCI_LINT_MAN_DIR}"
  COMMAND "${CMAKE_COMMAND}" -E touch "${OCI_LINT_MAN_STAMP}"
  DEPENDS oci-lint
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
