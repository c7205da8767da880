#include "conformance/scenario.h"

#include "caps/table.h"

namespace ocilint::conformance {

namespace {

using Sets = std::array<std::vector<std::string>, 5>;

/// The same list in bounding, effective and permitted (as `runc spec` writes them).
Sets Bep(std::vector<std::string> caps) {
  return {caps, caps, {}, caps, {}};
}

const std::vector<std::string> kDefaultCaps = {"CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE"};

Scenario Named(std::string id, std::string title, std::string description) {
  Scenario s;
  s.id = std::move(id);
  s.title = std::move(title);
  s.description = std::move(description);
  return s;
}

std::vector<std::string> With(std::vector<std::string> caps, const std::string& extra) {
  caps.push_back(extra);
  return caps;
}

}  // namespace

std::vector<Scenario> Battery(int cap_last_cap) {
  std::vector<Scenario> battery;

  Scenario baseline =
      Named("baseline", "Ordinary capabilities are granted",
            "CAP_CHOWN, CAP_KILL and CAP_NET_BIND_SERVICE in bounding, effective and "
            "permitted, as `runc spec` writes them: the process must get exactly those.");
  baseline.sets = Bep(kDefaultCaps);
  battery.push_back(baseline);

  const std::string unknown = "CAP_OCI_LINT_NO_SUCH_CAPABILITY";
  Scenario unknown_name =
      Named("unknown-name", "An unknown capability name is warned about and skipped",
            "The invented name " + unknown +
                " in every set next to the ordinary ones: the runtime must warn, "
                "should not fail, and must grant the rest.");
  unknown_name.sets = {With(kDefaultCaps, unknown),
                       With(kDefaultCaps, unknown),
                       {unknown},
                       With(kDefaultCaps, unknown),
                       {unknown}};
  unknown_name.ungrantable = {unknown};
  battery.push_back(unknown_name);

  Scenario malformed =
      Named("malformed-name", "Lower-case and unprefixed names",
            "\"cap_kill\" and \"NET_BIND_SERVICE\" instead of their canonical names, next "
            "to CAP_CHOWN: the runtime may map them to CAP_KILL and "
            "CAP_NET_BIND_SERVICE or skip them, but must warn about what it skips and "
            "should not fail. The report records which it did.");
  malformed.sets = Bep({"CAP_CHOWN", "cap_kill", "NET_BIND_SERVICE"});
  malformed.malformed = {"cap_kill", "NET_BIND_SERVICE"};
  battery.push_back(malformed);

  Scenario kernel = Named("kernel-unsupported", "A capability newer than the running kernel", "");
  const caps::Capability* newer = caps::FindByNumber(cap_last_cap + 1);
  if (newer) {
    std::string name(newer->name);
    kernel.description = name + " (added in Linux " + newer->since.ToString() +
                         ") is above this kernel's cap_last_cap " + std::to_string(cap_last_cap) +
                         ": the runtime must warn, should not fail, and must grant the rest.";
    kernel.sets = Bep(With(kDefaultCaps, name));
    kernel.ungrantable = {name};
  } else {
    kernel.description = "A capability above the running kernel's cap_last_cap.";
    kernel.skip_reason = "this kernel (cap_last_cap " + std::to_string(cap_last_cap) +
                         ") supports every capability oci-lint knows";
  }
  battery.push_back(kernel);

  Scenario environment =
      Named("environment-unavailable", "A capability missing from the runtime's own bounding set",
            "The runner drops CAP_SYS_TIME from its bounding set before it execs the "
            "runtime (as in docker-in-docker or a restricted sandbox), and the config "
            "asks for CAP_SYS_TIME: the runtime must warn, should not fail, and must "
            "grant the rest.");
  environment.sets = Bep(With(kDefaultCaps, "CAP_SYS_TIME"));
  environment.runner_drops = {25};
  environment.ungrantable = {"CAP_SYS_TIME"};
  battery.push_back(environment);

  Scenario ambient =
      Named("ambient-without-inheritable", "Ambient capabilities missing from inheritable",
            "CAP_NET_BIND_SERVICE in ambient (and bounding, effective, permitted) but not "
            "in inheritable: the kernel refuses to raise it, so the runtime should not "
            "fail, the capability must not be ambient, and a warning is required.");
  ambient.sets = {kDefaultCaps, kDefaultCaps, {}, kDefaultCaps, {"CAP_NET_BIND_SERVICE"}};
  ambient.ungrantable = {"CAP_NET_BIND_SERVICE"};
  battery.push_back(ambient);

  Scenario non_root =
      Named("non-root-ambient", "A non-root process keeps an ambient capability",
            "uid 1000 with CAP_NET_BIND_SERVICE in inheritable, permitted, effective, "
            "bounding and ambient: after execve the capability survives (only through "
            "ambient), as capabilities(7) predicts.");
  non_root.sets.fill({"CAP_NET_BIND_SERVICE"});
  non_root.uid = 1000;
  non_root.gid = 1000;
  battery.push_back(non_root);

  Scenario nnp =
      Named("no-new-privileges", "no_new_privs with a bounding set smaller than permitted",
            "noNewPrivileges with bounding {CAP_CHOWN} and permitted/effective {CAP_CHOWN, "
            "CAP_KILL}: as root under no_new_privs, execve keeps (bounding | inheritable) & "
            "permitted = {CAP_CHOWN}.");
  nnp.sets = Sets{std::vector<std::string>{"CAP_CHOWN"},
                  {"CAP_CHOWN", "CAP_KILL"},
                  {},
                  {"CAP_CHOWN", "CAP_KILL"},
                  {}};
  nnp.no_new_privileges = true;
  battery.push_back(nnp);
  return battery;
}

}  // namespace ocilint::conformance
