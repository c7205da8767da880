#pragma once

namespace ocilint {

/// While alive, SIGTERM, SIGHUP and SIGINT no longer end the process: the first one is noted,
/// RunCommand and the probe stop their children early, and the command cleans up as after
/// success, then exits 128 + the signal (TerminationExitCode). Not nestable; one per command.
class TerminationSignals {
 public:
  TerminationSignals();
  ~TerminationSignals();
  TerminationSignals(const TerminationSignals&) = delete;
  TerminationSignals& operator=(const TerminationSignals&) = delete;

  /// The first termination signal received while this object is alive, or 0.
  static int Pending();
  /// 128 + Pending(): the shell's convention for "ended by that signal".
  static int ExitCode() { return 128 + Pending(); }
};

}  // namespace ocilint
