/* A process tree whose middle allocates nothing: the top mallocs 100 bytes and forks a middle
 * process, which forks a grandchild and exits at once; the grandchild waits until it is an orphan,
 * then mallocs 1000 bytes. Known: 2 allocations (1100 bytes), 2 frees, all in the top's tree. */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
  int done[2];
  if (pipe(done) != 0) return 2;
  void *p = malloc(100);
  pid_t middle = fork();
  if (middle == 0) {
    pid_t me = getpid();
    if (fork() == 0) {
      close(done[0]);
      while (getppid() == me) usleep(1000);
      free(malloc(1000));
      _exit(0);
    }
    _exit(0);
  }
  close(done[1]);
  waitpid(middle, NULL, 0);
  char c;
  while (read(done[0], &c, 1) > 0) {} /* EOF once the grandchild has exited */
  free(p);
  return 0;
}
