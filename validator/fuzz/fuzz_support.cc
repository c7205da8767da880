#include "fuzz_support.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "json/parser.h"
#include "lint/rules/catalogue.h"

namespace ocilint::fuzz {

Result<std::string> MemoryHost::ReadFile(const std::string& path) const {
  auto found = files.find(path);
  if (found == files.end()) return SystemError("cannot read " + path, ENOENT);
  return found->second;
}

Result<std::string> MemoryHost::KernelRelease() const {
  return std::string("6.1.0-13-amd64");
}

Result<CommandOutput> MemoryHost::Run(const std::vector<std::string>& argv) const {
  return SystemError("no command runs under the fuzzer: " + (argv.empty() ? "" : argv[0]), ENOENT);
}

namespace {

struct ScratchDirOwner {
  std::string path;
  ScratchDirOwner() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/oci-lint-fuzz-XXXXXX";
    if (!mkdtemp(pattern.data())) {
      std::perror("mkdtemp");
      std::abort();
    }
    path = pattern;
  }
  ~ScratchDirOwner() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

const std::string& ScratchDir() {
  static ScratchDirOwner owner;
  return owner.path;
}

std::string WriteScratchFile(const std::string& name, std::string_view text) {
  std::string path = ScratchDir() + "/" + name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) {
    std::perror(path.c_str());
    std::abort();
  }
  return path;
}

std::string_view RichConfig() {
  return R"({"ociVersion":"1.2.0","process":{"terminal":false,"user":{"uid":1000,"gid":1000,
"additionalGids":[5,5]},"args":["/bin/sh"],"env":["PATH=/bin","PATH=/usr/bin"],"cwd":"/",
"capabilities":{"bounding":["CAP_SYS_ADMIN","CAP_KILL","CAP_BPF","CAP_NET_RAW"],
"effective":["CAP_KILL","CAP_SYS_ADMIN"],"inheritable":["CAP_NET_RAW"],
"permitted":["CAP_KILL","CAP_SYS_ADMIN","CAP_CHECKPOINT_RESTORE"],
"ambient":["CAP_NET_RAW","CAP_KILL"]},"rlimits":[{"type":"RLIMIT_NOFILE","hard":1048576,
"soft":4096},{"type":"RLIMIT_NPROC","hard":10,"soft":20},{"type":"RLIMIT_MEMLOCK","hard":65536,
"soft":65536}],"noNewPrivileges":true,"oomScoreAdj":-1000,"apparmorProfile":"x",
"ioPriority":{"class":"IOPRIO_CLASS_RT","priority":7},"scheduler":{"policy":"SCHED_FIFO",
"priority":1}},"root":{"path":"rootfs","readonly":true},"hostname":"h","domainname":"d",
"mounts":[{"destination":"/proc","type":"proc","source":"proc"},{"destination":"/dev",
"type":"tmpfs","source":"tmpfs","options":["nosuid","mode=755","idmap"]},
{"destination":"data","type":"bind","source":"/srv","options":["rbind","ro","rw"]}],
"hooks":{"prestart":[{"path":"hook"}],"createRuntime":[{"path":"/bin/true","timeout":0}]},
"annotations":{"org.opencontainers.image.created":"yesterday","dev.oci-lint.ignore":
"cap-unknown,nosuch"},"linux":{"namespaces":[{"type":"pid"},{"type":"network","path":"/proc/1/ns/net"},
{"type":"user"},{"type":"time"},{"type":"cgroup"},{"type":"pid"}],
"uidMappings":[{"containerID":0,"hostID":1000,"size":1}],"gidMappings":[{"containerID":0,
"hostID":1000,"size":1}],"timeOffsets":{"monotonic":{"secs":1}},"devices":[{"path":"/dev/fuse",
"type":"c","major":10,"minor":229,"fileMode":8630},{"path":"dev/x","type":"p","major":1,
"minor":2}],"cgroupsPath":"/a/b","resources":{"memory":{"limit":1024,"reservation":4096,
"swap":512},"cpu":{"shares":1,"quota":-1,"period":100,"cpus":"0-3,7","mems":"0"},
"pids":{"limit":0},"hugepageLimits":[{"pageSize":"2MB","limit":0}],"blockIO":{"weight":5},
"devices":[{"allow":false,"access":"rwm"},{"allow":true,"type":"c","major":10,"access":"x"}],
"unified":{"memory.max":"max"}},"sysctl":{"net.ipv4.ip_forward":"1","kernel.shmmax":"1",
"vm.swappiness":"0"},"seccomp":{"defaultAction":"SCMP_ACT_ERRNO","defaultErrnoRet":1,
"architectures":["SCMP_ARCH_X86_64"],"flags":["SECCOMP_FILTER_FLAG_LOG"],
"syscalls":[{"names":["clone3","nosuch"],"action":"SCMP_ACT_NOTIFY"}],"listenerPath":"rel"},
"maskedPaths":["/proc/kcore","rel"],"readonlyPaths":["/proc/sys"],"rootfsPropagation":"shared",
"mountLabel":"x","personality":{"domain":"LINUX"},"intelRdt":{"closID":"a"}}})";
}

std::string_view RuncFeatures() {
  return R"({"ociVersionMin":"1.0.0","ociVersionMax":"1.1.0+dev","hooks":["prestart",
"createRuntime","createContainer","startContainer","poststart","poststop"],
"mountOptions":["ro","rw","rbind","nosuid","mode"],"linux":{"namespaces":["cgroup","ipc",
"mount","network","pid","user","uts"],"capabilities":["CAP_CHOWN","CAP_KILL","CAP_SYS_ADMIN",
"CAP_NET_RAW","CAP_BPF"],"cgroup":{"v1":true,"v2":true,"systemd":true,"systemdUser":true},
"seccomp":{"enabled":true,"actions":["SCMP_ACT_ALLOW","SCMP_ACT_ERRNO"],"operators":[
"SCMP_CMP_EQ"],"archs":["SCMP_ARCH_X86_64"],"knownFlags":["SECCOMP_FILTER_FLAG_LOG"],
"supportedFlags":["SECCOMP_FILTER_FLAG_LOG"]},"apparmor":{"enabled":true},"selinux":{
"enabled":false},"intelRdt":{"enabled":false}},"annotations":{"io.github.seccomp.libseccomp.version":
"2.5.4","org.opencontainers.runc.commit":"v1.1.5","org.opencontainers.runc.version":"1.1.5"}})";
}

std::string_view StatusWithLimits() {
  return "Name:\tcat\nCapInh:\t0000000000000000\nCapPrm:\t00000000a80425fb\n"
         "CapEff:\t00000000a80425fb\nCapBnd:\t00000000a80425fb\nCapAmb:\t0000000000000000\n"
         "NoNewPrivs:\t0\n"
         "Limit                     Soft Limit           Hard Limit           Units     \n"
         "Max cpu time              unlimited            unlimited            seconds   \n"
         "Max open files            1024                 524288               files     \n"
         "Max processes             63704                63704                processes \n"
         "Max locked memory         8388608              8388608              bytes     \n";
}

namespace {

bool IsJsonFormat(std::string_view name) {
  return name == "json" || name == "sarif" || name == "gitlab";
}

}  // namespace

void RenderEveryFormat(const std::vector<diag::FileReport>& files, const lint::Target& target,
                       std::string_view schema_description, bool color,
                       report::Verbosity verbosity) {
  report::ReportContext context{"fuzz",
                                std::string(schema_description),
                                color,
                                lint::DescribeTarget(target),
                                lint::AllRules(),
                                verbosity};
  for (const report::Format& format : report::AllFormats()) {
    std::ostringstream out;
    format.write(out, files, context);
    std::string text = out.str();
    if (text.empty() && verbosity != report::Verbosity::kQuiet) {
      std::fprintf(stderr, "format %s wrote nothing\n", std::string(format.name).c_str());
      std::abort();
    }
    if (IsJsonFormat(format.name) && !json::Parse(text).clean_syntax) {
      std::fprintf(stderr, "format %s wrote invalid JSON:\n%s\n", std::string(format.name).c_str(),
                   text.c_str());
      std::abort();
    }
  }
}

void CheckPositions(const diag::FileReport& report, std::string_view text) {
  for (const diag::Diagnostic& d : report.diagnostics) {
    bool located = !d.offset || (*d.offset <= text.size() && d.line >= 1 && d.column >= 1);
    if (!located || d.message.empty()) {
      std::fprintf(stderr, "finding %s at offset %zu line %u column %u of a %zu-byte input: %s\n",
                   d.rule.c_str(), d.offset.value_or(0), d.line, d.column, text.size(),
                   d.message.c_str());
      std::abort();
    }
  }
}

}  // namespace ocilint::fuzz
