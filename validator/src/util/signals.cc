#include "util/signals.h"

#include <signal.h>

#include <csignal>

namespace ocilint {

namespace {

volatile std::sig_atomic_t pending = 0;
constexpr int kSignals[] = {SIGTERM, SIGHUP, SIGINT};
struct sigaction previous[3];

void Note(int signal) {
  if (pending == 0) pending = signal;
}

}  // namespace

TerminationSignals::TerminationSignals() {
  pending = 0;
  struct sigaction action = {};
  action.sa_handler = Note;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocking poll or wait returns EINTR
  for (int i = 0; i < 3; ++i) sigaction(kSignals[i], &action, &previous[i]);
}

TerminationSignals::~TerminationSignals() {
  for (int i = 0; i < 3; ++i) sigaction(kSignals[i], &previous[i], nullptr);
  pending = 0;
}

int TerminationSignals::Pending() {
  return pending;
}

}  // namespace ocilint
