/*
 * pacer-rusage-exec <command> [args...]: runs the command and writes its resource usage, from
 * wait4(2), as one JSON line to file descriptor 3 (a pipe from `pacer __rusage`).
 *
 * Why a separate, tiny, static program: Linux keeps a process's peak RSS across exec (exec_mmap
 * folds the old address space's high-water mark into the process's maxrss). A command spawned by
 * pacer (a ~30 MB Bun process, vfork + exec) therefore reports at least pacer's own peak. Here the
 * command is a fork of this small program, so the peak it starts from is a few pages, and wait4 on
 * it reports the command's own max RSS (and that of the descendants it waited for).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define REPORT_FD 3

static volatile pid_t child;

/* Termination requests go to the command, which decides; we report once it has exited. */
static void forward(int sig) {
  if (child > 0) kill(child, sig);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: pacer-rusage-exec <command> [args...]\n");
    return 2;
  }
  /* The report pipe is ours: the command must not inherit it. */
  if (fcntl(REPORT_FD, F_SETFD, FD_CLOEXEC) != 0) {
    fprintf(stderr, "pacer-rusage-exec: file descriptor %d is not open\n", REPORT_FD);
    return 2;
  }
  child = fork();
  if (child < 0) {
    fprintf(stderr, "pacer-rusage-exec: fork: %s\n", strerror(errno));
    return 126;
  }
  if (child == 0) {
    execvp(argv[1], argv + 1);
    fprintf(stderr, "pacer-rusage-exec: cannot run \"%s\": %s\n", argv[1], strerror(errno));
    _exit(errno == ENOENT ? 127 : 126);
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = forward;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  /* If pacer dies (killed, or a SIGINT sent to it alone), stop the command rather than orphan it. */
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  /* Ctrl-C reaches the whole foreground group, the command included: outlive it to report. */
  signal(SIGINT, SIG_IGN);
  signal(SIGQUIT, SIG_IGN);

  int status;
  struct rusage ru;
  pid_t r;
  do r = wait4(child, &status, 0, &ru);
  while (r < 0 && errno == EINTR);
  if (r < 0) {
    fprintf(stderr, "pacer-rusage-exec: wait4: %s\n", strerror(errno));
    return 126;
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  dprintf(REPORT_FD,
          "{\"exitCode\":%d,\"signal\":%d,\"userCpuUs\":%lld,\"systemCpuUs\":%lld,\"maxRssKb\":%ld}\n",
          code, sig,
          (long long)ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec,
          (long long)ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec,
          ru.ru_maxrss);
  return sig ? 128 + sig : code;
}
