#include "util/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "util/signals.h"

namespace ocilint {

namespace {

long long NowMs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

}  // namespace

Result<CommandOutput> RunCommand(const std::vector<std::string>& argv, int timeout_seconds,
                                 size_t max_output, const CommandSetup& setup) {
  if (argv.empty()) return Error{"RunCommand: empty argv", EINVAL};
  int out_pipe[2], err_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) return SystemError("pipe");
  if (pipe2(err_pipe, O_CLOEXEC) != 0) {
    int saved = errno;
    close(out_pipe[0]);
    close(out_pipe[1]);
    return SystemError("pipe", saved);
  }
  std::vector<char*> args;
  std::vector<std::string> copies(argv);
  for (std::string& a : copies) args.push_back(a.data());
  args.push_back(nullptr);

  pid_t pid = fork();
  if (pid < 0) {
    int saved = errno;
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
    return SystemError("fork", saved);
  }
  if (pid == 0) {
    setpgid(0, 0);
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull >= 0) dup2(devnull, STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    if (!setup.cwd.empty() && chdir(setup.cwd.c_str()) != 0) _exit(126);
    if (setup.before_exec && !setup.before_exec()) _exit(126);
    execvp(args[0], args.data());
    _exit(127);
  }
  setpgid(pid, pid);  // as the child does: whichever runs first, the group exists before a kill
  close(out_pipe[1]);
  close(err_pipe[1]);
  CommandOutput result;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_count = 2;
  long long deadline = NowMs() + timeout_seconds * 1000LL;
  while (open_count > 0) {
    long long left = deadline - NowMs();
    if (left <= 0) {
      result.timed_out = true;
      break;
    }
    if (setup.interruptible && TerminationSignals::Pending()) {
      result.interrupted = true;
      break;
    }
    // Bounded, so a signal that lands just before poll is seen within a second.
    int n = poll(fds, 2, static_cast<int>(std::min(left, 1000LL)));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buffer[65536];
      ssize_t got = read(fds[i].fd, buffer, sizeof buffer);
      if (got <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_count;
      } else if (sinks[i]->size() < max_output) {
        sinks[i]->append(buffer, static_cast<size_t>(got));
      }
    }
  }
  for (pollfd& p : fds) {
    if (p.fd >= 0) close(p.fd);
  }
  // The whole group: a wrapper script's children (or a runtime's helpers that stayed in it) go
  // too. The leader is not reaped yet, so its group ID cannot have been reused.
  if (result.timed_out || result.interrupted) kill(-pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace ocilint
