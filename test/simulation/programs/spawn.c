/* Budget: 200k in the parent, then whatever the spawned program argv[1..] costs. */
#include <spawn.h>
#include <sys/wait.h>
#include "spin.h"
extern char **environ;
int main(int argc, char **argv) {
  if (argc < 2) return 2;
  spin(100000);
  pid_t child;
  if (posix_spawn(&child, argv[1], 0, 0, argv + 1, environ) != 0) return 3;
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 4;
}
